import { api, queryString } from '../shared/api'
import type {
  AdminMerchantDetail,
  MerchantCategoryList,
  MerchantCreated,
  MerchantCreateRequest,
  MerchantList,
  MerchantStatus,
  MerchantView,
} from '@contract/merchants'
import type { OperatorRole } from '@contract/admin'

/** The admin console's view of the merchant API; every shape is the server's contract. */
export type {
  MerchantCreated,
  MerchantCreateRequest,
  MerchantStatus,
  MerchantView as Merchant,
} from '@contract/merchants'

const merchantPath = (id: string) => `/api/v1/admin/merchants/${encodeURIComponent(id)}`

export const merchantsAdminApi = {
  search: (query: string) =>
    api.get<MerchantList>(`/api/v1/admin/merchants${queryString({ query: query || undefined })}`),
  detail: (id: string) => api.get<AdminMerchantDetail>(merchantPath(id)),
  categories: () => api.get<MerchantCategoryList>('/api/v1/admin/merchant-categories'),
  create: (request: MerchantCreateRequest) =>
    api.post<MerchantCreated>('/api/v1/admin/merchants', request),
  setStatus: (id: string, status: MerchantStatus, reason: string) =>
    api.post<MerchantView>(`${merchantPath(id)}/status`, { status, reason }),
}

/** Mirrors the server's merchants.manage (admin only); the server enforces it. */
export function mayManageMerchants(role: OperatorRole): boolean {
  return role === 'admin'
}

/** 60 basis points → '0.60%': integer arithmetic, as every amount in the wallet. */
export function formatFeeRate(rateBp: number): string {
  return `${Math.floor(rateBp / 100)}.${String(rateBp % 100).padStart(2, '0')}%`
}
