/**
 * A packet's money over its whole life: a restart between sending and the 24-hour mark loses
 * no return (the job is a row, not a timer); and a property test that any sequence of opens,
 * clock moves, expiries, sweeps and returns conserves the total: what the openers got plus what
 * went back is exactly what left the sender, and escrow ends where it started.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { createCrowd, createCrowdGroup, type CrowdMember } from '../../test-support/crowd.ts'
import {
  availableFen,
  escrowFen,
  fundBalance,
  packetRequest,
} from '../../test-support/redpackets.ts'
import { createRestartableDatabase } from '../../test-support/restartable-database.ts'
import { openWalletUser, type WalletUser } from '../../test-support/wallet-user.ts'

const HOUR_MS = 3600_000

describe('a restart between sending and the 24-hour mark', () => {
  it('still returns what was left, by the job scheduled before the restart', async () => {
    const storage = await createRestartableDatabase()
    const clock = new ManualClock()
    const first = await createTestApp({ database: await storage.open(), clock })
    const sender = await openWalletUser(first, '13800000006')
    await fundBalance(first, sender.userId, 10_000)
    const crowd = await createCrowd(first.database.db, 2, clock.nowMs())
    const ids = crowd.map((member) => member.userId)
    const group = await createCrowdGroup(first.database.db, sender.userId, ids, clock.nowMs())
    const id = await first.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: group, totalFen: 2_000, shares: 3 }),
    )
    const share = await first.redpackets.open(crowd[0]!.userId, id)
    await first.close()
    clock.advanceMs(24 * HOUR_MS)
    const second = await createTestApp({ database: await storage.open(), clock })
    try {
      expect(await second.jobs.find('redpackets.expire', `redpacket:${id}`)).toMatchObject({
        status: 'pending',
      })
      await second.jobs.runDueJobs()
      const packet = await second.redpackets.get(null, id)
      expect(packet).toMatchObject({ status: 'EXPIRED', returnedFen: 2_000 - share.amountFen })
      expect(await availableFen(second, sender.userId)).toBe(10_000 - share.amountFen)
      expect(await escrowFen(second)).toBe(0)
      expect((await second.ledger.check()).problems).toEqual([])
    } finally {
      await second.close()
      await storage.dispose()
    }
  }, 120_000)
})

describe('conservation of a packet’s money', () => {
  let app: TestApp
  let sender: WalletUser
  let crowd: CrowdMember[]
  let group: string
  beforeAll(async () => {
    app = await createTestApp()
    sender = await openWalletUser(app, '13800000007')
    await app.security.raiseAccountClass(sender.userId, 2, 'property test')
    await fundBalance(app, sender.userId, 5_000_000)
    crowd = await createCrowd(app.database.db, 8, app.clock.nowMs())
    const ids = crowd.map((member) => member.userId)
    group = await createCrowdGroup(app.database.db, sender.userId, ids, app.clock.nowMs())
  }, 120_000)
  afterAll(async () => {
    await app.close()
  })

  const step = fc.oneof(
    fc.record({ open: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ advanceHours: fc.integer({ min: 1, max: 13 }) }),
    fc.constant({ runJobs: true }),
    fc.constant({ recover: true }),
  )

  it('holds for any sequence of opens, expiries and returns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 8, max: 20_000 }),
        fc.constantFrom('double_average' as const, 'cut' as const),
        fc.array(step, { maxLength: 14 }),
        async (shares, totalFen, luckyMode, steps) => {
          const escrowBefore = await escrowFen(app)
          const senderBefore = await availableFen(app, sender.userId)
          const id = await app.redpackets.send(
            sender.userId,
            packetRequest({ kind: 'lucky', luckyMode, conversationId: group, totalFen, shares }),
          )
          let openedFen = 0
          for (const action of steps) {
            if ('open' in action) {
              const got = await app.redpackets
                .open(crowd[action.open]!.userId, id)
                .catch(() => null)
              openedFen += got?.amountFen ?? 0
            } else if ('advanceHours' in action) app.clock.advanceMs(action.advanceHours * HOUR_MS)
            else if ('runJobs' in action) await app.jobs.runDueJobs()
            else await app.redpackets.recover()
          }
          app.clock.advanceMs(25 * HOUR_MS)
          await app.jobs.runDueJobs()
          const packet = await app.redpackets.get(null, id)
          expect(packet.openedFen).toBe(openedFen)
          expect(openedFen + (packet.returnedFen ?? 0)).toBe(totalFen)
          expect(await availableFen(app, sender.userId)).toBe(senderBefore - openedFen)
          expect(await escrowFen(app)).toBe(escrowBefore)
        },
      ),
      { numRuns: 15 },
    )
    expect((await app.ledger.check()).problems).toEqual([])
  }, 300_000)
})
