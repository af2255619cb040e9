/**
 * The composition root: config → database → adapters → modules → HTTP. `createApp` wires
 * everything and never listens; `serve` in cli.ts does.
 */
import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import { type Clock, systemClock } from './adapters/clock/index.ts'
import { type DatabaseHandle, migrate, openPglite, openPostgres } from './adapters/db/index.ts'
import { acquireDataDirLock } from './adapters/db/index.ts'
import type { Config } from './config.ts'
import { createMetrics } from './http/metrics.ts'
import { loggerOptions } from './http/logger.ts'
import { buildServer, type HttpApp } from './http/server.ts'
import { checkedDataKey } from './adapters/secrets/index.ts'
import { createHttpSms, createOutboxSms, type SmsSender } from './adapters/sms/index.ts'
import { createOfflineIdentityVerifier } from './adapters/identity-verification/index.ts'
import { createHttpBank } from './adapters/bank/index.ts'
import { createAuditLog } from './modules/audit/index.ts'
import { createCardsService } from './modules/cards/index.ts'
import {
  createWalletService,
  type WalletRules,
  type WalletService,
} from './modules/wallet/index.ts'
import {
  createIdentityModule,
  type IdentityRules,
  type SecurityRules,
} from './modules/identity/index.ts'
import { createLedger } from './modules/ledger/index.ts'
import { createOpsService } from './modules/ops/index.ts'
import { createMerchantsService } from './modules/merchants/index.ts'
import { createJobs } from './modules/jobs/index.ts'
import { createRateLimits } from './modules/rate-limits/index.ts'
import { createRecordsService, type RecordsService } from './modules/records/index.ts'
import { createTransfersService, TRANSFER_JOB } from './modules/transfers/index.ts'
import { createMerchantApi } from './modules/merchant-api/index.ts'
import { createSocialService } from './modules/social/index.ts'
import { createPaymentsService, type PaymentRules } from './modules/payments/index.ts'
import { createProfitSharingService } from './modules/profit-sharing/index.ts'
import { createSettlementService } from './modules/settlement/index.ts'
import { createCouponsService } from './modules/coupons/index.ts'
import {
  createRefundsService,
  type RefundPaymentsPort,
  type RefundRules,
} from './modules/refunds/index.ts'
import { wireRedPackets } from './app-redpackets.ts'
import { createSecretBox } from './shared/crypto.ts'
import type { AppJobKind } from './shared/job-kinds.ts'
import { openPlatformAccounts } from './modules/platform/index.ts'

export interface AppOptions {
  clock?: Clock
  logger?: Logger
  /** An already open database (tests); otherwise opened from config. */
  database?: DatabaseHandle
  /** The data key (tests pass a fixed one); otherwise from config or the data dir. */
  dataKey?: Buffer
  identityRules?: Partial<IdentityRules>
  securityRules?: Partial<SecurityRules>
  walletRules?: Partial<WalletRules>
  paymentRules?: Partial<PaymentRules>
  /** Refunds' view of the payments (tests); default the payments service. */
  refundPayments?: RefundPaymentsPort
  refundRules?: Partial<RefundRules>
}

export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseUrl !== undefined) {
    return openPostgres({ connectionString: config.databaseUrl, poolMax: config.databasePoolMax })
  }
  const directory = join(config.dataDir, 'pglite')
  // PGlite is single-process: a second process on the same directory would corrupt it.
  const release = acquireDataDirLock(directory)
  try {
    const handle = await openPglite({ dataDir: directory })
    return {
      ...handle,
      async close() {
        await handle.close()
        release()
      },
    }
  } catch (error) {
    release()
    throw error
  }
}

/**
 * Every wired module and adapter (what the CLI and tests reach into) plus the HTTP server.
 * Inferred from the wiring, so the list lives in one place.
 */
export type AppServices = Awaited<ReturnType<typeof wireServices>>
export type App = AppServices & { server: HttpApp; close(): Promise<void> }

/**
 * The app owns everything that runs in the background — today the job runner, started when
 * `config.runJobs` — and `close()` stops it (waiting for the running job) before the database.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const services = await wireServices(config, options)
  const server = await buildServer(services)
  if (config.runJobs) services.jobs.start()
  return {
    ...services,
    server,
    async close() {
      await services.jobs.stop()
      await server.close()
      await services.database.close()
    },
  }
}

/** The database, migrated, and what sits directly on it: metrics, ledger, secrets, audit. */
async function openStorage(config: Config, options: AppOptions) {
  const clock = options.clock ?? systemClock
  const logger = options.logger ?? pino(loggerOptions(config.logLevel))
  const database = options.database ?? (await openDatabase(config))
  const applied = await migrate(database)
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied')
  const metrics = createMetrics()
  const ledger = createLedger({
    database,
    clock,
    writer: {
      ...(config.ledgerInFlight > 0 ? { maxInFlight: config.ledgerInFlight } : {}),
      onBatch: (size, durationMs, path) => {
        metrics.ledgerBatches.inc({ path })
        metrics.ledgerBatchSize.observe(size)
        metrics.ledgerBatchSeconds.observe(durationMs / 1000)
      },
    },
  })
  await openPlatformAccounts(ledger)
  const secrets = createSecretBox(await checkedDataKey(database, options.dataKey, config))
  const audit = createAuditLog(database.db, clock)
  return { config, clock, logger, database, metrics, ledger, secrets, audit }
}

async function wireServices(config: Config, options: AppOptions) {
  const { secrets, ...storage } = await openStorage(config, options)
  const { clock, database } = storage
  const people = wirePeople(config, options, { ...storage, secrets })
  const money = wireMoney(config, options, { ...storage, secrets, ...people })
  const jobs = await wireJobs(config, { ...storage, ...people, ...money })
  const { identity, merchants } = people
  const merchantApi = createMerchantApi({ db: database.db, clock, secrets, merchants })
  const rateLimits = createRateLimits({ db: database.db, clock })
  const social = createSocialService({ db: database.db, clock, identity, rateLimits })
  const transfers = await wireTransfers(config, {
    ...storage,
    secrets,
    ...people,
    ...money,
    jobs,
    social,
  })
  const { security } = people
  const { wallet, records } = money
  const redpackets = await wireRedPackets({ ...storage, security, wallet, jobs, records, social })
  return { ...storage, ...people, ...money, jobs, merchantApi, social, transfers, redpackets }
}

/** Transfers (转账), their chat cards, and their jobs: one per deadline, and the resolver. */
async function wireTransfers(
  config: Config,
  deps: Storage &
    ReturnType<typeof wirePeople> &
    ReturnType<typeof wireMoney> & {
      jobs: Awaited<ReturnType<typeof wireJobs>>
      social: ReturnType<typeof createSocialService>
    },
) {
  const { ledger, jobs, social, logger } = deps
  const transfers = await createTransfersService({
    ...deps,
    database: deps.database.db,
    balanceAccount: deps.wallet.balanceAccount,
    platformAccount: (purpose) =>
      ledger.findAccount({ ownerKind: 'platform', ownerId: 'platform', purpose, currency: 'CNY' }),
    chat: {
      areContacts: (a, b) => social.areContacts(a, b),
      async postCard({ senderId, recipientId, refId, summary }) {
        const conversationId = await social.directConversation(senderId, recipientId)
        await social.postCard({
          conversationId,
          senderId,
          card: { kind: 'transfer', refId, summary: { ...summary } },
        })
      },
      updateCard: async (refId, summary) => {
        await social.updateCard('transfer', refId, { ...summary })
      },
    },
    rules: { resolveAfterMs: config.bankResolveAfterMs },
    onResolveError: (transferId, error) =>
      logger.warn({ err: error, transferId }, 'transfer not settled yet'),
  })
  const run = async (job: { payload: Record<string, unknown> }) =>
    transfers.runDue(String(job.payload.transferId))
  jobs.register(TRANSFER_JOB.arrive satisfies AppJobKind, run)
  jobs.register(TRANSFER_JOB.expire satisfies AppJobKind, run)
  await jobs.registerRecurring(
    TRANSFER_JOB.resolve satisfies AppJobKind,
    config.expirySweepIntervalMs,
    () => transfers.resolveUnsettled().then(() => undefined),
  )
  return transfers
}

type Storage = Awaited<ReturnType<typeof openStorage>>

/** Users, operators, merchants and the edges they reach (SMS, bank, cards). */
function wirePeople(config: Config, options: AppOptions, storage: Storage) {
  const { clock, database, audit, ledger, secrets } = storage
  const smsOutbox = config.smsUrl === undefined ? createOutboxSms(database.db, clock) : undefined
  const sms: SmsSender =
    smsOutbox ??
    createHttpSms({ url: config.smsUrl as string, token: config.smsToken ?? '', timeoutMs: 10_000 })
  const { identity, security } = createIdentityModule({
    db: database.db,
    clock,
    secrets,
    sms,
    audit,
    verifier: createOfflineIdentityVerifier(),
    ...(options.identityRules ? { rules: options.identityRules } : {}),
    ...(options.securityRules ? { securityRules: options.securityRules } : {}),
  })
  const ops = createOpsService({ db: database.db, clock, audit, identity })
  const merchants = createMerchantsService({ db: database.db, clock, secrets, audit, ledger })
  const bank = createHttpBank({
    baseUrl: config.bankUrl ?? `http://127.0.0.1:${config.bankSimPort || config.port + 100}`,
    timeoutMs: config.bankTimeoutMs,
  })
  const cards = createCardsService({
    database: database.db,
    clock,
    secrets,
    identity,
    audit,
    bank,
    // The bank checked the card against the verified name and ID: account class II.
    onCardBound: async (userId) => {
      await security.raiseAccountClass(userId, 2, 'same-name bank card bound')
    },
  })
  security.setPasswordResetCheck((request) =>
    cards.checkOwnsBoundCard(request.userId, request.cardNumber),
  )
  return { sms, smsOutbox, identity, security, ops, merchants, bank, cards }
}

/** The money modules: the record list, the balance, payments. */
function wireMoney(
  config: Config,
  options: AppOptions,
  deps: Storage & ReturnType<typeof wirePeople>,
) {
  const { clock, database, ledger, logger, bank, cards, security } = deps
  const records = createRecordsService({ db: database.db, clock, ledger })
  const wallet = createWalletService({
    records,
    database: database.db,
    clock,
    ledger,
    cards,
    bank,
    confirmPayment: security.confirmPayment,
    rules: { resolveAfterMs: config.bankResolveAfterMs, ...options.walletRules },
    onResolveError: (operationId, error) =>
      logger.warn({ err: error, operationId }, 'bank operation not settled yet'),
  })
  const { identity, merchants } = deps
  const coupons = createCouponsService({ db: database.db, clock, ledger, merchants })
  const payments = createPaymentsService({
    ...{ db: database.db, clock, ledger, bank, identity, security, merchants, cards, records },
    coupons,
    balanceAccount: wallet.balanceAccount,
    publicUrl: config.publicUrl,
    rules: { resolveAfterMs: config.bankResolveAfterMs, ...options.paymentRules },
    onResolveError: (paymentId, error) =>
      logger.warn({ err: error, paymentId }, 'payment not settled yet'),
  })
  const profitSharing = createProfitSharingService({
    ...{ db: database.db, clock, ledger, secrets: deps.secrets, merchants, payments },
    balanceAccount: wallet.balanceAccount,
  })
  const settlement = createSettlementService({
    ...{ db: database.db, clock, ledger, merchants, bank },
    rules: { resolveAfterMs: config.bankResolveAfterMs },
    onError: (what, error) => logger.warn({ err: error, what }, 'settlement not finished yet'),
    beforeSettling: (merchantId) => profitSharing.holdBeforeSettling(merchantId),
  })
  const refunds = wireRefunds(options, { ...deps, records, wallet, payments })
  return { records, wallet, payments, settlement, coupons, refunds, profitSharing }
}

/** Refunds over the payments (or a test's stand-in for them). */
function wireRefunds(
  options: AppOptions,
  deps: Storage &
    ReturnType<typeof wirePeople> & {
      records: RecordsService
      wallet: WalletService
      payments: RefundPaymentsPort
    },
) {
  const { database, clock, ledger, bank, audit, identity, merchants, cards, records } = deps
  return createRefundsService({
    ...{ db: database.db, clock, ledger, bank, audit, identity, merchants, cards, records },
    payments: options.refundPayments ?? deps.payments,
    balanceAccount: deps.wallet.balanceAccount,
    ...(options.refundRules ? { rules: options.refundRules } : {}),
    onResolveError: (refundId, error) =>
      deps.logger.warn({ err: error, refundId }, 'refund not finished yet'),
  })
}

const JOB_DONE_KEEP_MS = 30 * 24 * 3600_000
const LIMIT_KEYS_IDLE_MS = 2 * 24 * 3600_000
/** A day is settled within this long after its Shanghai midnight; payouts the bank left
 * unanswered are asked about every half of it (one payout a merchant a day: no hurry). */
const SETTLEMENT_EVERY_MS = 10 * 60_000

/**
 * The job queue and its recurring jobs. Both are safe to run twice and from several processes:
 * each expiry carries the key `expire:<transfer>`, each bank call the operation's id.
 */
async function wireJobs(
  config: Config,
  services: Pick<
    AppServices,
    | 'database'
    | 'clock'
    | 'logger'
    | 'ledger'
    | 'wallet'
    | 'ops'
    | 'merchants'
    | 'payments'
    | 'settlement'
    | 'refunds'
  >,
) {
  const { database, clock, logger, ledger, wallet, ops, merchants, payments, settlement, refunds } =
    services
  const jobs = createJobs({
    db: database.db,
    clock,
    rules: { pollMs: config.jobPollMs },
    onJobError: (job, error) =>
      logger.warn(
        { err: error, jobId: job.id, kind: job.kind, attempt: job.attempts },
        'job failed',
      ),
    onRunError: (error) => logger.error({ err: error }, 'job runner poll failed'),
  })
  // Top-ups and withdrawals from before the records (release 0.3.0 and older) get theirs, once.
  const backfill: AppJobKind = 'records.backfill-wallet'
  jobs.register(backfill, async () => {
    await wallet.backfillRecords()
  })
  await jobs.schedule({ kind: backfill, key: 'wallet-operations' })
  const sweepMs = config.expirySweepIntervalMs
  // Only the kinds of the one list, so the console has a label for each. Each is safe to run
  // twice and from several processes (deterministic idempotency keys).
  const recurring: [AppJobKind, number, () => Promise<unknown>][] = [
    ['ledger.expire-pending', sweepMs, () => ledger.expirePendingTransfers()],
    ['wallet.resolve-bank', sweepMs, () => wallet.resolveProcessing()],
    ['payments.resolve', sweepMs, () => payments.resolveUnsettled()],
    // T+1: each run settles every merchant's finished days not settled yet (idempotent by day).
    ['settlement.run', SETTLEMENT_EVERY_MS, () => settlement.run()],
    ['settlement.resolve-payouts', SETTLEMENT_EVERY_MS / 2, () => settlement.resolvePayouts()],
    ['refunds.resolve', sweepMs, () => refunds.resolve()],
    ['refunds.escalate-requests', 3600_000, () => refunds.escalateOverdue()],
    // Done jobs are kept a month (what happened to a red packet's return stays answerable).
    ['jobs.prune-done', 3600_000, () => jobs.pruneDone(JOB_DONE_KEEP_MS)],
    // Rate-limit keys and sign-in attempts of every phone, IP and username ever tried would
    // grow without end; two days idle is past every window and lock.
    [
      'limits.prune-idle',
      3600_000,
      () => createRateLimits({ db: database.db, clock }).pruneIdle(LIMIT_KEYS_IDLE_MS),
    ],
  ]
  for (const [kind, everyMs, run] of recurring) {
    await jobs.registerRecurring(kind, everyMs, async () => {
      await run()
    })
  }
  return jobs
}
