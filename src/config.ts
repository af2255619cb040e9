/**
 * @module config
 * One typed configuration object read from the environment; every limit carries its unit.
 */
import { resolve } from 'node:path'

export interface Config {
  port: number
  host: string
  /** Where the embedded database (and other local state) lives. */
  dataDir: string
  /** A PostgreSQL server; when unset the embedded PGlite in `dataDir` is used. */
  databaseUrl: string | undefined
  databasePoolMax: number
  /** Demo mode: seed demo data, show developer pages (`npm start` sets it). */
  dev: boolean
  /** The WeChat Pay v3 sandbox (LQ_SANDBOX=1; `npm start` sets it, off by default): its
   * /sandbox routes, notify_url on 127.0.0.1, today's bills. Separate from demo mode. */
  sandbox: boolean
  logLevel: string
  /** The built web app (vite output). */
  webDir: string
  /**
   * How often expired holds are voided and unanswered bank operations resolved (recurring jobs;
   * at most once per `jobPollMs`).
   */
  expirySweepIntervalMs: number
  /** Run the job runner in this process (LQ_JOB_RUNNER=0 turns it off, e.g. a web-only node). */
  runJobs: boolean
  /** How often the job runner looks for due jobs. */
  jobPollMs: number
  /** 32-byte key (base64) for encrypting ID and card numbers; generated into dataDir if unset. */
  dataKeyBase64: string | undefined
  /** An HTTP SMS provider; unset = the offline outbox. */
  smsUrl: string | undefined
  smsToken: string | undefined
  /**
   * Mark cookies Secure: on by default unless the server listens on loopback; LQ_COOKIE_SECURE=1
   * forces it (a TLS proxy in front of a loopback server), =0 turns it off (warned at start).
   */
  cookieSecure: boolean
  /** The bank connector's base URL; in dev mode without it, the bundled simulator is started. */
  bankUrl: string | undefined
  /** A bank slower than this leaves the operation PROCESSING, resolved later. */
  bankTimeoutMs: number
  /** Port for the bank simulator started in dev mode. */
  bankSimPort: number
  /** Ledger calls in flight at once (group commit); unset = the default for the database. */
  ledgerInFlight: number
  /** A bank operation unanswered this long is settled by the resolver (ask the bank, re-send). */
  bankResolveAfterMs: number
  /** A bearer token that opens /metrics to non-loopback callers; unset = loopback only. */
  metricsToken: string | undefined
  /**
   * The wallet's public base URL (LQ_PUBLIC_URL): QR codes carry `<it>/pay/o/<token>` and
   * `<it>/pay/m/<code>`, so it must be what a phone reaches (https in production).
   */
  publicUrl: string
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const config: Config = {
    port: integer(env.PORT, 3000, 'PORT'),
    // Loopback by default: exposing a wallet on the network is a decision, not an accident.
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.LQ_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolMax: integer(env.LQ_DB_POOL_MAX, 4, 'LQ_DB_POOL_MAX'),
    dev: env.LQ_DEV === '1' || env.LQ_DEV === 'true',
    sandbox: env.LQ_SANDBOX === '1' || env.LQ_SANDBOX === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: resolve(env.LQ_WEB_DIR ?? new URL('../dist/web', import.meta.url).pathname),
    expirySweepIntervalMs: integer(env.LQ_EXPIRY_SWEEP_MS, 5_000, 'LQ_EXPIRY_SWEEP_MS'),
    runJobs: env.LQ_JOB_RUNNER !== '0' && env.LQ_JOB_RUNNER !== 'false',
    jobPollMs: integer(env.LQ_JOB_POLL_MS, 1_000, 'LQ_JOB_POLL_MS'),
    dataKeyBase64: env.LQ_DATA_KEY || undefined,
    smsUrl: env.LQ_SMS_URL || undefined,
    smsToken: env.LQ_SMS_TOKEN || undefined,
    cookieSecure: cookieSecure(env.LQ_COOKIE_SECURE, env.HOST ?? '127.0.0.1'),
    bankUrl: env.BANK_URL || undefined,
    bankTimeoutMs: integer(env.LQ_BANK_TIMEOUT_MS, 5_000, 'LQ_BANK_TIMEOUT_MS'),
    bankSimPort: integer(env.LQ_BANK_SIM_PORT, 0, 'LQ_BANK_SIM_PORT'),
    ledgerInFlight: integer(env.LQ_LEDGER_IN_FLIGHT, 0, 'LQ_LEDGER_IN_FLIGHT'),
    bankResolveAfterMs: integer(env.LQ_BANK_RESOLVE_AFTER_MS, 30_000, 'LQ_BANK_RESOLVE_AFTER_MS'),
    metricsToken: env.LQ_METRICS_TOKEN || undefined,
    publicUrl: '',
    ...overrides,
  }
  if (config.publicUrl === '') {
    config.publicUrl = (env.LQ_PUBLIC_URL || `http://localhost:${config.port}`).replace(/\/+$/, '')
  }
  return config
}

function cookieSecure(setting: string | undefined, host: string): boolean {
  if (setting === '1' || setting === 'true') return true
  if (setting === '0' || setting === 'false') return false
  return !['127.0.0.1', '::1', 'localhost'].includes(host)
}

function integer(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, got ${text}`)
  return value
}
