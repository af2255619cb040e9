/** What every notifications function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { EncryptedResource, SignatureHeaders } from '../merchant-api/index.ts'
import type { NotificationsTables } from './notifications-tables.ts'

export const EVENT_TYPES = [
  'TRANSACTION.SUCCESS',
  'REFUND.SUCCESS',
  'REFUND.ABNORMAL',
  'REFUND.CLOSED',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const SIGNATURE_FAULTS = ['garbled', 'probe'] as const
export type SignatureFault = (typeof SIGNATURE_FAULTS)[number]

export interface NotificationRules {
  /**
   * The waits between attempts after a failure (reference §5.4, WeChat: 15s/15s/30s/3m/10m/20m/
   * 30m/30m/30m/60m/3h/3h/3h/6h/6h). Attempts in all: the first delivery + one per wait.
   */
  retryDelaysMs: readonly number[]
  /** The merchant must answer within this (WeChat: 5 s); then the attempt failed. */
  attemptTimeoutMs: number
  /** Deliveries to one merchant at once: a slow endpoint holds only its own slots. */
  perMerchantConcurrency: number
  /** Deliveries this process runs at once, all merchants together. */
  concurrencyMax: number
  /** Due events one dispatch pass looks at. */
  dispatchBatchMax: number
  /** Bytes of the merchant's answer kept in the attempt log. */
  responseExcerptBytesMax: number
  /**
   * Sandbox: notify_url may be http://127.0.0.1 and deliveries may reach loopback. In
   * production every resolved address is checked (no SSRF through a public name).
   */
  sandbox: boolean
}

const MINUTE = 60_000
export const WECHAT_RETRY_DELAYS_MS: readonly number[] = [
  15_000,
  15_000,
  30_000,
  3 * MINUTE,
  10 * MINUTE,
  20 * MINUTE,
  30 * MINUTE,
  30 * MINUTE,
  30 * MINUTE,
  60 * MINUTE,
  180 * MINUTE,
  180 * MINUTE,
  180 * MINUTE,
  360 * MINUTE,
  360 * MINUTE,
]

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  retryDelaysMs: WECHAT_RETRY_DELAYS_MS,
  attemptTimeoutMs: 5_000,
  perMerchantConcurrency: 2,
  concurrencyMax: 32,
  dispatchBatchMax: 200,
  responseExcerptBytesMax: 512,
  sandbox: false,
}

export type NotificationsDb = Kysely<NotificationsTables>

/** The merchant API as notifications use it: the APIv3 key and the platform signature. */
export interface NotificationsMerchantApi {
  apiV3Key(merchantId: string, executor?: Db): Promise<string | undefined>
  sign(
    merchantId: string,
    requestedKeyId: string | undefined,
    body: string,
    options?: { forceBadSignature?: SignatureFault },
  ): Promise<SignatureHeaders | undefined>
  encryptResource(apiV3Key: string, plaintext: string, associatedData: string): EncryptedResource
}

export interface NotificationsContext {
  db: NotificationsDb
  clock: Clock
  merchantApi: NotificationsMerchantApi
  rules: NotificationRules
  /** This process's name in leases. */
  owner: string
  /** Deliveries running in this process (never two of one event at once). */
  inFlight: Map<string, Promise<void>>
  onDeliveryError?: ((eventId: string, error: unknown) => void) | undefined
}
