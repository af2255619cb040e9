/**
 * One POST to a merchant's notify_url, bounded every way a merchant's endpoint could hold us:
 * a timeout over the whole exchange (WeChat: 5 s), at most `excerptBytesMax` of the answer read
 * and kept, and — outside the sandbox — every address the name resolves to checked at connect
 * time (the lookup itself refuses loopback, private and link-local answers), so a public name
 * pointing inside cannot turn a notification into a request into our network.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { isInternalAddress } from '../merchant-api/index.ts'

export interface PostResult {
  /** Undefined when no answer came. */
  status?: number
  excerpt: string
  error?: 'timeout' | string
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4)
    const list = addresses as unknown as LookupAddress[]
    const blocked = list.find((entry) => isInternalAddress(entry.address))
    if (blocked !== undefined || list.length === 0) {
      return callback(
        Object.assign(new Error(`blocked address ${blocked?.address ?? '(none)'}`), {
          code: 'EBLOCKED',
        }),
        '',
        4,
      )
    }
    const first = list[0] as LookupAddress
    if ((options as { all?: boolean }).all) return callback(null, list as never, first.family)
    return callback(null, first.address, first.family)
  })
}

export function postNotification(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; excerptBytesMax: number; allowInternal: boolean },
): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url)
    const client = target.protocol === 'https:' ? https : http
    let settled = false
    const finish = (result: PostResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      request.destroy()
      resolve(result)
    }
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'User-Agent': 'Lingqian-Notify/1.0',
        },
        agent: false,
        ...(options.allowInternal ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          if (size < options.excerptBytesMax) chunks.push(chunk)
          size += chunk.length
          if (size >= options.excerptBytesMax) done()
        })
        response.on('end', () => done())
        response.on('error', () => done())
        function done() {
          const excerpt = Buffer.concat(chunks)
            .subarray(0, options.excerptBytesMax)
            .toString('utf8')
            .replace(/\uFFFD+$/, '')
          finish({ status: response.statusCode ?? 0, excerpt })
        }
      },
    )
    const timer = setTimeout(() => finish({ excerpt: '', error: 'timeout' }), options.timeoutMs)
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ excerpt: '', error: (error.code ?? error.message).slice(0, 300) }),
    )
    request.end(body)
  })
}
