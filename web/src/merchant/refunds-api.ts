import { api } from '../shared/api'
import type {
  RefundCreateRequest,
  RefundList,
  RefundRequestList,
  RefundRequestView,
  RefundView,
  RequestDecision,
} from '@contract/refunds'

export type { RefundRequestView, RefundView } from '@contract/refunds'

/** The merchant console's refunds; every shape is the server's contract. */
export const refundsApi = {
  create: (body: RefundCreateRequest) => api.post<RefundView>('/api/v1/merchant/refunds', body),
  list: () => api.get<RefundList>('/api/v1/merchant/refunds?limit=50'),
  requests: () => api.get<RefundRequestList>('/api/v1/merchant/refund-requests'),
  decide: (requestId: string, body: RequestDecision) =>
    api.post<RefundRequestView>(
      `/api/v1/merchant/refund-requests/${encodeURIComponent(requestId)}/decision`,
      body,
    ),
}
