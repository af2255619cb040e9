/**
 * v3 notifications wired into the app: the outbox over the merchant API (APIv3 key, platform
 * signatures), TRANSACTION.SUCCESS written in the transaction that pays a v3 order (one with a
 * notify_url), the v3 refund sweep reading refunds through their index, and the two jobs — the
 * delivery pass every second and the refund sweep. Kept here so app.ts gains two lines.
 */
import type { Logger } from 'pino'
import type { Config } from './config.ts'
import type { Clock } from './adapters/clock/index.ts'
import type { DatabaseHandle } from './adapters/db/index.ts'
import { transactionView } from './http/v3/transaction-view.ts'
import { refundNotice } from './http/v3/refunds.ts'
import type { JobsService } from './modules/jobs/index.ts'
import { encryptResource, type MerchantApi } from './modules/merchant-api/index.ts'
import {
  createNotificationsService,
  NOTIFICATIONS_JOB_DISPATCH,
  NOTIFICATIONS_JOB_REFUNDS,
  type NotificationRules,
  type NotificationsService,
} from './modules/notifications/index.ts'
import type { PaymentsService } from './modules/payments/index.ts'
import type { RefundsService } from './modules/refunds/index.ts'
import type { AppJobKind } from './shared/job-kinds.ts'

export interface NotificationsWiring {
  clock: Clock
  database: DatabaseHandle
  logger: Logger
  jobs: JobsService
  merchantApi: MerchantApi
  payments: PaymentsService
  refunds: RefundsService
}

/** The delivery pass: often, so a paid order's notice leaves within about a second. */
const DISPATCH_EVERY_MS = 1_000

/** Sandbox (LQ_SANDBOX): notify_url may be http://127.0.0.1 and loopback is reachable. */
export async function wireNotifications(
  config: Pick<Config, 'sandbox' | 'expirySweepIntervalMs'>,
  rules: Partial<NotificationRules> | undefined,
  deps: NotificationsWiring,
): Promise<NotificationsService> {
  const { merchantApi, payments, jobs } = deps
  const notifications = createNotificationsService({
    db: deps.database.db,
    clock: deps.clock,
    merchantApi: {
      apiV3Key: (merchantId, executor) => merchantApi.apiV3Key(merchantId, executor),
      sign: (merchantId, keyId, body, options) =>
        merchantApi.sign(merchantId, keyId, body, options),
      encryptResource,
    },
    rules: { sandbox: config.sandbox, ...rules },
    onDeliveryError: (eventId, error) =>
      deps.logger.warn({ err: error, eventId }, 'notification delivery not recorded'),
  })
  payments.setOnOrderPaid(async ({ order, payment }, trx) => {
    if (order.notifyUrl === null) return
    const appId = (await merchantApi.appIdOf(order.merchantId, trx)) ?? ''
    const kind = await merchantApi.orderKindOf(order.merchantId, order.outTradeNo, trx)
    const facts = {
      tradeType: kind?.tradeType ?? 'NATIVE',
      payerOpenId: merchantApi.openIdFor(appId, payment.userId),
    } as const
    await notifications.record(
      {
        merchantId: order.merchantId,
        sourceKey: `pay:${payment.id}`,
        eventType: 'TRANSACTION.SUCCESS',
        notifyUrl: order.notifyUrl,
        resource: transactionView(appId, order, payment, facts),
      },
      trx,
    )
  })
  notifications.setRefundNoticePort({
    refundNotice: (merchantId, outRefundNo) =>
      refundNotice({ payments, refunds: deps.refunds }, merchantId, outRefundNo),
  })
  const dispatch: AppJobKind = NOTIFICATIONS_JOB_DISPATCH
  const sweep: AppJobKind = NOTIFICATIONS_JOB_REFUNDS
  await jobs.registerRecurring(dispatch, DISPATCH_EVERY_MS, async () => {
    await notifications.dispatch()
  })
  await jobs.registerRecurring(sweep, config.expirySweepIntervalMs, async () => {
    await notifications.sweepRefunds()
  })
  return notifications
}

export type WithNotifications<Services> = Services & { notifications: NotificationsService }

/** The app's services with notifications wired over them (one line in app.ts). */
export async function withNotifications<Services extends NotificationsWiring>(
  config: Pick<Config, 'sandbox' | 'expirySweepIntervalMs'>,
  options: { notificationRules?: Partial<NotificationRules> | undefined },
  services: Services,
): Promise<WithNotifications<Services>> {
  const notifications = await wireNotifications(config, options.notificationRules, services)
  return { ...services, notifications }
}
