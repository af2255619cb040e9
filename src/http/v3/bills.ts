/**
 * Bills on the v3 wire (reference §6.7, §6.9): the trade bill and the fund-flow bill of a +08:00
 * day answer `{hash_type, hash_value, download_url}`; the download (`/v3/billdownload/file`,
 * signed like every request, its answer a file and not signed: plugin.ts) gives the bytes whose
 * SHA-1 was answered, gzipped when asked. The download_url names our public URL, or the official
 * host for merchants whose SDK (wechatpay-node-v3) signs only that one over the path.
 */
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { Type } from 'typebox'
import {
  type BillRequest,
  type MerchantApi,
  OFFICIAL_API_ORIGIN,
  V3Error,
} from '../../modules/merchant-api/index.ts'
import { isDomainError } from '../../shared/errors.ts'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import { type BillDataDeps, type BillWindow, tradeBill } from './bill-data.ts'
import { FUND_ACCOUNT_TYPES, type FundAccountType, fundFlowBill } from './bill-fund-flow.ts'
import type { V3Scope } from './plugin.ts'

export interface V3BillDeps extends BillDataDeps {
  merchantApi: MerchantApi
  clock: { nowMs(): number }
  sandbox: boolean
  /** Our public origin: where download_urls point unless the merchant asked for the official one. */
  publicUrl: string
}

/** WeChat keeps bills three months; so do we. */
const BILL_HISTORY_DAYS = 92
const DAY_MS = 24 * 3600_000

const BILL_DATE = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })
const TAR_TYPE = Type.Optional(Type.Literal('GZIP'))

const invalid = (issue: string, message: string) =>
  new V3Error(400, 'INVALID_REQUEST', message, { field: 'bill_date', location: 'query', issue })

/**
 * The window a bill of `billDate` covers, as of now: a past day whole; today only in the sandbox
 * (up to now: merchants test the same day), else STATEMENT_CREATING like WeChat before T+1.
 */
export function billWindow(billDate: string, nowMs: number, sandbox: boolean) {
  const { startMs, endMs } = shanghaiDayRangeMs(billDate)
  if (Number.isNaN(startMs) || shanghaiDate(startMs) !== billDate) {
    throw new V3Error(400, 'PARAM_ERROR', 'bill_date 不是有效日期 / bill_date is not a date', {
      field: 'bill_date',
      location: 'query',
    })
  }
  const today = shanghaiDate(nowMs)
  if (billDate > today) throw invalid('FUTURE_DATE', '账单日期不能晚于今天 / bill_date is ahead')
  if (nowMs - startMs > BILL_HISTORY_DAYS * DAY_MS) {
    throw invalid('TOO_OLD', '仅支持三个月内的账单 / bills are kept for three months')
  }
  if (billDate === today && !sandbox) {
    throw new V3Error(400, 'STATEMENT_CREATING', '账单生成中，请明天再来 / the bill is not ready', {
      field: 'bill_date',
      location: 'query',
    })
  }
  // Up to and including this millisecond: what was paid as the bill was asked for is in it.
  return { fromMs: startMs, toMs: Math.min(endMs, nowMs + 1) }
}

async function withPayerIds(
  deps: V3BillDeps,
  merchantId: string,
  window: Omit<BillWindow, 'appId' | 'openIdOf'>,
): Promise<BillWindow> {
  const appId = (await deps.merchantApi.appIdOf(merchantId)) ?? ''
  return { ...window, appId, openIdOf: (userId) => deps.merchantApi.openIdFor(appId, userId) }
}

async function buildBill(deps: V3BillDeps, request: BillRequest): Promise<Buffer> {
  const { startMs } = shanghaiDayRangeMs(request.billDate)
  const window = { merchantId: request.merchantId, fromMs: startMs, toMs: request.cutoffMs }
  const bill =
    request.kind === 'trade'
      ? await tradeBill(
          deps,
          await withPayerIds(deps, request.merchantId, window),
          request.variant as 'ALL' | 'SUCCESS' | 'REFUND',
        )
      : await fundFlowBill(deps, window, request.variant as FundAccountType)
  if (bill === null) {
    throw new V3Error(400, 'NO_STATEMENT_EXIST', '账单文件不存在 / no record on that day', {
      field: 'bill_date',
      location: 'query',
    })
  }
  return bill.file
}

/** The answer to a bill request: the file is built now, its hash answered, its token sealed. */
async function answerBill(deps: V3BillDeps, request: BillRequest) {
  const file = await buildBill(deps, request)
  const host =
    (await deps.merchantApi.billDownloadHost(request.merchantId)) === 'official'
      ? OFFICIAL_API_ORIGIN
      : deps.publicUrl.replace(/\/+$/, '')
  const token = deps.merchantApi.sealBillToken(request)
  return {
    hash_type: 'SHA1',
    hash_value: createHash('sha1').update(file).digest('hex'),
    download_url: `${host}/v3/billdownload/file?token=${token}${request.gzip ? '&tartype=gzip' : ''}`,
  }
}

function signer(merchantId: string | null): string {
  if (merchantId === null) throw new V3Error(401, 'SIGN_ERROR', '未签名 / not signed')
  return merchantId
}

export async function v3BillRoutes(scope: V3Scope, deps: V3BillDeps) {
  scope.get(
    '/bill/tradebill',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '申请交易账单 (trade bill)',
        querystring: Type.Object({
          bill_date: BILL_DATE,
          bill_type: Type.Optional(
            Type.Union(['ALL', 'SUCCESS', 'REFUND'].map((t) => Type.Literal(t))),
          ),
          tar_type: TAR_TYPE,
        }),
      },
    },
    async (request) => {
      const nowMs = deps.clock.nowMs()
      const window = billWindow(request.query.bill_date, nowMs, deps.sandbox)
      return answerBill(deps, {
        merchantId: signer(request.v3Merchant),
        kind: 'trade',
        billDate: request.query.bill_date,
        variant: request.query.bill_type ?? 'ALL',
        gzip: request.query.tar_type === 'GZIP',
        cutoffMs: window.toMs,
      })
    },
  )
  scope.get(
    '/bill/fundflowbill',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '申请资金账单 (fund-flow bill)',
        querystring: Type.Object({
          bill_date: BILL_DATE,
          account_type: Type.Optional(
            Type.Union(FUND_ACCOUNT_TYPES.map((type) => Type.Literal(type))),
          ),
          tar_type: TAR_TYPE,
        }),
      },
    },
    async (request) => {
      const window = billWindow(request.query.bill_date, deps.clock.nowMs(), deps.sandbox)
      return answerBill(deps, {
        merchantId: signer(request.v3Merchant),
        kind: 'fundflow',
        billDate: request.query.bill_date,
        variant: request.query.account_type ?? 'BASIC',
        gzip: request.query.tar_type === 'GZIP',
        cutoffMs: window.toMs,
      })
    },
  )
  await billDownloadRoute(scope, deps)
}

async function billDownloadRoute(scope: V3Scope, deps: V3BillDeps) {
  scope.get(
    '/billdownload/file',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '下载账单文件 (download a bill; the answer is the file, not signed)',
        querystring: Type.Object({
          token: Type.String({ minLength: 1, maxLength: 2048 }),
          tartype: Type.Optional(Type.String({ maxLength: 8 })),
        }),
      },
    },
    async (request, reply) => {
      const merchantId = signer(request.v3Merchant)
      let bill: BillRequest
      try {
        bill = deps.merchantApi.openBillToken(merchantId, request.query.token)
      } catch (error) {
        if (!isDomainError(error)) throw error
        throw new V3Error(
          400,
          'INVALID_REQUEST',
          '下载链接无效或已过期 / the download_url is invalid or expired',
          {
            field: 'token',
            location: 'query',
            issue: String(error.details.reason ?? ''),
          },
        )
      }
      const file = await buildBill(deps, bill)
      if (bill.gzip) {
        return reply.type('application/x-gzip').send(gzipSync(file))
      }
      return reply.type('text/plain; charset=utf-8').send(file)
    },
  )
}
