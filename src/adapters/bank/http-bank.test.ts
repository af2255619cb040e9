/** The HTTP bank connector classifies an unreachable bank with a type, never by message text. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BankUnreachableError, createHttpBank } from './index.ts'

let failing: Server
let failingUrl: string

beforeAll(async () => {
  failing = createServer((_request, response) => {
    response.writeHead(500, { 'content-type': 'application/json' }).end('{}')
  })
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
  failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => failing.close(() => resolve())))

async function statementError(baseUrl: string): Promise<BankUnreachableError> {
  const error = await createHttpBank({ baseUrl, timeoutMs: 2_000 })
    .statement('2026-01-05')
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
  expect(error).toBeInstanceOf(BankUnreachableError)
  return error as BankUnreachableError
}

describe('bank statement when the bank cannot answer', () => {
  it('names the URL it tried when nothing listens there', async () => {
    const error = await statementError('http://127.0.0.1:9')
    expect(error.reason).toBe('network')
    expect(error.url).toBe('http://127.0.0.1:9')
    expect(error.message).toContain('http://127.0.0.1:9')
  })

  it('reports an unexpected status as such', async () => {
    const error = await statementError(failingUrl)
    expect(error.reason).toBe('status')
    expect(error.status).toBe(500)
  })
})
