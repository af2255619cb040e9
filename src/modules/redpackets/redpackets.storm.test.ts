/**
 * Storms: everyone opens at once. One packet with more openers than shares → exactly `shares`
 * succeed, each person once, the shares sum exactly to the total, everyone else hears
 * REDPACKET_EMPTY, escrow holds nothing after, `ledger check` is clean. Then many packets
 * opened at once across many people, the same per packet. Full size on PostgreSQL (1,000 openers
 * of 100 shares; 200 packets × 2,000 users); a smaller storm on PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { createCrowd, createCrowdGroup, type CrowdMember } from '../../test-support/crowd.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { escrowFen, fundBalance, packetRequest } from '../../test-support/redpackets.ts'
import { openWalletUser, type WalletUser } from '../../test-support/wallet-user.ts'
import type { OpenedShare } from './index.ts'

const onServer = testDatabaseKind() === 'postgres'
const SIZES = onServer
  ? { openers: 1_000, shares: 100, packets: 200, crowd: 2_000, sharesEach: 10, opensEach: 2 }
  : { openers: 120, shares: 20, packets: 10, crowd: 100, sharesEach: 5, opensEach: 1 }

let app: TestApp
let sender: WalletUser
let crowd: CrowdMember[]
let group: string

beforeAll(async () => {
  app = await createTestApp()
  sender = await openWalletUser(app, '13800000004')
  await app.security.raiseAccountClass(sender.userId, 2, 'storm test: a bound card')
  await fundBalance(app, sender.userId, 10_000_000)
  crowd = await createCrowd(
    app.database.db,
    Math.max(SIZES.openers, SIZES.crowd),
    app.clock.nowMs(),
  )
  const ids = crowd.map((member) => member.userId)
  group = await createCrowdGroup(app.database.db, sender.userId, ids, app.clock.nowMs())
}, 600_000)
afterAll(async () => {
  await app.close()
})

type Answer = { userId: string; share?: OpenedShare; code?: string }

async function openAll(openers: { userId: string; packetId: string }[]): Promise<Answer[]> {
  return Promise.all(
    openers.map(({ userId, packetId }) =>
      app.redpackets.open(userId, packetId).then(
        (share): Answer => ({ userId, share }),
        (error: { code?: string }): Answer => ({ userId, code: error.code ?? String(error) }),
      ),
    ),
  )
}

/** Exactly `shares` succeeded, each person once, summing to the total; the rest EMPTY. */
function expectExact(answers: Answer[], shares: number, totalFen: number) {
  const won = answers.filter((answer) => answer.share !== undefined)
  expect(won).toHaveLength(shares)
  expect(new Set(won.map((answer) => answer.userId)).size).toBe(shares)
  expect(new Set(won.map((answer) => answer.share!.slot)).size).toBe(shares)
  expect(won.reduce((sum, answer) => sum + answer.share!.amountFen, 0)).toBe(totalFen)
  const lost = answers.filter((answer) => answer.share === undefined)
  expect(new Set(lost.map((answer) => answer.code))).toEqual(
    lost.length === 0 ? new Set() : new Set(['REDPACKET_EMPTY']),
  )
}

describe(`red-packet storms on ${testDatabaseKind()}`, () => {
  it(`${SIZES.openers} openers of one ${SIZES.shares}-share packet`, async () => {
    const totalFen = 20_000
    const packetId = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: group, totalFen, shares: SIZES.shares }),
    )
    const openers = crowd
      .slice(0, SIZES.openers)
      .map((member) => ({ userId: member.userId, packetId }))
    expectExact(await openAll(openers), SIZES.shares, totalFen)
    const page = await app.redpackets.get(sender.userId, packetId)
    expect(page).toMatchObject({
      status: 'FINISHED',
      openedCount: SIZES.shares,
      openedFen: totalFen,
    })
    expect(page.openings.filter((opening) => opening.bestLuck)).toHaveLength(1)
    expect(await escrowFen(app)).toBe(0)
    expect((await app.ledger.check()).problems).toEqual([])
  }, 600_000)

  it(`${SIZES.packets} packets opened at once across ${SIZES.crowd} people`, async () => {
    const packetIds: string[] = []
    const totals = new Map<string, number>()
    for (let start = 0; start < SIZES.packets; start += 4) {
      const batch = Array.from({ length: Math.min(4, SIZES.packets - start) }, (_, index) => {
        const totalFen = 1_000 + (start + index) * 7
        return app.redpackets
          .send(
            sender.userId,
            packetRequest({
              kind: 'lucky',
              luckyMode: (start + index) % 2 === 0 ? 'double_average' : 'cut',
              conversationId: group,
              totalFen,
              shares: SIZES.sharesEach,
            }),
          )
          .then((id) => totals.set(id, totalFen) && id)
      })
      packetIds.push(...(await Promise.all(batch)))
    }
    // Each person opens `opensEach` packets, so every packet has many more openers than shares.
    const openers = crowd.slice(0, SIZES.crowd).flatMap((member, index) =>
      Array.from({ length: SIZES.opensEach }, (_, turn) => ({
        userId: member.userId,
        packetId: packetIds[(index + turn * 7) % packetIds.length] as string,
      })),
    )
    const answers = await openAll(openers)
    for (const packetId of packetIds) {
      const mine = answers.filter((_, index) => openers[index]!.packetId === packetId)
      expectExact(mine, SIZES.sharesEach, totals.get(packetId)!)
    }
    expect(await escrowFen(app)).toBe(0)
    expect((await app.ledger.check()).problems).toEqual([])
  }, 600_000)
})
