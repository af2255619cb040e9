/**
 * Red packets through the wired app: every rule (limits, kinds, who may open, once per person,
 * best luck, the fairness proof), the 24-hour return with the Clock moved across the mark, the
 * books after each (escrow empty when settled, `ledger check` clean), records for every movement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { createCrowd, createCrowdGroup, type CrowdMember } from '../../test-support/crowd.ts'
import {
  availableFen,
  escrowFen,
  fundBalance,
  packetRequest,
} from '../../test-support/redpackets.ts'
import { openWalletUser, type WalletUser } from '../../test-support/wallet-user.ts'
import { verifySplit } from './index.ts'

const HOUR_MS = 3600_000
let app: TestApp
let sender: WalletUser
let crowd: CrowdMember[]
let group: string

beforeAll(async () => {
  app = await createTestApp()
  sender = await openWalletUser(app, '13800000001')
  await fundBalance(app, sender.userId, 1_000_000)
  crowd = await createCrowd(app.database.db, 12, app.clock.nowMs())
  group = await createCrowdGroup(
    app.database.db,
    sender.userId,
    crowd.slice(0, 10).map((member) => member.userId),
    app.clock.nowMs(),
  )
})
afterAll(async () => {
  await app.close()
})

async function expectCode(promise: Promise<unknown>, code: string, details?: object) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error, `expected ${code}`).toMatchObject({ code, ...(details ? { details } : {}) })
}

async function expectBooksClean() {
  expect((await app.ledger.check()).problems).toEqual([])
}

describe('lucky packet (拼手气)', () => {
  it('splits exactly, once per person, marks best luck and proves the split', async () => {
    const before = await availableFen(app, sender.userId)
    const escrowBefore = await escrowFen(app)
    const id = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: group, totalFen: 1_000, shares: 5 }),
    )
    expect(await availableFen(app, sender.userId)).toBe(before - 1_000)
    expect(await escrowFen(app)).toBe(escrowBefore + 1_000)
    const active = await app.redpackets.get(sender.userId, id)
    expect(active.fairness.seed).toBeNull()
    expect(active.fairness.commitment).toMatch(/^[0-9a-f]{64}$/)
    const shares = []
    for (const member of crowd.slice(0, 5)) {
      const share = await app.redpackets.open(member.userId, id)
      expect(share.amountFen).toBeGreaterThanOrEqual(1)
      expect(await availableFen(app, member.userId)).toBe(share.amountFen)
      shares.push(share)
    }
    expect(shares.map((share) => share.slot)).toEqual([0, 1, 2, 3, 4])
    expect(shares.reduce((sum, share) => sum + share.amountFen, 0)).toBe(1_000)
    await expectCode(app.redpackets.open(crowd[0]!.userId, id), 'REDPACKET_ALREADY_OPENED')
    await expectCode(app.redpackets.open(crowd[5]!.userId, id), 'REDPACKET_EMPTY')
    const finished = await app.redpackets.get(crowd[5]!.userId, id)
    expect(finished.status).toBe('FINISHED')
    expect(finished.openings.filter((opening) => opening.bestLuck)).toHaveLength(1)
    const best = finished.openings.find((opening) => opening.bestLuck)!
    expect(best.amountFen).toBe(Math.max(...shares.map((share) => share.amountFen)))
    expect(finished.fairness.seed).toMatch(/^[0-9a-f]{64}$/)
    const proof = verifySplit({
      seedHex: finished.fairness.seed!,
      commitmentHex: finished.fairness.commitment,
      packetId: id,
      split: finished.split,
      totalFen: finished.totalFen,
      shares: finished.shares,
      opens: finished.openings.map((opening) => ({
        slot: opening.slot,
        amountFen: opening.amountFen,
      })),
    })
    expect(proof.ok).toBe(true)
    expect(await escrowFen(app)).toBe(escrowBefore)
    const received = await app.records.list(crowd[0]!.userId)
    expect(received.records[0]).toMatchObject({ sourceKind: 'REDPACKET', direction: 'in' })
    const sent = await app.records.list(sender.userId)
    expect(sent.records.find((record) => record.sourceId === id)).toMatchObject({
      direction: 'out',
      amountFen: 1_000,
      status: 'FINISHED',
    })
    await expectBooksClean()
  })

  it('offers the exchangeable line-cutting split too', async () => {
    const id = await app.redpackets.send(
      sender.userId,
      packetRequest({
        kind: 'lucky',
        luckyMode: 'cut',
        conversationId: group,
        totalFen: 777,
        shares: 3,
      }),
    )
    let sum = 0
    for (const member of crowd.slice(0, 3))
      sum += (await app.redpackets.open(member.userId, id)).amountFen
    expect(sum).toBe(777)
    expect((await app.redpackets.get(null, id)).split).toBe('cut')
  })
})

describe('the rules', () => {
  it('refuses a packet over ¥200, over 100 shares, under 1 fen a share, or more shares than members', async () => {
    const send = (input: Parameters<typeof packetRequest>[0]) =>
      app.redpackets.send(sender.userId, packetRequest(input))
    await expectCode(
      send({ kind: 'lucky', conversationId: group, totalFen: 20_001, shares: 2 }),
      'REDPACKET_LIMIT',
      { rule: 'PACKET_FEN_MAX' },
    )
    await expectCode(
      send({ kind: 'lucky', conversationId: group, totalFen: 20_000, shares: 101 }),
      'REDPACKET_LIMIT',
      { rule: 'SHARES_MAX' },
    )
    await expectCode(
      send({ kind: 'lucky', conversationId: group, totalFen: 4, shares: 5 }),
      'REDPACKET_LIMIT',
      { rule: 'SHARE_FEN_MIN' },
    )
    await expectCode(
      send({ kind: 'lucky', conversationId: group, totalFen: 100, shares: 12 }),
      'REDPACKET_LIMIT',
      { rule: 'SHARES_OVER_GROUP_SIZE', groupSize: 11 },
    )
    await expectCode(
      send({ kind: 'fixed', conversationId: group, shareFen: 10_001, shares: 2 }),
      'REDPACKET_LIMIT',
      { rule: 'PACKET_FEN_MAX' },
    )
    // ¥200 exactly and 100 fen in 100 shares are inside the rules (here: 11 members at most).
    await expect(
      send({ kind: 'single', recipientId: crowd[0]!.userId, totalFen: 20_000 }),
    ).resolves.toMatch(/^rp_/)
    await expect(
      send({ kind: 'lucky', conversationId: group, totalFen: 11, shares: 11 }),
    ).resolves.toMatch(/^rp_/)
  })

  it('splits a fixed packet equally', async () => {
    const id = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'fixed', conversationId: group, shareFen: 88, shares: 3 }),
    )
    for (const member of crowd.slice(0, 3))
      expect((await app.redpackets.open(member.userId, id)).amountFen).toBe(88)
  })

  it('lets only the named member open an exclusive packet, and only the recipient a one-to-one', async () => {
    const exclusive = await app.redpackets.send(
      sender.userId,
      packetRequest({
        kind: 'exclusive',
        conversationId: group,
        recipientId: crowd[2]!.userId,
        totalFen: 520,
      }),
    )
    await expectCode(app.redpackets.open(crowd[1]!.userId, exclusive), 'REDPACKET_NOT_FOR_YOU')
    await expectCode(app.redpackets.open(sender.userId, exclusive), 'REDPACKET_NOT_FOR_YOU')
    expect((await app.redpackets.open(crowd[2]!.userId, exclusive)).amountFen).toBe(520)
    const single = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'single', recipientId: crowd[11]!.userId, totalFen: 66 }),
    )
    await expectCode(app.redpackets.open(crowd[1]!.userId, single), 'REDPACKET_NOT_FOR_YOU')
    expect((await app.redpackets.open(crowd[11]!.userId, single)).amountFen).toBe(66)
    // Someone outside the group cannot open a group packet nor see it.
    const lucky = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: group, totalFen: 100, shares: 2 }),
    )
    await expectCode(app.redpackets.open(crowd[11]!.userId, lucky), 'REDPACKET_NOT_FOR_YOU')
    await expectCode(app.redpackets.get(crowd[11]!.userId, lucky), 'NOT_FOUND')
  })

  it('answers a retried send with the same packet and charges once', async () => {
    const request = packetRequest({
      kind: 'lucky',
      conversationId: group,
      totalFen: 300,
      shares: 2,
    })
    const before = await availableFen(app, sender.userId)
    const first = await app.redpackets.send(sender.userId, request)
    expect(await app.redpackets.send(sender.userId, request)).toBe(first)
    expect(await availableFen(app, sender.userId)).toBe(before - 300)
    await expectCode(
      app.redpackets.send(sender.userId, { ...request, totalFen: 301 }),
      'IDEMPOTENCY_CONFLICT',
    )
  })

  it('refuses a wrong password and a balance too small, moving nothing', async () => {
    const before = await availableFen(app, sender.userId)
    await expectCode(
      app.redpackets.send(sender.userId, {
        ...packetRequest({ kind: 'lucky', conversationId: group, totalFen: 100, shares: 2 }),
        method: { kind: 'password', password: '000000' },
      }),
      'PIN_WRONG',
    )
    const poor = await openWalletUser(app, '13800000002')
    await fundBalance(app, poor.userId, 50)
    const poorGroup = await createCrowdGroup(
      app.database.db,
      poor.userId,
      [crowd[0]!.userId],
      app.clock.nowMs(),
    )
    await expectCode(
      app.redpackets.send(
        poor.userId,
        packetRequest({ kind: 'lucky', conversationId: poorGroup, totalFen: 100, shares: 2 }),
      ),
      'NOT_ENOUGH',
    )
    expect(await availableFen(app, poor.userId)).toBe(50)
    expect(await availableFen(app, sender.userId)).toBe(before)
    expect(await app.security.balanceUsage(poor.userId)).toMatchObject({ lifetimeUsedFen: 0 })
    await expectBooksClean()
  })

  it('keeps unverified people from sending and from opening (KYC_REQUIRED)', async () => {
    const [unverified] = await createCrowd(app.database.db, 1, app.clock.nowMs())
    await app.database.db
      .updateTable('users' as never)
      .set({ verified_at: null, account_class: 0 } as never)
      .where('id' as never, '=', unverified!.userId as never)
      .execute()
    const mixed = await createCrowdGroup(
      app.database.db,
      sender.userId,
      [unverified!.userId],
      app.clock.nowMs(),
    )
    const id = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: mixed, totalFen: 100, shares: 2 }),
    )
    await expectCode(app.redpackets.open(unverified!.userId, id), 'KYC_REQUIRED')
    await expectCode(
      app.redpackets.send(
        unverified!.userId,
        packetRequest({ kind: 'lucky', conversationId: mixed, totalFen: 100, shares: 2 }),
      ),
      'KYC_REQUIRED',
    )
  })
})

describe('the 24-hour return', () => {
  it('opens until the mark, refuses after it, and returns the rest by the job runner', async () => {
    const id = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: group, totalFen: 1_000, shares: 4 }),
    )
    app.clock.advanceMs(24 * HOUR_MS - 1_000)
    const first = await app.redpackets.open(crowd[0]!.userId, id)
    await app.jobs.runDueJobs()
    expect((await app.redpackets.get(null, id)).status).toBe('ACTIVE')
    const senderBefore = await availableFen(app, sender.userId)
    app.clock.advanceMs(1_000)
    await expectCode(app.redpackets.open(crowd[1]!.userId, id), 'REDPACKET_EXPIRED')
    await app.jobs.runDueJobs()
    const expired = await app.redpackets.get(sender.userId, id)
    expect(expired).toMatchObject({
      status: 'EXPIRED',
      openedCount: 1,
      returnedFen: 1_000 - first.amountFen,
    })
    expect(expired.fairness.seed).toMatch(/^[0-9a-f]{64}$/)
    expect(expired.openings.some((opening) => opening.bestLuck)).toBe(false)
    // Earlier tests' packets expired at the same mark: this packet's return is its own transfer.
    const returned = await app.ledger.findTransferByKey(`rp:${id}:return`)
    const senderAccount = await app.wallet.balanceAccount(sender.userId)
    expect(returned?.legs).toEqual([
      expect.objectContaining({
        creditAccountId: senderAccount.id,
        amountFen: 1_000 - first.amountFen,
      }),
    ])
    expect(await availableFen(app, sender.userId)).toBeGreaterThanOrEqual(
      senderBefore + 1_000 - first.amountFen,
    )
    const afterReturn = await availableFen(app, sender.userId)
    const records = await app.records.list(sender.userId)
    expect(records.records.find((record) => record.sourceId === `${id}:return`)).toMatchObject({
      direction: 'in',
      amountFen: 1_000 - first.amountFen,
      status: 'RETURNED',
    })
    await app.jobs.runDueJobs()
    await app.redpackets.recover()
    expect(await availableFen(app, sender.userId)).toBe(afterReturn)
    // Every packet sent so far is settled: escrow holds nothing.
    expect(await escrowFen(app)).toBe(0)
    await expectBooksClean()
  })

  it('credits a claimed slot whose credit never happened, with the slot key', async () => {
    const id = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: group, totalFen: 500, shares: 2 }),
    )
    // A crash right after the claim statement: the slot is taken, nothing credited.
    const nowIso = new Date(app.clock.nowMs()).toISOString()
    await app.database.db
      .updateTable('red_packets' as never)
      .set({ opened_count: 1 } as never)
      .where('id' as never, '=', id as never)
      .execute()
    await app.database.db
      .insertInto('red_packet_opens' as never)
      .values({ packet_id: id, slot: 0, user_id: crowd[3]!.userId, opened_at: nowIso } as never)
      .execute()
    const before = await availableFen(app, crowd[3]!.userId)
    await app.redpackets.recover()
    expect(await availableFen(app, crowd[3]!.userId)).toBe(before)
    app.clock.advanceMs(app.redpackets.rules().recoverAfterMs)
    expect((await app.redpackets.recover()).slotsCredited).toBe(1)
    const view = await app.redpackets.get(null, id)
    expect(await availableFen(app, crowd[3]!.userId)).toBe(before + view.openings[0]!.amountFen)
    expect(await app.ledger.findTransferByKey(`rp:${id}:0`)).toBeDefined()
    await expectBooksClean()
  })
})
