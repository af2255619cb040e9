import { api } from '../shared/api'
import type {
  CampaignCreateRequest,
  CampaignList,
  CampaignView,
  SettlementList,
  SettlementView,
} from '@contract/merchant-money'
import type { StaffList, StaffView, CashierCreateRequest } from '@contract/merchants'

export type { CampaignView, SettlementView } from '@contract/merchant-money'

/** The merchant console's settlements, coupons and staff; every shape is the server's contract. */
export const merchantMoneyApi = {
  settlements: () => api.get<SettlementList>('/api/v1/merchant/settlements'),
  settlement: (day: string) =>
    api.get<SettlementView>(`/api/v1/merchant/settlements/${encodeURIComponent(day)}`),
  settlementsCsvUrl: '/api/v1/merchant/settlements.csv',
  campaigns: () => api.get<CampaignList>('/api/v1/merchant/coupons'),
  createCampaign: (request: CampaignCreateRequest) =>
    api.post<CampaignView>('/api/v1/merchant/coupons', request),
  endCampaign: (campaignId: string) =>
    api.post<CampaignView>(`/api/v1/merchant/coupons/${encodeURIComponent(campaignId)}/end`),
  staff: () => api.get<StaffList>('/api/v1/merchant/staff'),
  addCashier: (request: CashierCreateRequest) =>
    api.post<StaffView>('/api/v1/merchant/staff', request),
}

/** Today in Shanghai as YYYY-MM-DD (the campaign form's default dates). */
export function shanghaiToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10)
}
