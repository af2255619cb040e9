/**
 * Paid payments for refund tests, booked in the ledger as the payment core books them
 * (pay-core's conventions: [payer balance or bank_clearing:<bank> → merchant_pending: amount],
 * [merchant_pending → merchant_fees: fee]); a card payment is a real bank debit, so
 * reconciliation has both sides. `port` is the refunds module's view of them.
 */
import { randomDigits } from '../shared/crypto.ts'
import { DomainError } from '../shared/errors.ts'
import { feeFen } from '../modules/merchants/index.ts'
import type { RefundablePayment, RefundPaymentsPort } from '../modules/refunds/index.ts'
import type { TestApp } from './app.ts'

export interface TestPayments {
  port: RefundPaymentsPort
  /** paymentId → the refunded totals noteRefunded was told, in order. */
  noted: Map<string, number[]>
  payByBalance(request: {
    merchantId: string
    userId: string
    amountFen: number
  }): Promise<RefundablePayment>
  payByCard(request: {
    merchantId: string
    userId: string
    cardId: string
    amountFen: number
  }): Promise<RefundablePayment>
}

function portOver(
  payments: Map<string, RefundablePayment>,
  noted: Map<string, number[]>,
): RefundPaymentsPort {
  const notFound = () => new DomainError('NOT_FOUND', { resource: 'payment' })
  return {
    async getRefundablePayment(merchantId, ref) {
      const found = [...payments.values()].find(
        (payment) =>
          payment.merchantId === merchantId &&
          ('paymentId' in ref
            ? payment.paymentId === ref.paymentId
            : payment.outTradeNo === ref.outTradeNo),
      )
      if (found === undefined) throw notFound()
      return found
    },
    async getPayment(userId, paymentId) {
      const found = payments.get(paymentId)
      if (found === undefined || found.userId !== userId) throw notFound()
      return { id: found.paymentId, merchantId: found.merchantId, userId, status: found.status }
    },
    async noteRefunded(paymentId, refundedTotalFen) {
      noted.set(paymentId, [...(noted.get(paymentId) ?? []), refundedTotalFen])
    },
  }
}

async function bookPayment(
  app: TestApp,
  payments: Map<string, RefundablePayment>,
  request: { merchantId: string; userId: string; amountFen: number },
  from: {
    accountId: number
    method: RefundablePayment['method']
    bank?: { requestId: string; processedAtMs: number }
  },
  paymentId: string,
): Promise<RefundablePayment> {
  const merchant = await app.merchants.get(request.merchantId)
  const accounts = await app.merchants.accounts(request.merchantId)
  const fee = feeFen(request.amountFen, merchant.feeRateBp)
  const legs = [
    {
      debitAccountId: from.accountId,
      creditAccountId: accounts.merchant_pending.id,
      amountFen: request.amountFen,
    },
  ]
  if (fee > 0)
    legs.push({
      debitAccountId: accounts.merchant_pending.id,
      creditAccountId: accounts.merchant_fees.id,
      amountFen: fee,
    })
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `pay:${paymentId}`,
    code: 'PAYMENT',
    legs,
    ...(from.bank
      ? {
          metadata: {
            bankRequestId: from.bank.requestId,
            bankProcessedAtMs: from.bank.processedAtMs,
          },
        }
      : {}),
  })
  const payment: RefundablePayment = {
    paymentId,
    merchantId: request.merchantId,
    userId: request.userId,
    outTradeNo: `T${paymentId.slice(-12)}`,
    amountFen: request.amountFen,
    feeFen: fee,
    method: from.method,
    paidAtMs: app.clock.nowMs(),
    status: 'SUCCESS',
  }
  payments.set(paymentId, payment)
  return payment
}

export function createTestPayments(getApp: () => TestApp): TestPayments {
  const payments = new Map<string, RefundablePayment>()
  const noted = new Map<string, number[]>()
  const port = portOver(payments, noted)

  return {
    port,
    noted,
    async payByBalance(request) {
      const app = getApp()
      const balance = await app.wallet.balanceAccount(request.userId)
      const paymentId = `4200${randomDigits(24)}`
      return bookPayment(
        app,
        payments,
        request,
        { accountId: balance.id, method: { kind: 'balance' } },
        paymentId,
      )
    },
    async payByCard(request) {
      const app = getApp()
      const card = await app.cards.cardForBank(request.userId, request.cardId)
      const paymentId = `4200${randomDigits(24)}`
      const result = await app.bank.debit({
        requestId: paymentId,
        cardNumber: card.cardNumber,
        amountFen: request.amountFen,
        purpose: 'PAYMENT',
      })
      if (result.outcome !== 'SUCCEEDED')
        throw new Error(`card payment failed: ${JSON.stringify(result)}`)
      const clearing = await app.ledger.findAccount({
        ownerKind: 'platform',
        ownerId: 'platform',
        purpose: `bank_clearing:${card.bankCode.toLowerCase()}`,
        currency: 'CNY',
      })
      if (clearing === undefined) throw new Error('no clearing account')
      return bookPayment(
        app,
        payments,
        request,
        {
          accountId: clearing.id,
          method: { kind: 'card', cardId: card.id, bankCode: card.bankCode },
          bank: { requestId: paymentId, processedAtMs: result.processedAtMs },
        },
        paymentId,
      )
    },
  }
}
