/**
 * `lingqian redpacket verify <id>` over a wired app's services (what the CLI bridge serves): a
 * finished packet verifies; one whose credited amount was changed in the database does not; an
 * active packet has no seed to check yet.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { createCrowd, createCrowdGroup } from '../test-support/crowd.ts'
import { fundBalance, packetRequest } from '../test-support/redpackets.ts'
import { openWalletUser } from '../test-support/wallet-user.ts'
import type { CliServices } from './commands.ts'
import { DATABASE_COMMANDS } from './commands.ts'

let app: TestApp
let services: CliServices
const verify = DATABASE_COMMANDS['redpacket verify']!

beforeAll(async () => {
  app = await createTestApp()
  services = { redPacketProof: (id: string) => app.redpackets.proof(id) } as CliServices
})
afterAll(async () => {
  await app.close()
})

async function runVerify(id: string): Promise<{ code: number; out: string }> {
  const lines: string[] = []
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk))
    return true
  })
  try {
    const code = verify.print(await verify.run(services, [id]), [id])
    return { code, out: lines.join('') }
  } finally {
    spy.mockRestore()
  }
}

describe('lingqian redpacket verify', () => {
  it('recomputes every share of a finished packet, and catches a changed one', async () => {
    const sender = await openWalletUser(app, '13800000005')
    await fundBalance(app, sender.userId, 10_000)
    const crowd = await createCrowd(app.database.db, 3, app.clock.nowMs())
    const ids = crowd.map((member) => member.userId)
    const group = await createCrowdGroup(app.database.db, sender.userId, ids, app.clock.nowMs())
    const id = await app.redpackets.send(
      sender.userId,
      packetRequest({ kind: 'lucky', conversationId: group, totalFen: 999, shares: 3 }),
    )
    await expect(verify.run(services, [id])).rejects.toThrow(/still ACTIVE/)
    for (const member of crowd) await app.redpackets.open(member.userId, id)
    const fair = await runVerify(id)
    expect(fair.code).toBe(0)
    expect(fair.out).toContain('fair: every share recomputed from the seed')
    expect(fair.out).toContain('slot 2:')
    await app.database.db
      .updateTable('red_packet_opens' as never)
      .set({ amount_fen: 1 } as never)
      .where('packet_id' as never, '=', id as never)
      .where('slot' as never, '=', 1 as never)
      .execute()
    const tampered = await runVerify(id)
    expect(tampered.code).toBe(1)
    expect(tampered.out).toContain('MISMATCH')
    await expect(verify.run(services, ['rp_nosuchpacket000000'])).rejects.toThrow(/no red packet/)
  })
})
