/**
 * Balance transfers over HTTP with the Clock moved across the 2-hour and 24-hour marks:
 * accept, return, the 24-hour return by the job, delayed arrival and its cancel, who may send
 * and receive, idempotency, and accept racing the expiry. After each: the ledger check is clean
 * and escrow:transfer holds exactly what the waiting transfers owe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn, type SignedIn } from '../../test-support/identity.ts'
import {
  availableFen,
  expectTransferBooksExact,
  fundBalance,
  sendTransfer,
  transferAction,
} from '../../test-support/transfers.ts'
import {
  openWalletUser,
  TEST_PAYMENT_PASSWORD,
  type WalletUser,
} from '../../test-support/wallet-user.ts'

const HOUR_MS = 3600_000
let app: TestApp
let zhang: WalletUser
let li: WalletUser

function getTransfer(user: SignedIn, transferId: string) {
  return app.server.inject({
    method: 'GET',
    url: `/api/v1/me/transfers/${transferId}`,
    headers: user.auth,
  })
}

async function noticeKinds(user: SignedIn): Promise<string[]> {
  const response = await app.server.inject({
    method: 'GET',
    url: '/api/v1/me/notices',
    headers: user.auth,
  })
  return (response.json().notices as { kind: string }[]).map((notice) => notice.kind)
}

async function setDelay(user: SignedIn, delayHours: number) {
  const response = await app.server.inject({
    method: 'PUT',
    url: '/api/v1/me/transfer-settings',
    headers: user.auth,
    payload: { delayHours, paymentPassword: TEST_PAYMENT_PASSWORD },
  })
  expect(response.statusCode, response.body).toBe(200)
}

beforeAll(async () => {
  app = await createTestApp()
  zhang = await openWalletUser(app, '13800000001')
  li = await openWalletUser(app, '13800000002')
  await fundBalance(app, zhang.userId, 1_000_000)
})

afterAll(async () => {
  await app.close()
})

describe(`balance transfers on ${testDatabaseKind()}`, () => {
  it('moves the money into escrow at once; 收款 credits the recipient; a retry is the same transfer', async () => {
    const sent = await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 12_345, {
      idempotencyKey: 'lunch-1',
      note: '午饭',
    })
    expect(sent.statusCode, sent.body).toBe(200)
    const transfer = sent.json()
    expect(transfer).toMatchObject({
      status: 'PENDING',
      role: 'sender',
      amountFen: 12_345,
      note: '午饭',
    })
    expect(transfer.counterpartyName).toBe('*娜')
    expect(transfer.expiresAtMs - transfer.createdAtMs).toBe(24 * HOUR_MS)
    expect(await availableFen(app, zhang.userId)).toBe(1_000_000 - 12_345)
    await expectTransferBooksExact(app)
    const retry = await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 12_345, {
      idempotencyKey: 'lunch-1',
      note: '午饭',
    })
    expect(retry.json().id).toBe(transfer.id)
    const conflict = await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 999, {
      idempotencyKey: 'lunch-1',
    })
    expect(conflict.json().code).toBe('IDEMPOTENCY_CONFLICT')
    expect(await availableFen(app, zhang.userId)).toBe(1_000_000 - 12_345)

    const seen = await getTransfer(li, transfer.id)
    expect(seen.json()).toMatchObject({
      role: 'recipient',
      status: 'PENDING',
      counterpartyName: '*伟',
    })
    expect(await noticeKinds(li)).toContain('transfer_received')
    const accepted = await transferAction(app, li, transfer.id, 'accept')
    expect(accepted.json()).toMatchObject({ status: 'ACCEPTED' })
    const again = await transferAction(app, li, transfer.id, 'accept')
    expect(again.json()).toMatchObject({ status: 'ACCEPTED' })
    expect(await availableFen(app, li.userId)).toBe(12_345)
    expect(await noticeKinds(zhang)).toContain('transfer_accepted')
    const returned = await transferAction(app, li, transfer.id, 'return')
    expect(returned.json().code).toBe('TRANSFER_NOT_PENDING')
    const byStranger = await transferAction(app, zhang, transfer.id, 'accept')
    expect(byStranger.json().code).toBe('FORBIDDEN')

    const records = await app.records.list(li.userId)
    expect(records.records.find((record) => record.sourceId === transfer.id)).toMatchObject({
      direction: 'in',
      status: 'ACCEPTED',
      amountFen: 12_345,
    })
    const sent2 = await app.records.list(zhang.userId)
    expect(sent2.records.find((record) => record.sourceId === transfer.id)).toMatchObject({
      direction: 'out',
      status: 'ACCEPTED',
    })
    await expectTransferBooksExact(app)
  })

  it('退还: the recipient returns it and the sender has it back at once', async () => {
    const before = await availableFen(app, zhang.userId)
    const sent = (await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 5_000)).json()
    const returned = await transferAction(app, li, sent.id, 'return')
    expect(returned.json()).toMatchObject({ status: 'RETURNED' })
    expect(await availableFen(app, zhang.userId)).toBe(before)
    expect(await noticeKinds(zhang)).toContain('transfer_returned')
    const late = await transferAction(app, li, sent.id, 'accept')
    expect(late.json().code).toBe('TRANSFER_NOT_PENDING')
    await expectTransferBooksExact(app)
  })

  it('not accepted within 24 hours: the job returns it and both are told', async () => {
    const before = await availableFen(app, zhang.userId)
    const sent = (await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 7_000)).json()
    app.clock.advanceMs(24 * HOUR_MS - 60_000)
    await app.jobs.runDueJobs()
    expect((await getTransfer(zhang, sent.id)).json().status).toBe('PENDING')
    expect(await availableFen(app, zhang.userId)).toBe(before - 7_000)
    app.clock.advanceMs(60_000)
    await app.jobs.runDueJobs()
    expect((await getTransfer(zhang, sent.id)).json().status).toBe('EXPIRED')
    expect(await availableFen(app, zhang.userId)).toBe(before)
    const job = await app.jobs.find('transfers.expire', sent.id)
    expect(job?.status).toBe('done')
    expect(await noticeKinds(zhang)).toContain('transfer_expired')
    expect(await noticeKinds(li)).toContain('transfer_expired')
    const late = await transferAction(app, li, sent.id, 'accept')
    expect(late.json().code).toBe('TRANSFER_EXPIRED')
    await expectTransferBooksExact(app)
  })

  it('an accept after the 24-hour mark is refused even before the job ran', async () => {
    const before = await availableFen(app, zhang.userId)
    const sent = (await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 3_000)).json()
    app.clock.advanceMs(24 * HOUR_MS)
    const late = await transferAction(app, li, sent.id, 'accept')
    expect(late.json().code).toBe('TRANSFER_EXPIRED')
    expect(await availableFen(app, zhang.userId)).toBe(before)
    await app.jobs.runDueJobs()
    expect((await getTransfer(zhang, sent.id)).json().status).toBe('EXPIRED')
    await expectTransferBooksExact(app)
  })

  it('延时到账 2 h: hidden from the recipient, cancellable by the sender until it arrives', async () => {
    await setDelay(zhang, 2)
    const before = await availableFen(app, zhang.userId)
    const cancelled = (
      await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 4_000)
    ).json()
    expect(cancelled).toMatchObject({ status: 'DELAYED', delayMs: 2 * HOUR_MS })
    expect(await availableFen(app, zhang.userId)).toBe(before - 4_000)
    expect((await getTransfer(li, cancelled.id)).statusCode).toBe(404)
    expect((await transferAction(app, li, cancelled.id, 'accept')).statusCode).toBe(404)
    app.clock.advanceMs(HOUR_MS)
    const cancel = await transferAction(app, zhang, cancelled.id, 'cancel')
    expect(cancel.json()).toMatchObject({ status: 'CANCELLED' })
    expect(await availableFen(app, zhang.userId)).toBe(before)
    app.clock.advanceMs(2 * HOUR_MS)
    await app.jobs.runDueJobs()
    expect((await getTransfer(li, cancelled.id)).statusCode).toBe(404)

    const arriving = (
      await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 4_100)
    ).json()
    app.clock.advanceMs(2 * HOUR_MS - 1)
    await app.jobs.runDueJobs()
    expect((await getTransfer(li, arriving.id)).statusCode).toBe(404)
    app.clock.advanceMs(1)
    await app.jobs.runDueJobs()
    expect((await getTransfer(li, arriving.id)).json()).toMatchObject({
      status: 'PENDING',
      realTime: false,
    })
    const tooLate = await transferAction(app, zhang, arriving.id, 'cancel')
    expect(tooLate.json().code).toBe('TRANSFER_NOT_PENDING')
    // The 24 hours to accept run from the arrival.
    app.clock.advanceMs(24 * HOUR_MS - 1)
    await app.jobs.runDueJobs()
    expect((await getTransfer(li, arriving.id)).json().status).toBe('PENDING')
    const accepted = await transferAction(app, li, arriving.id, 'accept')
    expect(accepted.json().status).toBe('ACCEPTED')
    await setDelay(zhang, 0)
    await expectTransferBooksExact(app)
  })

  it('延时到账 24 h: arrives at the 24-hour mark, goes back at the 48-hour mark', async () => {
    await setDelay(zhang, 24)
    const before = await availableFen(app, zhang.userId)
    const sent = (await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 2_400)).json()
    expect(sent.availableAtMs - sent.createdAtMs).toBe(24 * HOUR_MS)
    app.clock.advanceMs(24 * HOUR_MS - 1)
    await app.jobs.runDueJobs()
    expect((await getTransfer(li, sent.id)).statusCode).toBe(404)
    app.clock.advanceMs(1)
    await app.jobs.runDueJobs()
    expect((await getTransfer(li, sent.id)).json().status).toBe('PENDING')
    app.clock.advanceMs(24 * HOUR_MS)
    await app.jobs.runDueJobs()
    expect((await getTransfer(zhang, sent.id)).json().status).toBe('EXPIRED')
    expect(await availableFen(app, zhang.userId)).toBe(before)
    await setDelay(zhang, 0)
    await expectTransferBooksExact(app)
  })
})

describe('who may send and receive', () => {
  it('refuses an unverified sender (KYC_REQUIRED) and recipient, a frozen one, oneself — before paying', async () => {
    const zhao = await signIn(app, '13800000007')
    const fromUnverified = await sendTransfer(app, zhao, { kind: 'user', userId: li.userId }, 100)
    expect(fromUnverified.json().code).toBe('KYC_REQUIRED')
    const before = await availableFen(app, zhang.userId)
    const toUnverified = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/transfers/preview',
      headers: zhang.auth,
      payload: { to: { kind: 'user', userId: zhao.userId }, amountFen: 100 },
    })
    expect(toUnverified.json()).toMatchObject({
      code: 'RECIPIENT_CANNOT_RECEIVE',
      details: { reason: 'UNVERIFIED' },
    })
    // A wrong password is never even checked: the recipient is refused first.
    const wrongPin = await sendTransfer(app, zhang, { kind: 'user', userId: zhao.userId }, 100, {
      password: '000000',
    })
    expect(wrongPin.json().code).toBe('RECIPIENT_CANNOT_RECEIVE')
    const huang = await openWalletUser(app, '13800000008')
    await app.identity.setStatusByOperator({
      userId: huang.userId,
      status: 'frozen',
      reason: 'test',
      operatorId: 'op',
    })
    const toFrozen = await sendTransfer(app, zhang, { kind: 'user', userId: huang.userId }, 100)
    expect(toFrozen.json().code).toBe('RECIPIENT_FROZEN')
    const chen = await openWalletUser(app, '13800000005')
    await app.identity.setStatusByOperator({
      userId: chen.userId,
      status: 'restricted',
      reason: 'test',
      operatorId: 'op',
    })
    const toRestricted = await sendTransfer(
      app,
      zhang,
      { kind: 'phone', phone: '13800000005' },
      100,
    )
    expect(toRestricted.json()).toMatchObject({
      code: 'RECIPIENT_CANNOT_RECEIVE',
      details: { reason: 'RESTRICTED' },
    })
    const toSelf = await sendTransfer(app, zhang, { kind: 'user', userId: zhang.userId }, 100)
    expect(toSelf.json().code).toBe('TRANSFER_SELF_NOT_ALLOWED')
    const tooMuch = await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 50_000_000)
    expect(tooMuch.json().code).toBe('INVALID_AMOUNT')
    expect(await availableFen(app, zhang.userId)).toBe(before)
    await expectTransferBooksExact(app)
  })

  it('a transfer the balance cannot cover fails and gives its limits back', async () => {
    const poor = await openWalletUser(app, '13800000009')
    await fundBalance(app, poor.userId, 1_000)
    const refused = await sendTransfer(app, poor, { kind: 'user', userId: li.userId }, 1_001)
    expect(refused.json().code).toBe('NOT_ENOUGH')
    const usage = await app.security.balanceUsage(poor.userId)
    expect(usage.lifetimeUsedFen).toBe(0)
    const fits = await sendTransfer(app, poor, { kind: 'user', userId: li.userId }, 1_000)
    expect(fits.json().status).toBe('PENDING')
    expect((await app.security.balanceUsage(poor.userId)).lifetimeUsedFen).toBe(1_000)
    // Returned: the money never left the customer, so the class limit is given back.
    await transferAction(app, li, fits.json().id, 'return')
    expect((await app.security.balanceUsage(poor.userId)).lifetimeUsedFen).toBe(0)
    await expectTransferBooksExact(app)
  })

  it('previews a calm hint for a non-contact and a first large transfer, never a block', async () => {
    const preview = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/transfers/preview',
      headers: zhang.auth,
      payload: { to: { kind: 'user', userId: li.userId }, amountFen: 600_000 },
    })
    expect(preview.statusCode, preview.body).toBe(200)
    const codes = (preview.json().hints as { code: string }[]).map((hint) => hint.code)
    expect(codes).toContain('NOT_A_CONTACT')
    // zhang has paid li before (accepted above): not a first transfer.
    expect(codes).not.toContain('FIRST_LARGE_TRANSFER')
    const other = await openWalletUser(app, '13800000004')
    const first = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/transfers/preview',
      headers: zhang.auth,
      payload: { to: { kind: 'user', userId: other.userId }, amountFen: 600_000 },
    })
    const firstCodes = (first.json().hints as { code: string }[]).map((hint) => hint.code)
    expect(firstCodes).toEqual(['NOT_A_CONTACT', 'FIRST_LARGE_TRANSFER'])
    expect(first.json()).toMatchObject({
      realTime: true,
      feeFen: 0,
      recipient: { displayName: '*洋' },
    })
  })
})

describe('races', () => {
  it('accept racing the 24-hour return: exactly one outcome, the books exact', async () => {
    const outcomes: string[] = []
    for (let round = 0; round < 6; round++) {
      const zhangBefore = await availableFen(app, zhang.userId)
      const liBefore = await availableFen(app, li.userId)
      const sent = (
        await sendTransfer(app, zhang, { kind: 'user', userId: li.userId }, 1_000 + round)
      ).json()
      app.clock.advanceMs(24 * HOUR_MS - 1)
      const [accepted] = await Promise.all([
        transferAction(app, li, sent.id, 'accept'),
        (async () => {
          app.clock.advanceMs(1)
          await app.jobs.runDueJobs()
        })(),
        transferAction(app, li, sent.id, 'return'),
      ])
      const final = (await getTransfer(zhang, sent.id)).json().status as string
      outcomes.push(final)
      expect(['ACCEPTED', 'EXPIRED', 'RETURNED']).toContain(final)
      if (final === 'ACCEPTED') {
        expect(accepted.json().status).toBe('ACCEPTED')
        expect(await availableFen(app, li.userId)).toBe(liBefore + 1_000 + round)
        expect(await availableFen(app, zhang.userId)).toBe(zhangBefore - 1_000 - round)
      } else {
        expect(await availableFen(app, li.userId)).toBe(liBefore)
        expect(await availableFen(app, zhang.userId)).toBe(zhangBefore)
      }
      await expectTransferBooksExact(app)
    }
    expect(outcomes).toHaveLength(6)
  })
})
