/**
 * The CLI beside a running server on the same data directory: `ledger check`, `sms tail`,
 * `reconcile`, `migrate`, `ledger balance` (found and not) and `merchant create` answer while `serve` runs in demo
 * mode with its bank simulator — on the embedded database through the server's CLI bridge, on
 * PostgreSQL directly — and print exactly what they print once the server has stopped
 * (reconcile then starts a simulator for itself).
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScratchDatabase, type ScratchDatabase } from '../adapters/db/index.ts'
import { type CliRun, runLingqian } from '../test-support/cli.ts'
import { testDatabaseKind } from '../test-support/database.ts'
import { apiClient, processStopped, startServerProcess } from '../test-support/server-process.ts'
import { shanghaiDate } from '../shared/shanghai-time.ts'

const CARD = '6222020000000000018'
const PHONE = '13800000001'
const DEMO_PASSWORD = '147258'

let dataDir: string
let scratch: ScratchDatabase | undefined
let env: NodeJS.ProcessEnv
let server: ChildProcess | undefined

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lq-cli-beside-'))
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) scratch = await createScratchDatabase(serverUrl, 'lq_clibeside')
  const { BANK_URL: _bankUrl, ...inherited } = process.env
  env = {
    ...inherited,
    LQ_DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url ?? '',
    LQ_DEV: '1',
    LOG_LEVEL: 'warn',
  }
})

afterAll(async () => {
  server?.kill('SIGKILL')
  await scratch?.drop()
  rmSync(dataDir, { recursive: true, force: true })
})

function lingqian(...args: string[]): Promise<CliRun> {
  return runLingqian(env, ...args)
}

function startServer(port: number): Promise<ChildProcess> {
  return startServerProcess({
    port,
    env: { ...env, LQ_BANK_SIM_PORT: String(port + 100) },
    ready: () => existsSync(join(dataDir, 'cli.json')),
  })
}

const stopped = processStopped

/** Signs 张伟 in, binds his ICBC card and tops up ¥100: one bank movement to reconcile. */
async function topUpThroughApi(base: string): Promise<string> {
  const api = apiClient(base, 'cli-beside-device-000000')
  await api.call('POST', '/api/v1/sms-codes', { phone: PHONE, purpose: 'sign_in' })
  const signInCode = await api.code(PHONE)
  const session = await api.call('POST', '/api/v1/sessions', { phone: PHONE, code: signInCode })
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
  const topUp = await api.call('POST', '/api/v1/me/top-ups', {
    idempotencyKey: 'cli-beside-1',
    cardId: bound.body.id,
    amountFen: 10_000,
    method: { kind: 'password', password: DEMO_PASSWORD },
  })
  expect(topUp.body.status).toBe('SUCCEEDED')
  return signInCode
}

describe(`the CLI beside a running server on ${testDatabaseKind()}`, () => {
  it(
    'answers every database command while it runs, the same as after it stops',
    { timeout: 600_000 },
    async () => {
      const port = 3400 + Math.floor(Math.random() * 500)
      server = await startServer(port)
      expect(statSync(join(dataDir, 'cli.json')).mode & 0o777).toBe(0o600)
      const signInCode = await topUpThroughApi(`http://127.0.0.1:${port}`)
      const today = shanghaiDate(Date.now())
      // merchant create runs in the server too (it needs the data key to seal the card); first,
      // so the accounts it opens are there for both rounds of ledger check.
      const createMerchant = [
        'merchant',
        'create',
        '--name',
        '旁路小店',
        '--key',
        'beside',
        '--json',
      ]
      const created = await lingqian(...createMerchant)
      expect(created, JSON.stringify(created)).toMatchObject({ code: 0, stderr: '' })
      const merchant = JSON.parse(created.stdout)
      expect(merchant).toMatchObject({ created: true, owner: { password: expect.any(String) } })
      const commands = [
        ['ledger', 'check'],
        ['sms', 'tail', '--phone', PHONE],
        ['reconcile', '--date', today],
        ['migrate'],
        ['ledger', 'balance', 'platform:platform:fees'],
        ['ledger', 'balance', 'user:nobody:balance'],
      ]
      const whileRunning = []
      for (const command of commands) whileRunning.push(await lingqian(...command))
      const [check, tail, reconcile, migrate, balance, noAccount] = whileRunning
      expect(check, JSON.stringify(check)).toMatchObject({ code: 0, stderr: '' })
      expect(check?.stdout).toMatch(/^ledger ok$/m)
      expect(tail?.code).toBe(0)
      expect(tail?.stdout).toContain(`验证码 ${signInCode}`)
      expect(reconcile, JSON.stringify(reconcile)).toMatchObject({ code: 0, stderr: '' })
      expect(reconcile?.stdout).toMatch(/wallet 1, bank 1, matched 1/)
      expect(reconcile?.stdout).toMatch(/^0 mismatches$/m)
      expect(migrate).toMatchObject({ code: 0, stdout: 'up to date\n' })
      expect(JSON.parse(balance?.stdout ?? '')).toMatchObject({ posted: expect.any(String) })
      expect(noAccount).toMatchObject({ code: 2, stdout: '' })
      expect(noAccount?.stderr).toMatch(
        /^lingqian ledger balance: no account user:nobody:balance$/m,
      )

      server.kill('SIGTERM')
      await stopped(server)
      expect(existsSync(join(dataDir, 'cli.json'))).toBe(false)
      for (const [index, command] of commands.entries()) {
        expect(await lingqian(...command), command.join(' ')).toEqual(whileRunning[index])
      }
      const again = JSON.parse((await lingqian(...createMerchant)).stdout)
      expect(again).toMatchObject({ created: false, merchant: { id: merchant.merchant.id } })
    },
  )
})
