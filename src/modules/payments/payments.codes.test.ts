/**
 * The customer's payment code (付款码) over HTTP: one minute, once (also when two cashiers use it
 * at once); 免密 within the per-payment and per-day limits pays at once, above them (or with 免密
 * off) the payment waits USERPAYING until the customer confirms or cancels on the phone, or
 * closes when nobody confirms; the cashier polls and sees it end. Images are real.
 */
import { createRequire } from 'node:module'
import jsQRModule from 'jsqr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../../test-support/database.ts'
import {
  call,
  type Customer,
  expectBooksAgree,
  nextTradeNo,
  openCustomer,
  openShop,
  PIN,
  type PayWorld,
  type Shop,
  startPayWorld,
  ZHANG,
} from '../../test-support/payments.ts'

// jsqr is CommonJS (its default export is the function); pngjs comes with qrcode, untyped.
const jsQR = jsQRModule as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } }
}

/** What a phone camera reads from a PNG. */
function readQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
}

let world: PayWorld
let shop: Shop
let zhang: Customer

beforeAll(async () => {
  world = await startPayWorld()
  shop = await openShop(world.app)
  zhang = await openCustomer(world.app, ZHANG.phone, ZHANG.debit, 100_000)
})

afterAll(async () => {
  await world?.close()
})

async function issueCode(user = zhang): Promise<string> {
  const issued = await call(world.app, 'POST', '/api/v1/pay/payment-codes', user.auth)
  expect(issued.statusCode, issued.body).toBe(200)
  expect(issued.json().code).toMatch(/^1[0-5]\d{16}$/)
  return issued.json().code
}

function collect(authCode: string, amountFen: number, outTradeNo = nextTradeNo()) {
  return call(world.app, 'POST', '/api/v1/merchant/code-payments', shop.auth, {
    outTradeNo,
    authCode,
    amountFen,
    description: '收银台',
  })
}

async function setPasswordless(enabled: boolean, perPaymentFen?: number, dailyFen?: number) {
  const passwordless = {
    enabled,
    ...(perPaymentFen ? { perPaymentFen } : {}),
    ...(dailyFen ? { dailyFen } : {}),
  }
  const response = await call(world.app, 'PUT', '/api/v1/pay/settings', zhang.auth, {
    passwordless,
    paymentPassword: PIN.password,
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

describe(`payment codes on ${testDatabaseKind()}`, () => {
  it('waits USERPAYING with 免密 off; the customer confirms; the cashier sees SUCCESS', async () => {
    const { app } = world
    const code = await issueCode()
    const collected = await collect(code, 3_000)
    expect(collected.statusCode, collected.body).toBe(201)
    expect(collected.json()).toMatchObject({
      status: 'USERPAYING',
      channel: 'CODE',
      amountFen: 3_000,
    })
    const pending = await call(app, 'GET', '/api/v1/pay/pending', zhang.auth)
    expect(pending.json().payments).toHaveLength(1)
    const paymentId = pending.json().payments[0].id
    expect(paymentId).toBe(collected.json().id)
    const confirmed = await call(
      app,
      'POST',
      `/api/v1/pay/pending/${paymentId}/confirm`,
      zhang.auth,
      {
        payMethod: { kind: 'balance' },
        method: PIN,
      },
    )
    expect(confirmed.json()).toMatchObject({ status: 'SUCCESS', method: { kind: 'balance' } })
    const polled = await call(app, 'GET', `/api/v1/merchant/payments/${paymentId}`, shop.auth)
    expect(polled.json()).toMatchObject({ status: 'SUCCESS', method: { kind: 'balance' } })
    const twice = await call(app, 'POST', `/api/v1/pay/pending/${paymentId}/confirm`, zhang.auth, {
      payMethod: { kind: 'balance' },
      method: PIN,
    })
    expect(twice.json()).toMatchObject({ code: 'PAYMENT_NOT_PENDING' })
    await expectBooksAgree(app)
  })

  it('uses a code once, also when two cashiers collect it at once; expired and invalid codes', async () => {
    const { app } = world
    await setPasswordless(true)
    const code = await issueCode()
    const answers = await Promise.all([collect(code, 1_000), collect(code, 1_000)])
    const outcomes = answers.map((answer) => answer.json().status ?? answer.json().code).sort()
    expect(outcomes).toEqual(['PAYMENT_CODE_USED', 'SUCCESS'])
    expect((await collect(code, 1_000)).json()).toMatchObject({ code: 'PAYMENT_CODE_USED' })
    const stale = await issueCode()
    app.clock.advanceMs(61_000)
    expect((await collect(stale, 1_000)).json()).toMatchObject({ code: 'PAYMENT_CODE_EXPIRED' })
    const replaced = await issueCode()
    await issueCode()
    expect((await collect(replaced, 1_000)).json()).toMatchObject({ code: 'PAYMENT_CODE_EXPIRED' })
    expect((await collect('134567890123456789', 1_000)).json()).toMatchObject({
      code: 'PAYMENT_CODE_INVALID',
    })
    const invalid = await collect('99', 1_000)
    expect(invalid.statusCode).toBe(400)
    await expectBooksAgree(app)
  })

  it('pays 免密 within the limits at once and waits above them; a re-submit answers the same payment', async () => {
    const { app } = world
    const settings = await setPasswordless(true, 20_000, 50_000)
    expect(settings.passwordless).toMatchObject({
      enabled: true,
      perPaymentFen: 20_000,
      dailyFen: 50_000,
    })
    const within = nextTradeNo()
    const code = await issueCode()
    const first = await collect(code, 20_000, within)
    expect(first.json()).toMatchObject({ status: 'SUCCESS' })
    const replay = await collect(code, 20_000, within)
    expect(replay.statusCode).toBe(200)
    expect(replay.json().id).toBe(first.json().id)
    expect((await collect(await issueCode(), 20_001)).json()).toMatchObject({
      status: 'USERPAYING',
    })
    // 免密 today so far: 20,000 (+ 1,000 from the test before): 29,000 left of the day's 50,000.
    expect((await collect(await issueCode(), 20_000)).json()).toMatchObject({ status: 'SUCCESS' })
    const overDay = await collect(await issueCode(), 10_000)
    expect(overDay.json()).toMatchObject({ status: 'USERPAYING' })
    const after = await call(app, 'GET', '/api/v1/pay/settings', zhang.auth)
    expect(after.json().passwordless.usedTodayFen).toBe(41_000)
    // The customer refuses one; the other closes when nobody confirms it in time.
    const cancelled = await call(
      app,
      'POST',
      `/api/v1/pay/pending/${overDay.json().id}/cancel`,
      zhang.auth,
    )
    expect(cancelled.json()).toMatchObject({ status: 'CLOSED' })
    app.clock.advanceMs(app.payments.rules().userPayingTtlMs + 1)
    await app.payments.resolveUnsettled()
    expect((await call(app, 'GET', '/api/v1/pay/pending', zhang.auth)).json().payments).toEqual([])
    const { payments } = (
      await call(app, 'GET', '/api/v1/merchant/payments?status=CLOSED', shop.auth)
    ).json()
    expect(payments).toHaveLength(2)
    await expectBooksAgree(app)
  })

  it('needs the payment password to turn 免密 on, and refuses a code when the code is off', async () => {
    const { app } = world
    const noPin = await call(app, 'PUT', '/api/v1/pay/settings', zhang.auth, {
      passwordless: { enabled: true, dailyFen: 60_000 },
    })
    expect(noPin.json()).toMatchObject({ code: 'INVALID_REQUEST' })
    const tooHigh = await call(app, 'PUT', '/api/v1/pay/settings', zhang.auth, {
      passwordless: { enabled: true, dailyFen: 100_001 },
      paymentPassword: PIN.password,
    })
    expect(tooHigh.json()).toMatchObject({ code: 'INVALID_REQUEST', details: { maxFen: 100_000 } })
    const off = await call(app, 'PUT', '/api/v1/pay/settings', zhang.auth, {
      paymentCodeEnabled: false,
    })
    expect(off.json()).toMatchObject({ paymentCodeEnabled: false })
    const refused = await call(app, 'POST', '/api/v1/pay/payment-codes', zhang.auth)
    expect(refused.json()).toMatchObject({ code: 'PAYMENT_DISABLED' })
    await call(app, 'PUT', '/api/v1/pay/settings', zhang.auth, { paymentCodeEnabled: true })
  })

  it('draws the code as a QR a camera reads and as a Code128 barcode, for its owner only', async () => {
    const { app } = world
    const code = await issueCode()
    const png = await call(
      app,
      'GET',
      `/api/v1/pay/payment-codes/${code}/image?kind=qr&format=png`,
      zhang.auth,
    )
    expect(png.headers['content-type']).toBe('image/png')
    expect(readQr(png.rawPayload)).toBe(code)
    const barcode = await call(
      app,
      'GET',
      `/api/v1/pay/payment-codes/${code}/image?kind=barcode&format=svg`,
      zhang.auth,
    )
    expect(barcode.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(barcode.body).toContain('<svg')
    const static_ = await call(app, 'GET', '/api/v1/merchant/static-code/image', shop.auth)
    expect(readQr(static_.rawPayload)).toBe(
      (await call(app, 'GET', '/api/v1/merchant/static-code', shop.auth)).json().payUrl,
    )
    const li = await openCustomer(app, '13800000002', '6217000000000000020', 0)
    const foreign = await call(app, 'GET', `/api/v1/pay/payment-codes/${code}/image`, li.auth)
    expect(foreign.statusCode).toBe(404)
  })
})
