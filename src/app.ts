/**
 * The composition root: config → database → adapters → modules → HTTP. `createApp` wires
 * everything and never listens; `serve` in cli.ts does.
 */
import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import { type Clock, systemClock } from './adapters/clock/index.ts'
import { type DatabaseHandle, migrate, openPglite, openPostgres } from './adapters/db/index.ts'
import { acquireDataDirLock } from './adapters/db/data-dir-lock.ts'
import type { Config } from './config.ts'
import { createMetrics, type Metrics } from './http/metrics.ts'
import { loggerOptions } from './http/logger.ts'
import { buildServer, type HttpApp } from './http/server.ts'
import { checkedDataKey } from './adapters/secrets.ts'
import { createHttpSms, createOutboxSms, type SmsSender } from './adapters/sms/index.ts'
import { createOfflineIdentityVerifier } from './adapters/identity-verification/index.ts'
import { type BankConnector, createHttpBank } from './adapters/bank/index.ts'
import { type AuditLog, createAuditLog } from './modules/audit/index.ts'
import { type CardsService, createCardsService } from './modules/cards/index.ts'
import {
  type ConfirmPayment,
  createWalletService,
  type WalletRules,
  type WalletService,
} from './modules/wallet/index.ts'
import { ERROR_MESSAGES, isErrorCode } from './shared/errors.ts'
import {
  createIdentityService,
  DEFAULT_IDENTITY_RULES,
  type IdentityRules,
  type IdentityService,
  createSecurityService,
  type SecurityRules,
  type SecurityService,
} from './modules/identity/index.ts'
import { createLedger, type Ledger } from './modules/ledger/index.ts'
import { createOpsService, type OpsService } from './modules/ops/index.ts'
import { createSecretBox } from './shared/crypto.ts'
import { openPlatformAccounts } from './modules/platform/index.ts'

export interface App {
  config: Config
  database: DatabaseHandle
  ledger: Ledger
  metrics: Metrics
  logger: Logger
  identity: IdentityService
  security: SecurityService
  ops: OpsService
  bank: BankConnector
  cards: CardsService
  wallet: WalletService
  audit: AuditLog
  sms: SmsSender
  server: HttpApp
  close(): Promise<void>
}

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

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
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
  const outbox = config.smsUrl === undefined ? createOutboxSms(database.db, clock) : undefined
  const sms: SmsSender =
    outbox ??
    createHttpSms({ url: config.smsUrl as string, token: config.smsToken ?? '', timeoutMs: 10_000 })
  const identity = createIdentityService({
    db: database.db,
    clock,
    secrets,
    sms,
    audit,
    rules: { ...DEFAULT_IDENTITY_RULES, ...options.identityRules },
  })
  const security = createSecurityService({
    identity: identity.context,
    verifier: createOfflineIdentityVerifier(),
    ...(options.securityRules ? { rules: options.securityRules } : {}),
  })
  const ops = createOpsService({ db: database.db, clock, audit, identity })
  const bank = createHttpBank({
    baseUrl: config.bankUrl ?? `http://127.0.0.1:${config.bankSimPort || config.port + 100}`,
    timeoutMs: config.bankTimeoutMs,
  })
  const cards = createCardsService({
    database: database.db,
    clock,
    secrets,
    identity,
    bank,
    // The bank checked the card against the verified name and ID: account class II.
    onCardBound: async (userId) => {
      await security.raiseAccountClass(userId, 2, 'same-name bank card bound')
    },
  })
  const confirmPayment: ConfirmPayment = (request) =>
    security.confirmPayment(request as Parameters<typeof security.confirmPayment>[0])
  const wallet = createWalletService({
    database: database.db,
    clock,
    ledger,
    cards,
    bank,
    confirmPayment,
    rules: { resolveAfterMs: config.bankResolveAfterMs, ...options.walletRules },
    onResolveError: (operationId, error) =>
      logger.warn({ err: error, operationId }, 'bank operation not settled yet'),
  })
  security.setPasswordResetCheck((request) =>
    cards.checkOwnsBoundCard(request.userId, request.cardNumber),
  )
  const verifyPaymentPassword = (userId: string, password: string) =>
    security.verifyPaymentPassword(userId, password)
  const errorMessage = (code: string) =>
    isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.SYSTEM_ERROR
  const services = {
    config,
    clock,
    database,
    ledger,
    metrics,
    logger,
    identity,
    security,
    ops,
    audit,
    sms,
    smsOutbox: outbox,
    bank,
    cards,
    wallet,
    errorMessage,
    verifyPaymentPassword,
  }
  const server = await buildServer(services)
  return {
    config,
    database,
    ledger,
    metrics,
    logger,
    identity,
    security,
    ops,
    audit,
    sms,
    bank,
    cards,
    wallet,
    server,
    async close() {
      await server.close()
      await database.close()
    },
  }
}
