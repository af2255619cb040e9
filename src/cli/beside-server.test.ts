/**
 * The CLI beside a running server on the same data directory: `ledger check`, `sms tail`,
 * `reconcile`, `migrate`, `ledger balance` (found and not) and `merchant create` answer while `serve` runs in demo
 * mode with its bank simulator — on the embedded database through the server's CLI bridge, on
 * PostgreSQL directly — and print exactly what they print once the server has stopped
 * (reconcile then starts a simulator for itself).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScratchDatabase, type ScratchDatabase } from '../adapters/db/index.ts'
import { testDatabaseKind } from '../test-support/database.ts'
import { shanghaiDate } from '../shared/shanghai-time.ts'

const BIN = new URL('../../bin/lingqian.js', import.meta.url).pathname
const CARD = '6222020000000000018'
const PHONE = '13800000001'
const DEMO_PASSWORD = '147258'
const run = promisify(execFile)

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

async function lingqian(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { ...env, LQ_BANK_SIM_PORT: String(port + 100) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  // Generous: a loaded 2-core machine has taken over 30 s to boot a server (tsx + PGlite).
  const deadlineMs = Date.now() + 150_000
  while (Date.now() < deadlineMs && child.exitCode === null) {
    try {
      const healthy = (await fetch(`http://127.0.0.1:${port}/healthz`)).ok
      if (healthy && existsSync(join(dataDir, 'cli.json'))) return child
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start (exit code ${child.exitCode})`)
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  )
}

function client(base: string) {
  let token = ''
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-device-id': 'cli-beside-device-000000',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, body: (await response.json()) as Record<string, any> }
  }
  const code = async () => {
    const messages = (await call('GET', `/api/v1/dev/sms?phone=${PHONE}`)).body.messages
    return /验证码 (\d{6})/.exec((messages as { body: string }[])[0]?.body ?? '')?.[1] ?? ''
  }
  return { call, code, setToken: (value: string) => (token = value) }
}

/** Signs 张伟 in, binds his ICBC card and tops up ¥100: one bank movement to reconcile. */
async function topUpThroughApi(base: string): Promise<string> {
  const api = client(base)
  await api.call('POST', '/api/v1/sms-codes', { phone: PHONE, purpose: 'sign_in' })
  const signInCode = await api.code()
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
    smsCode: await api.code(),
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
