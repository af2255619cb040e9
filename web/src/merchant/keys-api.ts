import { api } from '../shared/api'
import type {
  MerchantApiCredentials,
  MerchantApiKeysCreate,
  MerchantApiKeysRotate,
  MerchantApiKeysView,
  MerchantBillHostUpdate,
} from '@contract/merchant-api-keys'

export type { MerchantApiCredentials, MerchantApiKeysView } from '@contract/merchant-api-keys'

/** The console's API keys (owner only); every shape is the server's contract. */
export const merchantKeysApi = {
  view: () => api.get<MerchantApiKeysView>('/api/v1/merchant/api-keys'),
  create: (request: MerchantApiKeysCreate) =>
    api.post<MerchantApiCredentials>('/api/v1/merchant/api-keys', request),
  rotate: (request: MerchantApiKeysRotate) =>
    api.post<MerchantApiCredentials>('/api/v1/merchant/api-keys/rotate', request),
  setBillHost: (request: MerchantBillHostUpdate) =>
    api.put<MerchantApiKeysView>('/api/v1/merchant/api-keys/bill-download-host', request),
}

/** The credentials as a file, like `lingqian merchant credentials --json > credentials.json`. */
export function downloadCredentials(credentials: MerchantApiCredentials): void {
  const blob = new Blob([`${JSON.stringify(credentials, null, 2)}\n`], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `credentials-${credentials.mchid}.json`
  link.click()
  URL.revokeObjectURL(url)
}
