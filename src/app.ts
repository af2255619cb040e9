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
import { loadDataKey } from './adapters/secrets.ts'
import { createHttpSms, createOutboxSms, type SmsSender } from './adapters/sms/index.ts'
import { type AuditLog, createAuditLog } from './modules/audit/index.ts'
import {
  createIdentityService,
  DEFAULT_IDENTITY_RULES,
  type IdentityRules,
  type IdentityService,
} from './modules/identity/index.ts'
import { createLedger, type Ledger } from './modules/ledger/index.ts'
import { createSecretBox } from './shared/crypto.ts'
import { openPlatformAccounts } from './modules/platform/index.ts'

export interface App {
  config: Config
  database: DatabaseHandle
  ledger: Ledger
  metrics: Metrics
  logger: Logger
  identity: IdentityService
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
      onBatch: (size, durationMs) => {
        metrics.ledgerBatchSize.observe(size)
        metrics.ledgerBatchSeconds.observe(durationMs / 1000)
      },
    },
  })
  await openPlatformAccounts(ledger)
  const secrets = createSecretBox(options.dataKey ?? loadDataKey(config))
  const audit = createAuditLog(database.db, clock)
  const outbox = config.smsUrl === undefined ? createOutboxSms(database.db, clock) : undefined
  const sms: SmsSender =
    outbox ?? createHttpSms({ url: config.smsUrl as string, token: config.smsToken ?? '', timeoutMs: 10_000 })
  const identity = createIdentityService({
    db: database.db,
    clock,
    secrets,
    sms,
    audit,
    rules: { ...DEFAULT_IDENTITY_RULES, ...options.identityRules },
  })
  const services = { config, clock, database, ledger, metrics, logger, identity, audit, sms, smsOutbox: outbox }
  const server = await buildServer(services)
  return {
    config,
    database,
    ledger,
    metrics,
    logger,
    identity,
    audit,
    sms,
    server,
    async close() {
      await server.close()
      await database.close()
    },
  }
}
