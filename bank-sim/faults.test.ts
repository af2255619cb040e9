import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CARD,
  type HttpAnswer,
  type RunningSimulator,
  cardNumberOf,
  demoCardAt,
  newRequestId,
  startSimulator,
} from './test-support.ts'

/** How long TIMEOUT_* faults hang; only the test that waits a hang out pays for it. */
const HANG_MS = 400
const POLL_LIMIT_MS = 5_000

let simulator: RunningSimulator
beforeEach(async () => {
  simulator = await startSimulator({ hangMs: HANG_MS })
})
afterEach(async () => {
  await simulator.close()
})

const icbcCard = cardNumberOf(CARD.zhangWeiIcbcDebit)
const topUp = (requestId: string, signal?: AbortSignal, cardNumber = icbcCard) => {
  const body = { requestId, cardNumber, amountFen: 1_000, purpose: 'TOPUP' }
  return simulator.post('/v1/debits', body, signal)
}
const balanceFen = async (cardNumber = icbcCard) =>
  (await simulator.get(`/admin/cards/${cardNumber}`)).body.balanceFen
const addFault = (fault: Record<string, unknown>) => simulator.post('/admin/faults', fault)

async function expectAbort(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toThrow(/aborted/i)
}

/** Polls until `done()` holds, so tests wait for events rather than for guessed durations. */
async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  const deadlineMs = Date.now() + POLL_LIMIT_MS
  while (!(await done())) {
    if (Date.now() > deadlineMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** True once the simulator took its (count: 1) fault, i.e. the request reached the handler. */
const faultTakenBy = (target: RunningSimulator) => async (): Promise<boolean> =>
  ((await target.get('/admin/faults')).body.faults as unknown[]).length === 0
const faultTaken = (): Promise<boolean> => faultTakenBy(simulator)()
const requestBooked = (requestId: string) => async (): Promise<boolean> =>
  (await simulator.get(`/v1/requests/${requestId}`)).status === 200

describe('fault injection', () => {
  it('DOWN answers 503 BANK_UNAVAILABLE and processes nothing', async () => {
    const added = await addFault({ bankCode: 'ICBC', mode: 'DOWN' })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({
      faultId: expect.any(Number),
      mode: 'DOWN',
      remainingCount: null,
    })
    const requestId = newRequestId('down')
    const answer = await topUp(requestId)
    expect(answer.status).toBe(503)
    expect(answer.body.code).toBe('BANK_UNAVAILABLE')
    expect((await simulator.get(`/v1/requests/${requestId}`)).status).toBe(404)
    expect(await balanceFen()).toBe(5_000_000)
  })

  it('ERROR answers 500 and processes nothing', async () => {
    await addFault({ mode: 'ERROR', count: 1 })
    const requestId = newRequestId('error')
    const answer = await topUp(requestId)
    expect(answer.status).toBe(500)
    expect(answer.body.code).toBe('BANK_INTERNAL_ERROR')
    expect((await simulator.get(`/v1/requests/${requestId}`)).status).toBe(404)
  })

  it('TIMEOUT_BEFORE hangs without processing', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'TIMEOUT_BEFORE', count: 1 })
    const requestId = newRequestId('timeout-before')
    const client = new AbortController()
    const pending = topUp(requestId, client.signal)
    await waitUntil(faultTaken)
    expect((await simulator.get(`/v1/requests/${requestId}`)).status).toBe(404)
    client.abort()
    await expectAbort(pending)
    expect((await simulator.get(`/v1/requests/${requestId}`)).status).toBe(404)
    expect(await balanceFen()).toBe(5_000_000)
    // The retry with the same requestId goes through exactly once.
    expect((await topUp(requestId)).status).toBe(200)
    expect(await balanceFen()).toBe(5_000_000 - 1_000)
  })

  it('TIMEOUT_AFTER books the request, hangs, and the query resolves the ambiguity', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'TIMEOUT_AFTER', count: 1 })
    const requestId = newRequestId('timeout-after')
    const client = new AbortController()
    const pending = topUp(requestId, client.signal)
    // The bank books the request while the client is still waiting for an answer…
    await waitUntil(requestBooked(requestId))
    // …which never comes: the client gives up, not knowing whether money moved.
    client.abort()
    await expectAbort(pending)
    const query = await simulator.get(`/v1/requests/${requestId}`)
    expect(query.status).toBe(200)
    expect(query.body).toMatchObject({ requestId, status: 'SUCCEEDED', amountFen: 1_000 })
    expect(await balanceFen()).toBe(5_000_000 - 1_000)
    // A retry returns the stored outcome and never moves money twice.
    const retry = await topUp(requestId)
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replay')).toBe('true')
    expect(await balanceFen()).toBe(5_000_000 - 1_000)
  })

  it('TIMEOUT_AFTER also books failures', async () => {
    const poorCard = cardNumberOf(CARD.wangFangPoor)
    await addFault({ cardNumber: poorCard, mode: 'TIMEOUT_AFTER', count: 1 })
    const requestId = newRequestId('timeout-after-failed')
    const client = new AbortController()
    const body = { requestId, cardNumber: poorCard, amountFen: 10_001, purpose: 'TOPUP' }
    const pending = simulator.post('/v1/debits', body, client.signal)
    await waitUntil(requestBooked(requestId))
    client.abort()
    await expectAbort(pending)
    expect((await simulator.get(`/v1/requests/${requestId}`)).body).toMatchObject({
      status: 'FAILED',
      code: 'INSUFFICIENT_FUNDS',
    })
  })

  it('answers 504 BANK_TIMEOUT to a client that waits out the hang', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'TIMEOUT_BEFORE', count: 1 })
    const startedMs = Date.now()
    const answer = await topUp(newRequestId('patient'))
    expect(answer.status).toBe(504)
    expect(answer.body.code).toBe('BANK_TIMEOUT')
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(HANG_MS - 20)
  })

  it('latencyMs slows requests down but processes them', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'NONE', latencyMs: 150, count: 1 })
    const startedMs = Date.now()
    const answer = await topUp(newRequestId('slow'))
    expect(answer.status).toBe(200)
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(140)
  })

  it('count limits a fault to the next N matching requests', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'DOWN', count: 2 })
    expect((await topUp(newRequestId('count'))).status).toBe(503)
    expect((await topUp(newRequestId('count'))).status).toBe(503)
    expect((await topUp(newRequestId('count'))).status).toBe(200)
    expect((await simulator.get('/admin/faults')).body).toEqual({ faults: [] })
  })

  it('scopes faults by bank and by card', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'DOWN' })
    const ccbCard = cardNumberOf(CARD.liNaCcbDebit)
    expect((await topUp(newRequestId('ccb'), undefined, ccbCard)).status).toBe(200)
    expect((await topUp(newRequestId('icbc'))).status).toBe(503)
    // A card-scoped rule hits only its card.
    await simulator.call('DELETE', '/admin/faults')
    await addFault({ cardNumber: ccbCard, mode: 'ERROR' })
    expect((await topUp(newRequestId('ccb'), undefined, ccbCard)).status).toBe(500)
    expect((await topUp(newRequestId('icbc'))).status).toBe(200)
  })

  it('matches the newest rule first', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'DOWN' })
    await addFault({ bankCode: 'ICBC', mode: 'ERROR', count: 1 })
    expect((await topUp(newRequestId('newest'))).status).toBe(500)
    expect((await topUp(newRequestId('newest'))).status).toBe(503)
  })

  it('applies to card verification', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'ERROR', count: 1 })
    const answer = await simulator.post('/v1/cards/verify', demoCardAt(CARD.zhangWeiIcbcDebit))
    expect(answer.status).toBe(500)
  })

  it('a global fault takes down the read endpoints too; bank-scoped ones do not', async () => {
    await addFault({ bankCode: 'ICBC', mode: 'DOWN' })
    expect((await simulator.get('/v1/requests/anything')).status).toBe(404)
    expect((await simulator.get('/v1/statements/2026-11-22')).status).toBe(200)
    await addFault({ mode: 'DOWN' })
    expect((await simulator.get('/v1/requests/anything')).status).toBe(503)
    expect((await simulator.get('/v1/statements/2026-11-22')).status).toBe(503)
    expect((await simulator.get('/healthz')).status).toBe(200)
  })

  it('DELETE /admin/faults clears every rule', async () => {
    await addFault({ mode: 'DOWN' })
    await addFault({ bankCode: 'CMB', mode: 'ERROR' })
    expect((await simulator.call('DELETE', '/admin/faults')).body).toEqual({ cleared: 2 })
    expect((await topUp(newRequestId('cleared'))).status).toBe(200)
  })

  it('rejects a malformed fault', async () => {
    expect((await addFault({ mode: 'SLOW' })).status).toBe(400)
    expect((await addFault({ mode: 'DOWN', bankCode: 'PSBC' })).status).toBe(400)
    expect((await addFault({ mode: 'DOWN', count: 0 })).status).toBe(400)
    expect((await addFault({ mode: 'NONE', latencyMs: 600_000 })).status).toBe(400)
  })

  it('closes promptly while a request hangs', async () => {
    const longHangMs = 60_000
    const patient = await startSimulator({ hangMs: longHangMs })
    await patient.post('/admin/faults', { mode: 'TIMEOUT_BEFORE', count: 1 })
    const body = { requestId: newRequestId('closing'), cardNumber: icbcCard, amountFen: 100 }
    const hanging = patient
      .post('/v1/debits', { ...body, purpose: 'TOPUP' })
      .catch((error: unknown) => error)
    await waitUntil(faultTakenBy(patient))
    const startedMs = Date.now()
    await patient.close()
    expect(Date.now() - startedMs).toBeLessThan(longHangMs / 2)
    // The hang ends at once: the client gets the 504 or a closed connection, never a wait.
    const outcome = await hanging
    expect(outcome instanceof Error || (outcome as HttpAnswer).status === 504).toBe(true)
  })
})
