/**
 * Where we may send a merchant's notifications (issue 13, "Notifications"): https only, and never
 * to a loopback, private, link-local or otherwise internal address — a notify_url must not turn
 * our server into a proxy into its own network (SSRF). The sandbox also allows
 * `http://127.0.0.1[:port]` so merchants can test on their own machine. Names are checked again
 * when a delivery resolves them (a public name may point inside).
 */
import { isIP } from 'node:net'

export const NOTIFY_URL_LENGTH_MAX = 255

export type NotifyUrlCheck = { ok: true } | { ok: false; issue: string }

/** IPv4 ranges that are not the public internet (RFC 1918, 6598, 3927, loopback, …). */
const INTERNAL_V4: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives here)
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 3], // multicast and reserved
]

export function isInternalAddress(address: string): boolean {
  const version = isIP(address)
  if (version === 4) {
    const value = address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0)
    return INTERNAL_V4.some(
      ([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === base / 2 ** (32 - bits),
    )
  }
  if (version === 6) {
    const lower = address.toLowerCase()
    if (lower === '::1' || lower === '::') return true
    if (lower.startsWith('::ffff:')) return isInternalAddress(lower.slice(7))
    return /^(fc|fd|fe8|fe9|fea|feb)/.test(lower)
  }
  return false
}

export function checkNotifyUrl(url: string, options: { sandbox: boolean }): NotifyUrlCheck {
  if (url.length > NOTIFY_URL_LENGTH_MAX)
    return { ok: false, issue: `longer than ${NOTIFY_URL_LENGTH_MAX}` }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, issue: 'not a URL' }
  }
  if (parsed.search !== '') return { ok: false, issue: 'must not carry a query string' }
  if (parsed.username !== '' || parsed.password !== '')
    return { ok: false, issue: 'must not carry credentials' }
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  if (options.sandbox && parsed.protocol === 'http:' && host === '127.0.0.1') return { ok: true }
  if (parsed.protocol !== 'https:') {
    return {
      ok: false,
      issue: options.sandbox ? 'https, or http://127.0.0.1 in the sandbox' : 'must be https',
    }
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) {
    return { ok: false, issue: 'an internal host name' }
  }
  if (isInternalAddress(host))
    return { ok: false, issue: 'a loopback, private or link-local address' }
  return { ok: true }
}
