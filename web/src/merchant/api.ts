import { api } from '../shared/api'
import type { MerchantConsoleMe, MerchantSessionProbe, StaffSignedIn } from '@contract/merchants'

/** The merchant console's view of its API; every shape is the server's contract. */
export type {
  MerchantConsoleMe,
  MerchantView as Merchant,
  StaffView as Staff,
} from '@contract/merchants'

export const merchantApi = {
  signIn: (username: string, password: string) =>
    api.post<StaffSignedIn>('/api/v1/merchant/sessions', { username, password }),
  signOut: () => api.delete('/api/v1/merchant/sessions'),
  me: () => api.get<MerchantConsoleMe>('/api/v1/merchant/me'),
  session: () => api.get<MerchantSessionProbe>('/api/v1/merchant/session'),
}

/** 60 basis points → '0.60%'. */
export function formatFeeRate(rateBp: number): string {
  return `${Math.floor(rateBp / 100)}.${String(rateBp % 100).padStart(2, '0')}%`
}
