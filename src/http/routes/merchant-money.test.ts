/**
 * The merchant console's 结算 and 优惠 over HTTP: the owner creates, lists and ends campaigns
 * and reads settlements (list, one day, CSV with BOM); a cashier may not; operators see every
 * merchant's settlements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { bookPayment, fundedPayer } from '../../test-support/merchant-ledger.ts'
import { signInOperator } from '../../test-support/operators.ts'

let app: TestApp
let owner: Record<string, string>
let cashier: Record<string, string>
let merchantId: string

type Method = 'GET' | 'POST'
const call = (method: Method, url: string, headers: Record<string, string>, payload?: object) =>
  app.server.inject({ method, url, headers, ...(payload ? { payload } : {}) })

async function staffAuth(username: string, password: string) {
  const response = await call('POST', '/api/v1/merchant/sessions', {}, { username, password })
  expect(response.statusCode, response.body).toBe(200)
  return { authorization: `Bearer ${response.json().token as string}` }
}

beforeAll(async () => {
  app = await createTestApp()
  const onboarded = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: 'routes:money',
      legalName: '路由测试有限公司',
      storeName: '路由测试',
      category: '5814',
      settlementCardNumber: '6222020000000000018',
      owner: { username: 'money-owner', password: 'money-owner-pw' },
    },
  )
  merchantId = onboarded.merchant.id
  owner = await staffAuth('money-owner', 'money-owner-pw')
  const added = await call('POST', '/api/v1/merchant/staff', owner, {
    username: 'money-cashier',
    displayName: '收银员',
    password: 'money-cashier-pw',
  })
  expect(added.statusCode, added.body).toBe(201)
  cashier = await staffAuth('money-cashier', 'money-cashier-pw')
})

afterAll(async () => {
  await app.close()
})

describe(`merchant money routes on ${testDatabaseKind()}`, () => {
  it('creates (once per key), lists with the budget used, and ends a campaign', async () => {
    const today = shanghaiDate(app.clock.nowMs())
    const body = {
      creationKey: 'route-c1',
      name: '满50减8',
      thresholdFen: 5_000,
      discountFen: 800,
      perUserMax: 1,
      budgetFen: 80_000,
      startDate: today,
      endDate: today,
    }
    const created = await call('POST', '/api/v1/merchant/coupons', owner, body)
    expect(created.statusCode, created.body).toBe(201)
    const campaign = created.json()
    expect(campaign).toMatchObject({ name: '满50减8', budgetUsedFen: 0, status: 'active' })
    expect(campaign.endsAtMs - campaign.startsAtMs).toBe(24 * 3600_000)
    expect((await call('POST', '/api/v1/merchant/coupons', owner, body)).json().id).toBe(
      campaign.id,
    )
    expect((await call('POST', '/api/v1/merchant/coupons', cashier, body)).statusCode).toBe(403)
    const bad = await call('POST', '/api/v1/merchant/coupons', owner, {
      ...body,
      creationKey: 'route-c2',
      discountFen: 5_000,
    })
    expect(bad.statusCode).toBe(400)
    const list = await call('GET', '/api/v1/merchant/coupons', cashier)
    expect(list.json().campaigns.map((one: { id: string }) => one.id)).toEqual([campaign.id])
    const ended = await call('POST', `/api/v1/merchant/coupons/${campaign.id}/end`, owner)
    expect(ended.json().status).toBe('ended')
    const missing = await call('POST', '/api/v1/merchant/coupons/cp_nope/end', owner)
    expect(missing.json().code).toBe('COUPON_NOT_FOUND')
  })

  it('shows the settlements to the owner, one day, and as CSV with a BOM', async () => {
    const payer = await fundedPayer(app, 'u_routes_payer', 1_000_000)
    const day = shanghaiDate(app.clock.nowMs())
    await bookPayment(app, { key: 'r1', merchantId, payerAccountId: payer, amountFen: 10_000 })
    app.clock.setMs(shanghaiDayRangeMs(day).endMs + 3600_000)
    // No bank in this test: the payout waits at PAYING for the resolver; the report is final.
    await app.settlement.run()
    // Staff sessions last 12 hours: sign in again on the new day.
    owner = await staffAuth('money-owner', 'money-owner-pw')
    cashier = await staffAuth('money-cashier', 'money-cashier-pw')
    const list = await call('GET', '/api/v1/merchant/settlements', owner)
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().settlements).toMatchObject([
      { day, grossFen: 10_000, feesFen: 60, netFen: 9_940, payoutFen: 9_940 },
    ])
    const one = await call('GET', `/api/v1/merchant/settlements/${day}`, owner)
    expect(one.json()).toMatchObject({ day, netFen: 9_940 })
    expect((await call('GET', '/api/v1/merchant/settlements/2020-02-30', owner)).statusCode).toBe(
      400,
    )
    expect((await call('GET', '/api/v1/merchant/settlements/2020-01-01', owner)).statusCode).toBe(
      404,
    )
    const csv = await call('GET', '/api/v1/merchant/settlements.csv', owner)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv.body).toContain(`${day},1,100.00,0.00,0.60,99.40`)
    expect((await call('GET', '/api/v1/merchant/settlements', cashier)).statusCode).toBe(403)

    const admin = await signInOperator(app, 'support')
    const overview = await call('GET', '/api/v1/admin/settlements', admin.auth)
    expect(overview.statusCode, overview.body).toBe(200)
    expect(overview.json().settlements.some((one: { day: string }) => one.day === day)).toBe(true)
    expect((await call('GET', '/api/v1/admin/settlements', owner)).statusCode).toBe(401)
  })
})
