/**
 * Bill downloads (reference §6.7): the download_url's token and the host it names. The token is
 * the bill request itself, sealed with the data key (AES-GCM: nobody can forge or read it) with
 * the moment the bill was cut and when the token stops working (WeChat: 30 s). So the download
 * rebuilds exactly the file whose SHA-1 the bill request answered, with nothing stored between.
 */
import { DomainError } from '../../shared/errors.ts'
import type { MerchantApiContext } from './context.ts'

export const BILL_DOWNLOAD_HOSTS = ['server', 'official'] as const
export type BillDownloadHost = (typeof BILL_DOWNLOAD_HOSTS)[number]

/** wechatpay-node-v3 signs a download over the path only on exactly this origin (§0 point 4). */
export const OFFICIAL_API_ORIGIN = 'https://api.mch.weixin.qq.com'

export const BILL_TOKEN_TTL_MS = 30_000

export interface BillRequest {
  merchantId: string
  kind: 'trade' | 'fundflow'
  /** YYYY-MM-DD, a +08:00 day. */
  billDate: string
  /** Trade bills: ALL | SUCCESS | REFUND; fund-flow bills: BASIC | OPERATION | FEES. */
  variant: string
  gzip: boolean
  /** Rows up to (not including) this instant: today's bill in the sandbox stops here. */
  cutoffMs: number
}

const TOKEN_PREFIX = 'LQB1'

export function sealBillToken(ctx: MerchantApiContext, request: BillRequest): string {
  const payload = JSON.stringify({ ...request, expiresAtMs: ctx.clock.nowMs() + BILL_TOKEN_TTL_MS })
  return TOKEN_PREFIX + Buffer.from(ctx.secrets.encrypt(payload)).toString('base64url')
}

/** The request behind a token the merchant itself was given; INVALID_REQUEST otherwise. */
export function openBillToken(ctx: MerchantApiContext, merchantId: string, token: string) {
  let parsed: (BillRequest & { expiresAtMs: number }) | undefined
  try {
    if (!token.startsWith(TOKEN_PREFIX)) throw new Error('prefix')
    const sealed = Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString()
    parsed = JSON.parse(ctx.secrets.decrypt(sealed))
  } catch {
    parsed = undefined
  }
  if (parsed === undefined || parsed.merchantId !== merchantId) {
    throw new DomainError('INVALID_REQUEST', { field: 'token', reason: 'UNKNOWN_TOKEN' })
  }
  if (parsed.expiresAtMs <= ctx.clock.nowMs()) {
    throw new DomainError('INVALID_REQUEST', { field: 'token', reason: 'TOKEN_EXPIRED' })
  }
  const { expiresAtMs: _expires, ...request } = parsed
  return request as BillRequest
}

export async function billDownloadHost(
  ctx: MerchantApiContext,
  merchantId: string,
): Promise<BillDownloadHost> {
  const row = await ctx.db
    .selectFrom('merchant_api_credentials')
    .select('bill_download_host')
    .where('merchant_id', '=', merchantId)
    .executeTakeFirst()
  return row?.bill_download_host === 'official' ? 'official' : 'server'
}

export async function setBillDownloadHost(
  ctx: MerchantApiContext,
  merchantId: string,
  host: BillDownloadHost,
): Promise<void> {
  if (!(BILL_DOWNLOAD_HOSTS as readonly string[]).includes(host)) {
    throw new DomainError('INVALID_REQUEST', { field: 'billDownloadHost' })
  }
  const updated = await ctx.db
    .updateTable('merchant_api_credentials')
    .set({ bill_download_host: host, updated_at: new Date(ctx.clock.nowMs()) })
    .where('merchant_id', '=', merchantId)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) {
    throw new DomainError('NOT_FOUND', { resource: 'merchant_api_credentials' })
  }
}
