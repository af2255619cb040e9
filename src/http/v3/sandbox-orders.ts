/**
 * The sandbox's order controls (LQ_SANDBOX only; OpenAPI tag `sandbox`), signed like any v3
 * call: `POST /sandbox/v1/orders/{out_trade_no}/pay` has a sandbox payer (or the named demo user)
 * pay the order through the real payment core — or fail the way asked — and
 * `POST …/confirm` completes a codepay order left USERPAYING (the customer confirms on the
 * phone). The answer is the order as the query API shows it, with what the sandbox did.
 */
import { randomUUID } from 'node:crypto'
import { Type } from 'typebox'
import { type MerchantApi, V3Error } from '../../modules/merchant-api/index.ts'
import type { Order, Payment, PaymentsService } from '../../modules/payments/index.ts'
import { isDomainError } from '../../shared/errors.ts'
import type { HttpApp } from '../server.ts'
import { type V3Deps, v3Plugin } from './plugin.ts'
import {
  fundIfSandboxPayer,
  SANDBOX_PAYMENT_PASSWORD,
  type SandboxPayerDeps,
  sandboxPayer,
} from './sandbox-payers.ts'
import { loadTransaction } from './transaction-view.ts'

export interface SandboxOrderDeps extends V3Deps, SandboxPayerDeps {
  merchantApi: MerchantApi
  payments: PaymentsService
  sandbox: boolean
}

export const SANDBOX_OUTCOMES = [
  'SUCCESS',
  'NOT_ENOUGH',
  'BANK_LIMIT_EXCEEDED',
  'USERPAYING',
] as const
type Outcome = (typeof SANDBOX_OUTCOMES)[number]

const PayBody = Type.Object({
  mchid: Type.String({ pattern: '^[1-9][0-9]{9}$' }),
  payer: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
  outcome: Type.Optional(Type.Union(SANDBOX_OUTCOMES.map((outcome) => Type.Literal(outcome)))),
})
const OrderParams = Type.Object({
  out_trade_no: Type.String({ pattern: '^[A-Za-z0-9_\\-|*]{6,32}$' }),
})

interface Attempt {
  outcome: Outcome
  result: 'PAID' | 'FAILED' | 'USERPAYING'
  code?: string
}

function signedBy(authenticated: string | null, claimed: string): string {
  if (authenticated !== claimed) {
    throw new V3Error(
      400,
      'INVALID_REQUEST',
      'mchid 与请求头不一致 / mchid does not match the signer',
      {
        field: 'mchid',
      },
    )
  }
  return claimed
}

async function loadOrder(deps: SandboxOrderDeps, merchantId: string, outTradeNo: string) {
  return deps.payments.getOrder(merchantId, { outTradeNo }).catch((error: unknown) => {
    if (isDomainError(error) && error.code === 'NOT_FOUND') {
      throw new V3Error(404, 'ORDER_NOT_EXIST', '订单不存在 / no such order')
    }
    throw error
  })
}

async function answer(deps: SandboxOrderDeps, order: Order, attempt: Attempt) {
  // The same view as the v3 query: its trade_type, the payer's openid, REVOKED after a reverse.
  return { ...(await loadTransaction(deps, order.merchantId, order)), sandbox: attempt }
}

/** The customer of a USERPAYING order confirms with the sandbox's (and demo's) password. */
async function confirmOrder(deps: SandboxOrderDeps, order: Order): Promise<Attempt['result']> {
  if (order.status !== 'USERPAYING' || order.paymentId === null) {
    throw new V3Error(400, 'INVALID_REQUEST', '订单不在用户支付中 / the order is not USERPAYING', {
      field: 'out_trade_no',
      trade_state: order.status,
    })
  }
  const payment = await deps.payments.getMerchantPayment(order.merchantId, order.paymentId)
  await fundIfSandboxPayer(deps, payment.userId, payment.amountFen, `${order.id}:confirm`)
  const confirmed = await deps.payments.confirmPending(payment.userId, payment.id, {
    payMethod: { kind: 'balance' },
    method: { kind: 'password', password: SANDBOX_PAYMENT_PASSWORD },
  })
  return confirmed.status === 'SUCCESS' ? 'PAID' : 'FAILED'
}

async function payOrder(
  deps: SandboxOrderDeps,
  order: Order,
  payerPhone: string | undefined,
  outcome: Outcome,
) {
  const userId = await sandboxPayer(deps, {
    payerPhone,
    outcome,
    amountFen: order.amountFen,
    orderId: order.id,
  })
  try {
    const payment = await deps.payments.payOrder(userId, order.token, {
      idempotencyKey: `sandbox:${randomUUID()}`,
      payMethod: { kind: 'balance' },
      method: { kind: 'password', password: SANDBOX_PAYMENT_PASSWORD },
    })
    if (payment.status === 'SUCCESS') return { result: 'PAID' as const }
    return { result: 'FAILED' as const, code: payment.failure?.code ?? payment.status }
  } catch (error) {
    if (!isDomainError(error)) throw error
    return { result: 'FAILED' as const, code: error.code }
  }
}

/** What the sandbox does with an order that may still be paid, as asked. */
async function play(
  deps: SandboxOrderDeps,
  order: Order,
  payerPhone: string | undefined,
  outcome: Outcome,
) {
  if (outcome === 'USERPAYING') {
    if (order.status === 'USERPAYING') return { outcome, result: 'USERPAYING' as const }
    throw new V3Error(
      400,
      'INVALID_REQUEST',
      'USERPAYING 仅适用于付款码订单 / USERPAYING is for codepay orders',
      {
        field: 'outcome',
        issue:
          'a native, JSAPI, App or H5 order is paid in one step; place a codepay order to wait',
      },
    )
  }
  // The simulated banks hold no card for the sandbox payers: this refusal is the bank's
  // answer as the payment core passes it on, and the order stays NOTPAY exactly as then.
  if (outcome === 'BANK_LIMIT_EXCEEDED')
    return { outcome, result: 'FAILED' as const, code: outcome }
  if (order.status === 'USERPAYING' && outcome === 'SUCCESS') {
    return { outcome, result: await confirmOrder(deps, order) }
  }
  return { outcome, ...(await payOrder(deps, order, payerPhone, outcome)) }
}

export async function sandboxOrderRoutes(app: HttpApp, deps: SandboxOrderDeps): Promise<void> {
  if (!deps.sandbox) return
  await v3Plugin(
    app,
    deps,
    async (scope) => {
      scope.post(
        '/orders/:out_trade_no/pay',
        {
          schema: {
            tags: ['sandbox'],
            summary: '沙箱：付款 (sandbox: a payer pays the order, or fails as asked)',
            params: OrderParams,
            body: PayBody,
          },
        },
        async (request) => {
          const merchantId = signedBy(request.v3Merchant, request.body.mchid)
          const outcome = request.body.outcome ?? 'SUCCESS'
          const order = await loadOrder(deps, merchantId, request.params.out_trade_no)
          if (order.status === 'PAID') return answer(deps, order, { outcome, result: 'PAID' })
          if (order.status === 'CLOSED' || order.status === 'EXPIRED') {
            throw new V3Error(400, 'ORDER_CLOSED', '订单已关闭 / the order is closed')
          }
          const attempt = await play(deps, order, request.body.payer, outcome)
          return answer(deps, await loadOrder(deps, merchantId, order.outTradeNo), attempt)
        },
      )
      scope.post(
        '/orders/:out_trade_no/confirm',
        {
          schema: {
            tags: ['sandbox'],
            summary: '沙箱：用户确认付款码支付 (sandbox: the customer confirms a USERPAYING order)',
            params: OrderParams,
            body: Type.Object({ mchid: Type.String({ pattern: '^[1-9][0-9]{9}$' }) }),
          },
        },
        async (request) => {
          const merchantId = signedBy(request.v3Merchant, request.body.mchid)
          const order = await loadOrder(deps, merchantId, request.params.out_trade_no)
          const result = await confirmOrder(deps, order)
          return answer(deps, await loadOrder(deps, merchantId, order.outTradeNo), {
            outcome: 'SUCCESS',
            result,
          })
        },
      )
    },
    '/sandbox/v1',
  )
}
