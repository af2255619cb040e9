/** What every merchant-api function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { MerchantsService } from '../merchants/index.ts'
import type { MerchantApiTables } from './merchant-api-tables.ts'

export type MerchantApiDb = Kysely<MerchantApiTables>

export interface MerchantApiRules {
  /** A signed request whose timestamp is further from now than this is refused (WeChat: 300 s). */
  clockSkewMs: number
  /** How long a platform key stays valid after it was made (certificates: 5 years like WeChat's). */
  platformKeyValidityMs: number
  /** A merchant API certificate we issue is valid this long. */
  merchantCertificateValidityMs: number
}

export const DEFAULT_MERCHANT_API_RULES: MerchantApiRules = {
  clockSkewMs: 300_000,
  platformKeyValidityMs: 5 * 365 * 24 * 3600_000,
  merchantCertificateValidityMs: 5 * 365 * 24 * 3600_000,
}

export interface MerchantApiContext {
  db: MerchantApiDb
  clock: Clock
  secrets: SecretBox
  merchants: MerchantsService
  rules: MerchantApiRules
}

export const PLATFORM_KEY_MODES = ['pubkey', 'cert'] as const
export type PlatformKeyMode = (typeof PLATFORM_KEY_MODES)[number]

/** Platform keys one merchant may hold at once (rotation keeps the old one a while). */
export const PLATFORM_KEYS_PER_MERCHANT_MAX = 5
export const PUBLIC_KEY_PEM_LENGTH_MAX = 4000
