/** The red-packet routes: send, open, the page and the proof, and the error envelope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { createCrowd, createCrowdGroup, type CrowdMember } from '../../test-support/crowd.ts'
import { fundBalance } from '../../test-support/redpackets.ts'
import {
  openWalletUser,
  TEST_PAYMENT_PASSWORD,
  type WalletUser,
} from '../../test-support/wallet-user.ts'
import { verifySplit } from '../../modules/redpackets/index.ts'

let app: TestApp
let sender: WalletUser
let crowd: CrowdMember[]
let group: string

beforeAll(async () => {
  app = await createTestApp()
  sender = await openWalletUser(app, '13800000003')
  await fundBalance(app, sender.userId, 100_000)
  crowd = await createCrowd(app.database.db, 3, app.clock.nowMs())
  const ids = crowd.slice(0, 2).map((member) => member.userId)
  group = await createCrowdGroup(app.database.db, sender.userId, ids, app.clock.nowMs())
})
afterAll(async () => {
  await app.close()
})

const send = (payload: Record<string, unknown>) =>
  app.server.inject({
    method: 'POST',
    url: '/api/v1/me/redpackets',
    headers: sender.auth,
    payload: { method: { kind: 'password', password: TEST_PAYMENT_PASSWORD }, ...payload },
  })
const open = (member: { auth: Record<string, string> }, id: string) =>
  app.server.inject({
    method: 'POST',
    url: `/api/v1/me/redpackets/${id}/open`,
    headers: member.auth,
  })

describe('/api/v1/me/redpackets', () => {
  it('sends, opens, shows the page and a proof that verifies', async () => {
    const sent = await send({
      idempotencyKey: 'http-1',
      kind: 'lucky',
      conversationId: group,
      totalFen: 888,
      shares: 2,
      message: '新年快乐',
    })
    expect(sent.statusCode, sent.body).toBe(201)
    const packet = sent.json()
    expect(packet).toMatchObject({
      status: 'ACTIVE',
      totalFen: 888,
      shares: 2,
      message: '新年快乐',
    })
    const first = await open(crowd[0]!, packet.id)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ slot: 0, last: false })
    expect((await open(crowd[0]!, packet.id)).json().code).toBe('REDPACKET_ALREADY_OPENED')
    expect((await open(crowd[1]!, packet.id)).json()).toMatchObject({ slot: 1, last: true })
    const empty = await open(sender, packet.id)
    expect(empty.statusCode).toBe(409)
    expect(empty.json()).toMatchObject({
      code: 'REDPACKET_EMPTY',
      message: { zh: expect.any(String) },
    })
    const outsider = await open(crowd[2]!, packet.id)
    expect([outsider.statusCode, outsider.json().code]).toEqual([403, 'REDPACKET_NOT_FOR_YOU'])
    const page = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/redpackets/${packet.id}`,
      headers: crowd[0]!.auth,
    })
    expect(page.json()).toMatchObject({ status: 'FINISHED', openedFen: 888 })
    expect(page.json().myShare.slot).toBe(0)
    const proof = await app.server.inject({
      method: 'GET',
      url: `/api/v1/me/redpackets/${packet.id}/proof`,
      headers: crowd[1]!.auth,
    })
    const body = proof.json()
    const result = verifySplit({
      seedHex: body.seed,
      commitmentHex: body.commitment,
      packetId: body.packetId,
      split: body.split,
      totalFen: body.totalFen,
      shares: body.shares,
      opens: body.opens,
    })
    expect(result.ok).toBe(true)
    const list = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/redpackets',
      headers: sender.auth,
    })
    expect(list.json().packets.map((p: { id: string }) => p.id)).toContain(packet.id)
  })

  it('answers broken rules and an expired packet with the envelope', async () => {
    const over = await send({
      idempotencyKey: 'http-2',
      kind: 'lucky',
      conversationId: group,
      totalFen: 20_001,
      shares: 2,
    })
    expect([over.statusCode, over.json().code, over.json().details.rule]).toEqual([
      400,
      'REDPACKET_LIMIT',
      'PACKET_FEN_MAX',
    ])
    const sent = await send({
      idempotencyKey: 'http-3',
      kind: 'exclusive',
      conversationId: group,
      recipientId: crowd[1]!.userId,
      totalFen: 100,
    })
    app.clock.advanceMs(24 * 3600_000)
    const expired = await open(crowd[1]!, sent.json().id)
    expect([expired.statusCode, expired.json().code]).toEqual([410, 'REDPACKET_EXPIRED'])
    const missing = await open(crowd[1]!, 'rp_doesnotexist00000')
    expect(missing.statusCode).toBe(404)
  })
})
