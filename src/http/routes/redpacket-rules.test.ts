/** GET /api/v1/me/redpacket-rules: the rule pack's limits the send page shows and checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { openWalletUser, type WalletUser } from '../../test-support/wallet-user.ts'

let app: TestApp
let user: WalletUser

beforeAll(async () => {
  app = await createTestApp()
  user = await openWalletUser(app, '13800000003')
})
afterAll(async () => {
  await app.close()
})

describe('/api/v1/me/redpacket-rules', () => {
  it('answers the limits the module enforces', async () => {
    const answer = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/redpacket-rules',
      headers: user.auth,
    })
    expect(answer.statusCode, answer.body).toBe(200)
    const rules = app.redpackets.rules()
    expect(answer.json()).toEqual({
      packetFenMax: rules.packetFenMax,
      shareFenMin: rules.shareFenMin,
      sharesMax: rules.sharesMax,
      expiryMs: rules.expiryMs,
      messageLengthMax: 30,
    })
    expect(answer.json()).toMatchObject({ packetFenMax: 20_000, shareFenMin: 1, sharesMax: 100 })
  })

  it('is for signed-in users only', async () => {
    const answer = await app.server.inject({ method: 'GET', url: '/api/v1/me/redpacket-rules' })
    expect(answer.statusCode).toBe(401)
  })
})
