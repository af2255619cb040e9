/**
 * @module notifications
 * Merchant notifications on the WeChat Pay v3 wire (issue 13, "Notifications"; reference §5): a
 * durable outbox of events — TRANSACTION.SUCCESS written in the payment's own transaction,
 * REFUND.SUCCESS / ABNORMAL / CLOSED once per ending of a v3 refund — each with its resource
 * AEAD_AES_256_GCM-encrypted with the merchant's APIv3 key, delivered by the job runner signed
 * with the platform key, retried on WeChat's schedule with the same event id until the merchant
 * answers 200/204, every attempt logged, resendable. A slow or failing endpoint holds only its
 * own merchant's few delivery slots, for at most the attempt timeout.
 *
 * @example
 * const notifications = createNotificationsService({ db, clock, merchantApi, rules: { sandbox } })
 * await notifications.record({ merchantId, sourceKey: `pay:${id}`, eventType: 'TRANSACTION.SUCCESS',
 *   notifyUrl, resource: transaction }, trx)
 * await notifications.dispatch() // the job, every second: claims due events, starts deliveries
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import {
  DEFAULT_NOTIFICATION_RULES,
  type NotificationRules,
  type NotificationsContext,
  type NotificationsDb,
  type NotificationsMerchantApi,
  type SignatureFault,
} from './context.ts'
import { type DeliveryLogQuery, deliveryLog, resendEvent } from './delivery-log.ts'
import { dispatchDue, settleInFlight } from './dispatch.ts'
import { type NewEvent, recordEvent } from './events.ts'
import {
  dropRefundWatch,
  type RefundNotice,
  type RefundNoticePort,
  reportRefund,
  sweepRefundWatches,
  watchRefund,
} from './refund-watch.ts'
import { setSignatureFaults, signatureFaults } from './signature-faults.ts'

export {
  DEFAULT_NOTIFICATION_RULES,
  EVENT_TYPES,
  type EventType,
  type NotificationRules,
  SIGNATURE_FAULTS,
  type SignatureFault,
  WECHAT_RETRY_DELAYS_MS,
} from './context.ts'
export {
  DELIVERY_LOG_LIMIT_MAX,
  type DeliveryLogQuery,
  type EventDeliveries,
} from './delivery-log.ts'
export type { DeliveryAttempt, NotificationEvent } from './event-rows.ts'
export type { NewEvent, RecordedEvent } from './events.ts'
export type { RefundEnding, RefundNotice, RefundNoticePort } from './refund-watch.ts'
export { SIGNATURE_FAULTS_MAX } from './signature-faults.ts'

/** The job kinds (src/shared/job-kinds.ts): the delivery pass and the refund sweep. */
export const NOTIFICATIONS_JOB_DISPATCH = 'notifications.deliver'
export const NOTIFICATIONS_JOB_REFUNDS = 'notifications.watch-refunds'

export interface NotificationsDeps {
  db: Db
  clock: Clock
  merchantApi: NotificationsMerchantApi
  rules?: Partial<NotificationRules>
  owner?: string
  onDeliveryError?: (eventId: string, error: unknown) => void
}

export function createNotificationsService(deps: NotificationsDeps) {
  const ctx: NotificationsContext = {
    db: deps.db as NotificationsDb,
    clock: deps.clock,
    merchantApi: deps.merchantApi,
    rules: { ...DEFAULT_NOTIFICATION_RULES, ...deps.rules },
    owner: deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    inFlight: new Map(),
    onDeliveryError: deps.onDeliveryError,
  }
  let refundPort: RefundNoticePort | undefined
  return {
    /** Into the outbox, once per `sourceKey`; `executor`: the causing change's transaction. */
    record: (event: NewEvent, executor?: Db) => recordEvent(ctx, event, executor),
    /** The delivery job: claims due events and starts their deliveries (never waits on them). */
    dispatch: () => dispatchDue(ctx),
    /** Waits for this process's running deliveries (tests, graceful stop). */
    settle: () => settleInFlight(ctx),
    deliveryLog: (merchantId: string, query?: DeliveryLogQuery) =>
      deliveryLog(ctx, merchantId, query),
    resend: (merchantId: string, eventId: string) => resendEvent(ctx, merchantId, eventId),
    setSignatureFaults: (merchantId: string, mode: SignatureFault, count: number) =>
      setSignatureFaults(ctx, merchantId, mode, count),
    signatureFaults: (merchantId: string) => signatureFaults(ctx, merchantId),
    /** Where the refund sweep reads refunds (set by the wiring: the refunds module's view). */
    setRefundNoticePort: (port: RefundNoticePort) => {
      refundPort = port
    },
    watchRefund: (watch: Parameters<typeof watchRefund>[1]) => watchRefund(ctx, watch),
    dropRefundWatch: (merchantId: string, outRefundNo: string) =>
      dropRefundWatch(ctx, merchantId, outRefundNo),
    reportRefund: (merchantId: string, outRefundNo: string, notice: RefundNotice) =>
      reportRefund(ctx, merchantId, outRefundNo, notice),
    /** The refund sweep job. */
    sweepRefunds: async () => (refundPort ? sweepRefundWatches(ctx, refundPort) : 0),
    rules: (): Readonly<NotificationRules> => ctx.rules,
  }
}

export type NotificationsService = ReturnType<typeof createNotificationsService>
