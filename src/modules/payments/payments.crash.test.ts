/**
 * Payments caught mid-flight by kill -9: a child process pays orders over HTTP (balance, and a
 * card through the bank simulator, which lives in this process and so outlives the child) and
 * is killed with SIGKILL at a random point. After a restart on the same data directory (PGlite)
 * or database (PostgreSQL) and one run of the job runner:
 * - every card charge the bank took belongs to a payment the resolver finished (none lost);
 * - a retry of every payment with its idempotency key answers its final state, the same twice;
 *   an acknowledged one with its acknowledged answer;
 * - each order is paid at most once; the customer's balance, the card at the bank, the
 *   merchant's pending money and the customer's records agree with the payments, to the fen;
 * - the ledger check is clean and reconciliation with the bank finds 0 mismatches.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { describe, expect, inject, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import {
  createScratchDatabase,
  type DatabaseHandle,
  migrate,
  openPglite,
  openPostgres,
} from '../../adapters/db/index.ts'
import { createTestApp, TEST_DATA_KEY, type TestApp } from '../../test-support/app.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
  expectBooksAgree,
  openCustomer,
  openShop,
  payOrder,
  ZHANG,
} from '../../test-support/payments.ts'
import { TEST_PAYMENT_PASSWORD } from '../../test-support/wallet-user.ts'

const CHILD = fileURLToPath(new URL('../../test-support/payment-crash-child.ts', import.meta.url))
const BALANCE_FEN = 100_000

interface Started {
  token: string
  method: 'balance' | 'card'
}
interface ChildRun {
  started: Map<string, Started>
  acked: Map<string, { status: string; paymentId: string }>
}

function runChildUntilKilled(env: NodeJS.ProcessEnv): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const run: ChildRun = { started: new Map(), acked: new Map() }
    let buffered = ''
    let stderr = ''
    // After a few acknowledged payments, at a random moment after a payment started.
    const killAfter = 3 + Math.floor(Math.random() * 6)
    let armed = false
    const timeout = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`child did not reach ${killAfter} payments in time: ${stderr}`))
    }, 240_000)
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [tag, key, a, b] = line.split(' ')
        if (key === undefined || a === undefined || b === undefined) continue
        if (tag === 'START') {
          run.started.set(key, { token: a, method: b as Started['method'] })
          if (run.acked.size >= killAfter && !armed) {
            armed = true
            setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400))
          }
        }
        if (tag === 'ACK') run.acked.set(key, { status: a, paymentId: b })
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('exit', (_code, signal) => {
      clearTimeout(timeout)
      if (signal === 'SIGKILL') resolve(run)
      else reject(new Error(`child exited without being killed: ${stderr}`))
    })
  })
}

interface PaymentFacts {
  id: string
  order_id: string
  status: string
  method_kind: string | null
  amount_fen: number
  fee_fen: number
}

async function paymentsOf(app: TestApp, userId: string): Promise<PaymentFacts[]> {
  const result = await sql<PaymentFacts>`
    select id, order_id, status, method_kind, amount_fen::int as amount_fen, fee_fen::int as fee_fen
    from payments where user_id = ${userId}`.execute(app.database.db)
  return result.rows
}

const sumFen = (rows: PaymentFacts[]) => rows.reduce((sum, row) => sum + Number(row.amount_fen), 0)

/** A database that outlives a process: a PGlite directory or a scratch PostgreSQL database. */
async function crashDatabase() {
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, 'lq_paycrash')
    return {
      childEnv: { DATABASE_URL: scratch.url },
      open: async (): Promise<DatabaseHandle> => {
        const handle = await openPostgres({ connectionString: scratch.url, poolMax: 4 })
        await migrate(handle)
        return handle
      },
      dispose: () => scratch.drop(),
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'lq-paycrash-'))
  let opened = false
  return {
    childEnv: { LQ_CRASH_DATA_DIR: dataDir, DATABASE_URL: '' },
    open: async (): Promise<DatabaseHandle> => {
      const template = opened ? undefined : new Blob([readFileSync(inject('pgliteTemplatePath'))])
      opened = true
      const handle = await openPglite({ dataDir, ...(template ? { loadDataDir: template } : {}) })
      await migrate(handle)
      return handle
    },
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

async function cardFen(bank: TestBank, cardNumber: string): Promise<number> {
  return Number((await bank.admin('GET', `/admin/cards/${cardNumber}`)).balanceFen)
}

describe(`payments under kill -9 on ${testDatabaseKind()}`, () => {
  // A child process, its start and a restart: minutes on a loaded machine (not a timing claim).
  it(
    'finishes every payment caught mid-flight exactly once, or not at all',
    { timeout: 480_000 },
    async () => {
      const bank = await startTestBank({ clock: () => Date.now(), hangMs: 6_000 })
      const database = await crashDatabase()
      try {
        const setupApp = await createTestApp({
          bankUrl: bank.url,
          clock: new ManualClock(Date.now()),
          bankTimeoutMs: 5_000,
          database: await database.open(),
        })
        const shop = await openShop(setupApp)
        const zhang = await openCustomer(setupApp, ZHANG.phone, ZHANG.debit, BALANCE_FEN)
        await setupApp.close()
        const cardBefore = await cardFen(bank, ZHANG.debit)

        const run = await runChildUntilKilled({
          ...database.childEnv,
          LQ_CRASH_BANK_URL: bank.url,
          LQ_CRASH_DATA_KEY: TEST_DATA_KEY.toString('hex'),
          LQ_CRASH_SETUP: JSON.stringify({
            shopAuth: shop.auth.authorization,
            customerAuth: zhang.auth.authorization,
            cardId: zhang.cardId,
            password: TEST_PAYMENT_PASSWORD,
          }),
        })
        expect(run.acked.size).toBeGreaterThanOrEqual(3)

        // Restarted later: what the child left unfinished is due for the resolver.
        const app = await createTestApp({
          bankUrl: bank.url,
          clock: new ManualClock(Date.now() + 10 * 60_000),
          bankTimeoutMs: 5_000,
          database: await database.open(),
        })
        try {
          await app.jobs.runDueJobs()
          const resolved = await paymentsOf(app, zhang.userId)
          const cardPaid = resolved.filter(
            (row) => row.method_kind === 'card' && row.status === 'SUCCESS',
          )
          // Every charge the bank took is a finished card payment: none lost, none twice.
          expect(cardBefore - (await cardFen(bank, ZHANG.debit))).toBe(sumFen(cardPaid))
          expect(
            resolved.filter((row) => ['PROCESSING', 'USERPAYING'].includes(row.status)),
          ).toEqual([])

          const answers = new Map<string, string>()
          for (const round of [1, 2]) {
            for (const [key, started] of run.started) {
              const payMethod =
                started.method === 'balance'
                  ? { kind: 'balance' }
                  : { kind: 'card', cardId: zhang.cardId }
              const retried = await payOrder(app, zhang, started.token, payMethod, key)
              const body = retried.json() as { status?: string; id?: string; code?: string }
              const answer = `${body.status ?? body.code}:${body.id ?? '-'}`
              const acked = run.acked.get(key)
              if (acked !== undefined && acked.paymentId !== '-')
                expect(answer, key).toBe(`${acked.status}:${acked.paymentId}`)
              if (round === 2) expect(answer, key).toBe(answers.get(key))
              answers.set(key, answer)
            }
          }

          const payments = await paymentsOf(app, zhang.userId)
          const paid = payments.filter((row) => row.status === 'SUCCESS')
          expect(
            payments.every((row) => ['SUCCESS', 'FAILED', 'CLOSED'].includes(row.status)),
          ).toBe(true)
          // Each order paid at most once.
          expect(new Set(paid.map((row) => row.order_id)).size).toBe(paid.length)
          const byBalance = paid.filter((row) => row.method_kind === 'balance')
          const byCard = paid.filter((row) => row.method_kind === 'card')
          const balance = await app.wallet.balanceAccount(zhang.userId)
          expect((await app.ledger.getBalance(balance.id)).postedFen).toBe(
            BALANCE_FEN - sumFen(byBalance),
          )
          expect(cardBefore - (await cardFen(bank, ZHANG.debit))).toBe(sumFen(byCard))
          const accounts = await app.merchants.accounts(shop.merchantId)
          const fees = paid.reduce((sum, row) => sum + Number(row.fee_fen), 0)
          expect((await app.ledger.getBalance(accounts.merchant_pending.id)).postedFen).toBe(
            sumFen(paid) - fees,
          )
          const records = await sql<{ source_id: string; status: string }>`
          select source_id, status from money_records
          where user_id = ${zhang.userId} and source_kind = 'PAYMENT'`.execute(app.database.db)
          const recordStatus = new Map(records.rows.map((row) => [row.source_id, row.status]))
          for (const payment of payments)
            expect(recordStatus.get(payment.id), payment.id).toBe(payment.status)
          await expectBooksAgree(app)
        } finally {
          await app.close()
        }
      } finally {
        await database.dispose()
        await bank.close()
      }
    },
  )
})
