/**
 * buildServer(services) → a Fastify instance with every route, schema and hook, never listening
 * (tests call `inject`). Routes stay thin: schema in, one module call, schema out.
 */
import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import swagger from '@fastify/swagger'
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { BankConnector } from '../adapters/bank/index.ts'
import type { Clock } from '../adapters/clock/index.ts'
import type { DatabaseHandle } from '../adapters/db/index.ts'
import type { CardsService } from '../modules/cards/index.ts'
import type { IdentityService, SecurityService } from '../modules/identity/index.ts'
import type { JobsService } from '../modules/jobs/index.ts'
import type { Ledger } from '../modules/ledger/index.ts'
import type { OpsService } from '../modules/ops/index.ts'
import type { MerchantsService } from '../modules/merchants/index.ts'
import type { TransfersService } from '../modules/transfers/index.ts'
import type { MerchantApi } from '../modules/merchant-api/index.ts'
import type { NotificationsService } from '../modules/notifications/index.ts'
import type { RecordsService } from '../modules/records/index.ts'
import type { RedPacketsService } from '../modules/redpackets/index.ts'
import type { WalletService } from '../modules/wallet/index.ts'
import type { SocialService } from '../modules/social/index.ts'
import type { PaymentsService } from '../modules/payments/index.ts'
import type { SettlementService } from '../modules/settlement/index.ts'
import type { CouponsService } from '../modules/coupons/index.ts'
import { LIMITS } from '../shared/limits.ts'
import { errorBody, frameworkError, handleError } from './errors.ts'
import { requestValidatorCompiler } from './validation.ts'
import {
  isLoopbackHost,
  refuseCrossOriginCookieWrites,
  refuseUnsafeText,
  securityHeaders,
} from './edge.ts'
import { refuseFrozenWrites } from './auth.ts'
import { ErrorBody } from './contract/common.ts'
import type { Metrics } from './metrics.ts'
import { adminRoutes } from './routes/admin.ts'
import { adminMoneyRoutes } from './routes/admin-money.ts'
import { adminOverviewRoutes } from './routes/admin-overview.ts'
import { appealRoutes } from './routes/appeals.ts'
import { devRoutes, type DevRoutesDeps } from './routes/dev.ts'
import { balanceRoutes } from './routes/balance.ts'
import { cardRoutes } from './routes/cards.ts'
import { chatEventRoutes } from './routes/chat-events.ts'
import { chatRoutes } from './routes/chats.ts'
import { contactRoutes } from './routes/contacts.ts'
import { deviceRoutes } from './routes/devices.ts'
import { freezeRoutes } from './routes/freeze.ts'
import { jobRoutes } from './routes/jobs.ts'
import { merchantConsoleRoutes } from './routes/merchant-console.ts'
import { merchantMoneyRoutes } from './routes/merchant-money.ts'
import { merchantNotificationRoutes } from './routes/merchant-notifications.ts'
import { refundRoutes } from './routes/refunds.ts'
import { adminRefundRoutes } from './routes/refunds-admin.ts'
import type { RefundsService } from '../modules/refunds/index.ts'
import { merchantAdminRoutes } from './routes/merchants.ts'
import { paymentRoutes } from './routes/payments.ts'
import { prepayRoutes } from './routes/pay-prepay.ts'
import { merchantPaymentRoutes } from './routes/payments-merchant.ts'
import { noticeRoutes } from './routes/notices.ts'
import { operationRoutes } from './routes/operations.ts'
import { phoneChangeRoutes } from './routes/phone-change.ts'
import { profileRoutes } from './routes/profile.ts'
import { signInRoutes } from './routes/sign-in.ts'
import { reconciliationRoutes } from './routes/reconciliation.ts'
import { recordRoutes } from './routes/records.ts'
import { redPacketRoutes } from './routes/redpackets.ts'
import { securityRoutes } from './routes/security.ts'
import { systemRoutes } from './routes/system.ts'
import { transferRoutes } from './routes/transfers.ts'
import { webRoutes } from './routes/web.ts'
import { v3Routes } from './v3/routes.ts'
import { merchantApiKeyRoutes } from './routes/merchant-api-keys.ts'
import type { ProfitSharingService } from '../modules/profit-sharing/index.ts'

/**
 * What the server is built from. Each route module declares its own small deps type and gets
 * only those (see registerRoutes); this is just the union of what they and the hooks need.
 */
export interface ServerDeps {
  config: Pick<
    Config,
    'cookieSecure' | 'host' | 'metricsToken' | 'dev' | 'webDir' | 'sandbox' | 'publicUrl'
  >
  logger: Logger
  metrics: Metrics
  clock: Clock
  database: DatabaseHandle
  ledger: Ledger
  bank: BankConnector
  identity: IdentityService
  security: SecurityService
  ops: OpsService
  merchants: MerchantsService
  merchantApi: MerchantApi
  cards: CardsService
  wallet: WalletService
  jobs: JobsService
  transfers: TransfersService
  records: RecordsService
  social: SocialService
  payments: PaymentsService
  settlement: SettlementService
  coupons: CouponsService
  refunds: RefundsService
  redpackets: RedPacketsService
  notifications: NotificationsService
  profitSharing: ProfitSharingService
  smsOutbox: DevRoutesDeps['smsOutbox']
}

/** The Fastify instance type every route module receives (TypeBox-typed schemas). */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/

export async function buildServer(services: ServerDeps): Promise<HttpApp> {
  const app: HttpApp = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: LIMITS.httpBodyBytesMax,
    // genReqId reads x-request-id itself, so an unsafe value is replaced instead of trusted.
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // Accept a caller's request id only when it is short and plain: it ends up in every log line.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)
        ? incoming
        : randomUUID()
    },
    // %zz in a path, a parameter over maxParamLength: the envelope, not Fastify's own body.
    frameworkErrors: frameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>()
  // Text parts ("300" in a querystring) are read as integers; JSON bodies are never coerced.
  app.setValidatorCompiler(requestValidatorCompiler)

  if (!services.config.cookieSecure && !isLoopbackHost(services.config.host))
    services.logger.warn(
      { host: services.config.host },
      'session cookies are not Secure on a non-loopback address: serve over HTTPS and unset LQ_COOKIE_SECURE=0',
    )
  app.setErrorHandler(handleError)
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody('NOT_FOUND', { path: request.url.split('?')[0] }))
  })
  app.addHook('onRequest', refuseCrossOriginCookieWrites)
  app.addHook('preValidation', refuseUnsafeText)
  app.addHook('preValidation', refuseFrozenWrites(services.identity))
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
    void reply.headers(securityHeaders(request.url))
    // Static files set their own caching; everything else (the API) is never cached.
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store')
  })
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const labels = { method: request.method, route }
    services.metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) })
    services.metrics.httpDurationSeconds.observe(labels, reply.elapsedTime / 1000)
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Lingqian (零钱) API',
        description:
          'Wallet, merchant and operator API. Amounts are integers in fen (分). Errors are ' +
          '`{ code, message: { zh, en }, details? }` with a stable code.',
        version: '0.1.0',
      },
    },
  })

  await app.register(cookie)
  app.addSchema(ErrorBody)
  await registerRoutes(app, services)
  return app
}

/** The WeChat Pay v3 merchant API and its sandbox, with the services they call. */
async function merchantApiRoutes(app: HttpApp, services: ServerDeps): Promise<void> {
  const { config, identity, security, wallet, clock } = services
  await v3Routes(app, {
    merchantApi: services.merchantApi,
    payments: services.payments,
    refunds: services.refunds,
    profitSharing: services.profitSharing,
    clock,
    // The sandbox (LQ_SANDBOX=1) lets notify_url be http://127.0.0.1 and bills cover today.
    sandbox: config.sandbox,
    merchants: services.merchants,
    ledger: services.ledger,
    publicUrl: config.publicUrl,
    identity,
    security,
    wallet,
    notifications: services.notifications,
  })
  await merchantNotificationRoutes(app, services)
  // The console's keys page: the same credentials as `lingqian merchant credentials`.
  await merchantApiKeyRoutes(app, {
    merchants: services.merchants,
    merchantApi: services.merchantApi,
  })
}

/** Every route module with only the services it uses, in the order of /openapi.json. */
async function registerRoutes(app: HttpApp, services: ServerDeps): Promise<void> {
  const { config, identity, security, ops, cards, wallet } = services
  await systemRoutes(app, { config, database: services.database, metrics: services.metrics })
  await signInRoutes(app, { identity, config })
  await profileRoutes(app, {
    identity,
    devSmsOutbox: config.dev && services.smsOutbox !== undefined,
  })
  for (const routes of [deviceRoutes, phoneChangeRoutes, freezeRoutes]) {
    await routes(app, { identity })
  }
  await noticeRoutes(app, { identity })
  await securityRoutes(app, { identity, security })
  await appealRoutes(app, { identity, ops })
  await adminRoutes(app, { ops, config })
  await cardRoutes(app, { identity, cards, security })
  await balanceRoutes(app, { identity, wallet, security })
  await operationRoutes(app, { identity, wallet })
  await transferRoutes(app, { identity, transfers: services.transfers })
  await recordRoutes(app, { identity, records: services.records })
  const { ledger, bank, clock } = services
  await reconciliationRoutes(app, { ops, ledger, bank, clock })
  await jobRoutes(app, { ops, jobs: services.jobs })
  const { jobs } = services
  await adminOverviewRoutes(app, {
    ops,
    ledger,
    bank,
    clock,
    countFailedJobs: async () => (await jobs.counts()).failed,
  })
  await adminMoneyRoutes(app, { ops, wallet, cards })
  await merchantAdminRoutes(app, { ops, merchants: services.merchants })
  await merchantConsoleRoutes(app, { merchants: services.merchants, config })
  await merchantApiRoutes(app, services)
  const { social } = services
  for (const routes of [contactRoutes, chatRoutes, chatEventRoutes]) {
    await routes(app, { identity, social })
  }
  await paymentRoutes(app, { identity, payments: services.payments })
  await prepayRoutes(app, {
    identity,
    payments: services.payments,
    merchantApi: services.merchantApi,
  })
  await merchantPaymentRoutes(app, {
    merchants: services.merchants,
    payments: services.payments,
    clock,
  })
  const { settlement, coupons } = services
  await merchantMoneyRoutes(app, { merchants: services.merchants, settlement, coupons, ops })
  const { refunds, merchants } = services
  await refundRoutes(app, { identity, merchants, refunds })
  await adminRefundRoutes(app, { ops, refunds })
  await redPacketRoutes(app, { identity, redpackets: services.redpackets })
  await devRoutes(app, { config, smsOutbox: services.smsOutbox, security, clock })
  await webRoutes(app, { config })
}
