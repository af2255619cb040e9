/**
 * Refunds on the v3 wire (reference §6.6): `POST /v3/refund/domestic/refunds` by out_trade_no
 * or transaction_id, idempotent by out_refund_no (the same content answers the same refund;
 * other content is refused), partial refunds summing up to the paid amount and never a fen
 * more, and `GET /v3/refund/domestic/refunds/{out_refund_no}`. Money moves in the refunds
 * module (through its index only); a watch left first in the notifications module owes the
 * merchant a REFUND.* notification when the refund ends (refund's notify_url, else the
 * order's).
 */
import { createHash } from 'node:crypto'
import { type Static, Type } from 'typebox'
import { checkNotifyUrl, V3Error } from '../../modules/merchant-api/index.ts'
import type { NotificationsService } from '../../modules/notifications/index.ts'
import type { Payment, PaymentsService } from '../../modules/payments/index.ts'
import {
  OUT_REFUND_NO_PATTERN,
  type Refund,
  type RefundsService,
} from '../../modules/refunds/index.ts'
import { DomainError, isDomainError } from '../../shared/errors.ts'
import type { V3Scope } from './plugin.ts'
import { refundNoticeResource, refundView } from './refund-view.ts'

export interface V3RefundDeps {
  payments: PaymentsService
  refunds: RefundsService
  notifications: NotificationsService
  sandbox: boolean
}

const AMOUNT_FEN = Type.Integer({ minimum: 1, maximum: 100_000_000_000 })

const RefundRequest = Type.Object({
  transaction_id: Type.Optional(Type.String({ pattern: '^[0-9]{28}$' })),
  out_trade_no: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_\\-|*]{6,32}$' })),
  out_refund_no: Type.String({ pattern: OUT_REFUND_NO_PATTERN }),
  reason: Type.Optional(Type.String({ maxLength: 80 })),
  notify_url: Type.Optional(Type.String({ maxLength: 255 })),
  funds_account: Type.Optional(Type.Literal('AVAILABLE')),
  amount: Type.Object({
    refund: AMOUNT_FEN,
    total: AMOUNT_FEN,
    currency: Type.Literal('CNY'),
    from: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 0 })),
  }),
  goods_detail: Type.Optional(Type.Unknown()),
})
type RefundBody = Static<typeof RefundRequest>

/** Our refund errors in WeChat's words (reference §6.6, §7). */
const REFUND_ERRORS: Record<string, [number, string, string]> = {
  NOT_FOUND: [404, 'RESOURCE_NOT_EXISTS', '订单不存在或未支付 / no such paid order'],
  REFUND_NOT_FOUND: [404, 'RESOURCE_NOT_EXISTS', '退款单不存在 / no such refund'],
  REFUND_AMOUNT_EXCEEDS: [403, 'NOT_ENOUGH', '退款金额超过订单可退金额 / more than is left'],
  REFUND_MERCHANT_BALANCE_LOW: [403, 'NOT_ENOUGH', '商户可用余额不足 / merchant balance low'],
  REFUND_NO_CONFLICT: [
    400,
    'INVALID_REQUEST',
    '同一退款单号参数与首次请求不一致 / out_refund_no was used with other content',
  ],
  REFUND_NOT_ALLOWED: [404, 'RESOURCE_NOT_EXISTS', '订单未支付 / the order is not paid'],
  REFUND_WINDOW_PASSED: [400, 'TRADE_OVERDUE', '订单已超过退款期限 / past the refund window'],
  REFUND_COUNT_LIMIT: [403, 'RULE_LIMIT', '退款次数超限 / too many refunds of this order'],
}

function refundError(error: unknown): never {
  if (isDomainError(error)) {
    const known = REFUND_ERRORS[error.code]
    if (known !== undefined) {
      throw new V3Error(known[0], known[1], known[2], {
        lingqian_code: error.code,
        ...error.details,
      })
    }
  }
  throw error
}

export async function v3RefundRoutes(scope: V3Scope, deps: V3RefundDeps): Promise<void> {
  await createRefundRoute(scope, deps)
  await queryRefundRoute(scope, deps)
}

/** The paid payment the body names, and the notify_url its order carried. */
async function paymentOf(deps: V3RefundDeps, merchantId: string, body: RefundBody) {
  if (body.transaction_id === undefined && body.out_trade_no === undefined) {
    throw new V3Error(400, 'PARAM_ERROR', '缺少 transaction_id 或 out_trade_no / name the order', {
      field: 'out_trade_no',
      location: 'body',
    })
  }
  const order =
    body.out_trade_no === undefined
      ? undefined
      : await deps.payments
          .getOrder(merchantId, { outTradeNo: body.out_trade_no })
          .catch(refundError)
  const paymentId = body.transaction_id ?? order?.paymentId
  if (paymentId === undefined || paymentId === null) refundError(unpaid())
  const payment = await deps.payments.getMerchantPayment(merchantId, paymentId).catch(refundError)
  if (payment.status !== 'SUCCESS') refundError(unpaid())
  if (body.out_trade_no !== undefined && payment.outTradeNo !== body.out_trade_no)
    refundError(unpaid())
  const orderNotifyUrl =
    order?.notifyUrl ??
    (payment.outTradeNo === null
      ? null
      : (await deps.payments.getOrder(merchantId, { outTradeNo: payment.outTradeNo })).notifyUrl)
  return { payment, orderNotifyUrl }
}

function unpaid(): DomainError {
  return new DomainError('NOT_FOUND', { resource: 'payment' })
}

function requestHash(payment: Payment, body: RefundBody): string {
  const content = [payment.id, body.amount.refund, body.amount.total, body.reason ?? null]
  return createHash('sha256')
    .update(JSON.stringify([...content, body.notify_url ?? null]))
    .digest('base64url')
}

async function answer(deps: V3RefundDeps, refund: Refund, payment: Payment) {
  await deps.notifications.reportRefund(refund.merchantId, refund.outRefundNo, {
    refundId: refund.id,
    status: refund.status,
    resource: refundNoticeResource(refund, payment),
  })
  return refundView(refund, payment)
}

async function createRefundRoute(scope: V3Scope, deps: V3RefundDeps) {
  scope.post(
    '/refund/domestic/refunds',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '退款申请 (refund an order, in full or in part)',
        body: RefundRequest,
      },
    },
    async (request) => {
      const merchantId = request.v3Merchant as string
      const body = request.body
      if (body.notify_url !== undefined) {
        const check = checkNotifyUrl(body.notify_url, { sandbox: deps.sandbox })
        if (!check.ok) {
          throw new V3Error(400, 'PARAM_ERROR', 'notify_url 不可用 / notify_url is not allowed', {
            field: 'notify_url',
            location: 'body',
            issue: check.issue,
          })
        }
      }
      const { payment, orderNotifyUrl } = await paymentOf(deps, merchantId, body)
      if (body.amount.total !== payment.amountFen) {
        throw new V3Error(
          400,
          'INVALID_REQUEST',
          '订单金额与原订单不一致 / total is not the paid amount',
          {
            field: 'amount.total',
            location: 'body',
          },
        )
      }
      // The watch first: a crash after the refund is made still owes the merchant its notice.
      await deps.notifications
        .watchRefund({
          merchantId,
          outRefundNo: body.out_refund_no,
          notifyUrl: body.notify_url ?? orderNotifyUrl,
          requestHash: requestHash(payment, body),
        })
        .catch(refundError)
      const refund = await deps.refunds
        .refund(
          merchantId,
          {
            outRefundNo: body.out_refund_no,
            payment: { paymentId: payment.id },
            amountFen: body.amount.refund,
            reason: body.reason,
          },
          { createdBy: 'merchant-api:v3' },
        )
        .catch(async (error: unknown) => {
          // Refused outright (no refund made): the number stays free, like WeChat's.
          if (isDomainError(error) && error.code !== 'SYSTEM_ERROR' && error.code !== 'SYSTEM_BUSY')
            await deps.notifications.dropRefundWatch(merchantId, body.out_refund_no)
          return refundError(error)
        })
      return answer(deps, refund, payment)
    },
  )
}

async function queryRefundRoute(scope: V3Scope, deps: V3RefundDeps) {
  scope.get(
    '/refund/domestic/refunds/:out_refund_no',
    {
      schema: {
        tags: ['wechatpay-v3'],
        summary: '查询单笔退款 (query a refund by out_refund_no)',
        params: Type.Object({ out_refund_no: Type.String({ pattern: OUT_REFUND_NO_PATTERN }) }),
      },
    },
    async (request) => {
      const merchantId = request.v3Merchant as string
      const refund = await deps.refunds
        .getRefund(merchantId, { outRefundNo: request.params.out_refund_no })
        .catch(refundError)
      const payment = await deps.payments.getMerchantPayment(merchantId, refund.paymentId)
      return refundView(refund, payment)
    },
  )
}

/** For the notifications sweep: a merchant's refund by number, as its REFUND.* resource. */
export async function refundNotice(
  deps: Pick<V3RefundDeps, 'payments' | 'refunds'>,
  merchantId: string,
  outRefundNo: string,
) {
  const refund = await deps.refunds.getRefund(merchantId, { outRefundNo }).catch((error) => {
    if (isDomainError(error) && error.code === 'REFUND_NOT_FOUND') return undefined
    throw error
  })
  if (refund === undefined) return undefined
  const payment = await deps.payments.getMerchantPayment(merchantId, refund.paymentId)
  return {
    refundId: refund.id,
    status: refund.status,
    resource: refundNoticeResource(refund, payment),
  }
}
