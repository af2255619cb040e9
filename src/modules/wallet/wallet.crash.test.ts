/**
 * The wallet process is killed (SIGKILL) while a top-up waits for the bank: after a restart the
 * resolver settles it from the bank's own record, so the user's balance, the bank's books, the
 * ledger check and reconciliation all agree, on PGlite and on PostgreSQL alike.
 */
import { type ChildProcess, execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScratchDatabase, type ScratchDatabase } from '../../adapters/db/index.ts'
import { startTestBank, type TestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { apiClient, processStopped, startServerProcess } from '../../test-support/server-process.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'

const BIN = new URL('../../../bin/lingqian.js', import.meta.url).pathname
const CARD = '6222020000000000018'
const PHONE = '13800000001'
const DEMO_PASSWORD = '147258'
const run = promisify(execFile)

let bank: TestBank
let dataDir: string
let scratch: ScratchDatabase | undefined
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  bank = await startTestBank({ clock: () => Date.now(), hangMs: 2_000 })
  dataDir = mkdtempSync(join(tmpdir(), 'lq-wallet-crash-'))
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) scratch = await createScratchDatabase(serverUrl, 'lq_wcrash')
  env = {
    ...process.env,
    LQ_DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url ?? '',
    LQ_DEV: '1',
    BANK_URL: bank.url,
    LQ_BANK_TIMEOUT_MS: '5000',
    LQ_BANK_RESOLVE_AFTER_MS: '500',
    LQ_EXPIRY_SWEEP_MS: '200',
    LOG_LEVEL: 'warn',
  }
})

afterAll(async () => {
  await bank.close()
  await scratch?.drop()
  rmSync(dataDir, { recursive: true, force: true })
})

function startServer(port: number): Promise<ChildProcess> {
  return startServerProcess({ port, env })
}

const stopped = processStopped
const client = (base: string) => apiClient(base, 'crash-test-device-000000')

/** Polls `condition` every 50 ms for up to 60 s; the assertion after it says what was expected. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt++) {
    if (await condition()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function bankBalanceFen(): Promise<number> {
  return Number((await bank.admin('GET', `/admin/cards/${CARD}`)).balanceFen)
}

describe(`wallet crash safety on ${testDatabaseKind()}`, () => {
  it(
    'settles a top-up interrupted by SIGKILL between the bank call and the ledger write',
    {
      timeout: 400_000,
    },
    async () => {
      const port = 3400 + Math.floor(Math.random() * 500)
      const base = `http://127.0.0.1:${port}`
      let server = await startServer(port)
      const api = client(base)
      expect(
        (await api.call('POST', '/api/v1/sms-codes', { phone: PHONE, purpose: 'sign_in' })).status,
      ).toBe(200)
      const session = await api.call('POST', '/api/v1/sessions', {
        phone: PHONE,
        code: await api.code(PHONE),
      })
      expect(session.status).toBe(200)
      api.setToken(session.body.token)
      const started = await api.call('POST', '/api/v1/me/cards/bind-requests', {
        cardNumber: CARD,
        phone: PHONE,
      })
      expect(started.status, JSON.stringify(started.body)).toBe(200)
      const bound = await api.call('POST', '/api/v1/me/cards', {
        bindRequestId: started.body.bindRequestId,
        smsCode: await api.code(PHONE),
      })
      expect(bound.status).toBe(201)
      const cardId = bound.body.id as string
      const first = await api.call('POST', '/api/v1/me/top-ups', {
        idempotencyKey: 'crash-1',
        cardId,
        amountFen: 10_000,
        method: { kind: 'password', password: DEMO_PASSWORD },
      })
      expect(first.body.status).toBe('SUCCEEDED')
      const bankBefore = await bankBalanceFen()

      // The bank answers slowly; the wallet dies while it waits. The bank still books the debit.
      await bank.admin('POST', '/admin/faults', {
        cardNumber: CARD,
        mode: 'NONE',
        latencyMs: 1_500,
        count: 1,
      })
      void api
        .call('POST', '/api/v1/me/top-ups', {
          idempotencyKey: 'crash-2',
          cardId,
          amountFen: 25_000,
          method: { kind: 'password', password: DEMO_PASSWORD },
        })
        .catch(() => undefined)
      // Kill once the bank holds the request (its one-shot fault is taken), not after a fixed
      // sleep: on a loaded machine the password check alone can outlast any sleep.
      await eventually(async () => {
        const { faults } = await bank.admin('GET', '/admin/faults')
        return Array.isArray(faults) && faults.length === 0
      })
      server.kill('SIGKILL')
      await stopped(server)
      await eventually(async () => (await bankBalanceFen()) === bankBefore - 25_000)
      expect(await bankBalanceFen()).toBe(bankBefore - 25_000)

      server = await startServer(port)
      let operations: { status: string; amountFen: number }[] = []
      for (let attempt = 0; attempt < 100; attempt++) {
        operations = (await api.call('GET', '/api/v1/me/operations')).body.operations
        if (
          operations.length === 2 &&
          operations.every((operation) => operation.status !== 'PROCESSING')
        )
          break
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      expect(operations.map((operation) => operation.status)).toEqual(['SUCCEEDED', 'SUCCEEDED'])
      const balance = (await api.call('GET', '/api/v1/me/balance')).body
      expect(balance).toMatchObject({ balanceFen: 35_000, pendingInFen: 0 })
      server.kill('SIGTERM')
      await stopped(server)

      const check = await run(process.execPath, [BIN, 'ledger', 'check'], { env })
      expect(check.stdout).toMatch(/ledger ok/)
      const reconcile = await run(
        process.execPath,
        [BIN, 'reconcile', '--date', shanghaiDate(Date.now())],
        { env },
      )
      expect(reconcile.stdout).toMatch(/^0 mismatches$/m)
    },
  )
})
