/** An app wired to a fresh test database, a manual clock and a log capture. */
import { Writable } from 'node:stream'
import pino from 'pino'
import { type App, type AppOptions, createApp } from '../app.ts'
import { ManualClock } from '../adapters/clock/index.ts'
import { loadConfig } from '../config.ts'
import { loggerOptions } from '../http/logger.ts'
import type { DatabaseHandle } from '../adapters/db/index.ts'
import type { WalletRules } from '../modules/wallet/index.ts'
import type { PaymentRules } from '../modules/payments/index.ts'
import { openTestDatabase } from './database.ts'

/** A fixed key: tests must not depend on a key file. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7)

export interface TestApp extends App {
  clock: ManualClock
  /** Every log line written so far, parsed. */
  logLines(): Record<string, unknown>[]
}

export interface TestAppOptions {
  /** The bank connector's base URL (see startTestBank). */
  bankUrl?: string
  bankTimeoutMs?: number
  clock?: ManualClock
  /** Share another app's database (two processes, one database); default a fresh one. */
  database?: DatabaseHandle
  dataKey?: Buffer
  walletRules?: Partial<WalletRules>
  paymentRules?: Partial<PaymentRules>
  /** Start the job runner as `serve` does; default off. */
  runJobs?: boolean
  refundPayments?: AppOptions['refundPayments']
  refundRules?: AppOptions['refundRules']
  notificationRules?: AppOptions['notificationRules']
  /** The WeChat Pay v3 sandbox (LQ_SANDBOX); default on, as tests were before it had a flag. */
  sandbox?: boolean
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line.length > 0),
      )
      callback()
    },
  })
  const clock = options.clock ?? new ManualClock()
  const logger = pino(loggerOptions('info'), sink)
  const database = options.database ?? (await openTestDatabase())
  const config = loadConfig(
    {},
    {
      dataDir: '/nonexistent',
      webDir: '/nonexistent',
      dev: true,
      sandbox: options.sandbox ?? true,
      bankUrl: options.bankUrl ?? 'http://127.0.0.1:9',
      bankTimeoutMs: options.bankTimeoutMs ?? 1_000,
      // Tests run due jobs themselves (`app.jobs.runDueJobs()`) after moving the Clock.
      runJobs: options.runJobs ?? false,
    },
  )
  const app = await createApp(config, {
    clock,
    logger,
    database,
    dataKey: options.dataKey ?? TEST_DATA_KEY,
    ...(options.walletRules ? { walletRules: options.walletRules } : {}),
    ...(options.refundPayments ? { refundPayments: options.refundPayments } : {}),
    ...(options.refundRules ? { refundRules: options.refundRules } : {}),
    ...(options.paymentRules ? { paymentRules: options.paymentRules } : {}),
    ...(options.notificationRules ? { notificationRules: options.notificationRules } : {}),
  })
  return {
    ...app,
    clock,
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}
