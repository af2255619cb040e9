/**
 * What a scanned QR code says, so the scanner can act on it: a Lingqian pay URL (收款码 or order
 * code) opens its pay page on this wallet; anything else is named (a payment code, another site's
 * link, plain text) instead of being opened blindly.
 */
export type ScanContent =
  | { kind: 'merchant'; merchantCode: string; path: string }
  | { kind: 'order'; orderToken: string; path: string }
  | { kind: 'paymentCode'; code: string }
  | { kind: 'link'; host: string; url: string }
  | { kind: 'text'; text: string }

const MERCHANT_PATH = /^\/pay\/m\/([A-Za-z0-9_-]{8,64})\/?$/
const ORDER_PATH = /^\/pay\/o\/([A-Za-z0-9_-]{16,64})\/?$/
/** 18 digits, 10–15 first: a customer's one-time payment code (付款码), not something to pay. */
const PAYMENT_CODE = /^1[0-5]\d{16}$/
const TEXT_SHOWN_MAX = 200

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * `origin` of the code is one of ours. On one machine localhost, 127.0.0.1 and [::1] with the
 * same port are the same server (the default public URL says localhost).
 */
function isOurs(url: URL, origins: readonly string[]): boolean {
  return origins.some((origin) => {
    let ours: URL
    try {
      ours = new URL(origin)
    } catch {
      return false
    }
    if (ours.origin.toLowerCase() === url.origin.toLowerCase()) return true
    return (
      LOOPBACK.has(ours.hostname) &&
      LOOPBACK.has(url.hostname) &&
      ours.port === url.port &&
      ours.protocol === url.protocol
    )
  })
}

function payPath(url: URL): ScanContent | null {
  const merchant = MERCHANT_PATH.exec(url.pathname)
  if (merchant?.[1] !== undefined) {
    return { kind: 'merchant', merchantCode: merchant[1], path: `/pay/m/${merchant[1]}` }
  }
  const order = ORDER_PATH.exec(url.pathname)
  if (order?.[1] !== undefined) {
    return { kind: 'order', orderToken: order[1], path: `/pay/o/${order[1]}` }
  }
  return null
}

/**
 * Classifies `text` read from a code. A pay URL counts when it points at one of `payOrigins`
 * (this page's origin and the server's public URL): a look-alike on another host is only a link.
 *
 * @example
 * scanContent('https://pay.example/pay/m/cafe1234', ['https://pay.example'])
 * // → { kind: 'merchant', merchantCode: 'cafe1234', path: '/pay/m/cafe1234' }
 */
export function scanContent(text: string, payOrigins: readonly string[]): ScanContent {
  const trimmed = text.trim()
  if (PAYMENT_CODE.test(trimmed)) return { kind: 'paymentCode', code: trimmed }
  let url: URL | null = null
  try {
    url = new URL(trimmed)
  } catch {
    url = null
  }
  if (url !== null && (url.protocol === 'https:' || url.protocol === 'http:')) {
    const pay = isOurs(url, payOrigins) ? payPath(url) : null
    return pay ?? { kind: 'link', host: url.host, url: url.href }
  }
  return { kind: 'text', text: trimmed.slice(0, TEXT_SHOWN_MAX) }
}

/** `123456789012345678` → `1234 5678 9012 3456 78`; hidden: `1234 **** **** 查看数字`'s digits. */
export function paymentCodeText(code: string, revealed: boolean): string {
  if (!revealed) return `${code.slice(0, 4)} •••• •••• •••• ••`
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}
