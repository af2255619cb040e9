/**
 * The CLI bridge answers only loopback callers with the token from cli.json, runs the command's
 * own `run` and returns its result object; bad calls get a failure with an exit status, never a
 * 500.
 */
import { describe, expect, it } from 'vitest'
import type { BankConnector } from '../adapters/bank/index.ts'
import type { Ledger } from '../modules/ledger/index.ts'
import { buildCliBridge } from './bridge-server.ts'
import type { CliServices } from './commands.ts'

const TOKEN = 'a-test-token-that-is-long-enough'
const REPORT = {
  ok: true,
  problems: [],
  stats: { accounts: 3, transfers: 0, entries: 0, openPending: 0 },
}

const services: CliServices = {
  ledger: { check: async () => REPORT } as unknown as Ledger,
  outbox: { list: async () => [{ id: 1, phone: '13800000001', body: 'hello', createdAtMs: 0 }] },
  migrate: async () => [],
  bank: async () => ({}) as BankConnector,
  merchants: async () => {
    throw new Error('no merchant command in this test')
  },
  redPacketProof: async () => {
    throw new Error('no red-packet command in this test')
  },
  merchantApi: async () => {
    throw new Error('no merchant command in this test')
  },
  nowMs: () => 0,
}

function call(options: { command?: string; token?: string; from?: string; args?: unknown }) {
  return buildCliBridge(services, TOKEN).inject({
    method: 'POST',
    url: `/api/v1/cli/${options.command ?? 'ledger-check'}`,
    remoteAddress: options.from ?? '127.0.0.1',
    headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
    payload: { args: options.args ?? [] },
  })
}

describe('the CLI bridge', () => {
  it('runs a command for a loopback caller with the token and returns its result', async () => {
    const response = await call({ token: TOKEN })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ result: REPORT })
    const tail = await call({ token: TOKEN, command: 'sms-tail', args: ['--limit', '5'] })
    expect(tail.json().result[0]).toMatchObject({ body: 'hello' })
  })

  it('refuses a missing or wrong token', async () => {
    expect((await call({})).statusCode).toBe(401)
    const wrong = await call({ token: `${TOKEN.slice(0, -1)}X` })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().failure.exitCode).toBe(2)
    expect((await call({ token: 'short' })).statusCode).toBe(401)
  })

  it('refuses a caller that is not on loopback, token or not', async () => {
    const response = await call({ token: TOKEN, from: '203.0.113.9' })
    expect(response.statusCode).toBe(403)
    expect(response.json().failure.message).toMatch(/loopback/)
  })

  it('answers unknown commands and options with a failure and exit status 2', async () => {
    const unknown = await call({ token: TOKEN, command: 'serve' })
    expect(unknown.statusCode).toBe(404)
    const option = await call({ token: TOKEN, args: ['--frobnicate'] })
    expect(option.statusCode).toBe(422)
    expect(option.json().failure).toMatchObject({ exitCode: 2 })
    expect((await call({ token: TOKEN, args: [42] })).statusCode).toBe(400)
  })
})
