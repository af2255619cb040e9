/** Shared by the paying browser specs: API set-up of a funded customer, QR decoding, sign-ins. */
import jsQRModule from 'jsqr'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { DEMO_PAYMENT_PASSWORD } from '../../../src/seed/demo.ts'
import { apiCall, lastSmsId, readSmsCode, signUpByApi, waitForSelector } from './flows.ts'

// jsqr is CommonJS with `exports.default`: under Node's interop the default import is the module.
type Decode = typeof import('jsqr').default
const jsQR: Decode =
  (jsQRModule as unknown as { default?: Decode }).default ?? (jsQRModule as unknown as Decode)

/** Signs `phone` in by API, binds `cardNumber` (SMS from the outbox) and tops up `amountFen`. */
export async function fundedCustomer(
  baseUrl: string,
  phone: string,
  cardNumber: string,
  amountFen: number,
): Promise<{ token: string; cardId: string }> {
  const { token } = await signUpByApi(baseUrl, phone)
  const before = await lastSmsId(baseUrl, phone)
  const bind = await apiCall<{ bindRequestId: string }>(
    baseUrl,
    'POST',
    '/api/v1/me/cards/bind-requests',
    { token, body: { cardNumber, phone } },
  )
  if (bind.status !== 200) throw new Error(`bind-requests: HTTP ${bind.status}`)
  const smsCode = await readSmsCode(baseUrl, phone, 'bind_card', before)
  const card = await apiCall<{ id: string }>(baseUrl, 'POST', '/api/v1/me/cards', {
    token,
    body: { bindRequestId: bind.body.bindRequestId, smsCode },
  })
  if (card.status !== 200 && card.status !== 201) throw new Error(`cards: HTTP ${card.status}`)
  const topUp = await apiCall<{ status: string }>(baseUrl, 'POST', '/api/v1/me/top-ups', {
    token,
    body: {
      idempotencyKey: `e2e-topup-${phone}`,
      cardId: card.body.id,
      amountFen,
      method: { kind: 'password', password: DEMO_PAYMENT_PASSWORD },
    },
  })
  if (topUp.status !== 200 && topUp.status !== 201) throw new Error(`top-ups: HTTP ${topUp.status}`)
  return { token, cardId: card.body.id }
}

/** The session cookie of an API sign-in, for `origin` (the browser is then signed in there). */
export async function signInContext(context: BrowserContext, origin: string, token: string) {
  await context.addCookies([{ name: 'lq_session', value: token, url: origin }])
}

/**
 * The text of the QR code an <img> shows, read from the pixels the page drew (copied out through
 * a canvas) and decoded with jsqr, as a phone camera would read the screen.
 */
export async function decodeQrElement(image: Locator): Promise<string> {
  const pixels = await image.evaluate(async (element) => {
    const img = element as HTMLImageElement
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth
    canvas.height = img.naturalHeight
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('no 2d canvas')
    context.fillStyle = '#fff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(img, 0, 0)
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data
    return { width: canvas.width, height: canvas.height, data: Array.from(data) }
  })
  const found = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)
  if (found === null) throw new Error('no QR code in the image')
  return found.data
}

/** Signs a merchant's staff member in to /merchant/. */
export async function signInMerchant(page: Page, username: string, password: string) {
  await page.goto('/merchant/')
  await page.getByTestId('merchant-username').fill(username)
  await page.getByTestId('merchant-password').fill(password)
  await page.getByTestId('merchant-sign-in-submit').click()
  await waitForSelector(page, '[data-testid="merchant-staff"]')
}
