/**
 * Payments and refunds as the payments module books them (pay-core's ledger conventions), for
 * settlement and coupon tests that must not wait for the payments module: a PAYMENT transfer
 * [payer → merchant_pending: amount], [merchant_pending → merchant_fees: fee] and a REFUND
 * [merchant_pending → payer: amount], [merchant_fees → merchant_pending: fee back].
 */
import type { App } from '../app.ts'
import { feeFen } from '../modules/merchants/index.ts'

export async function fundedPayer(app: App, userId: string, amountFen: number): Promise<number> {
  const balance = await app.wallet.balanceAccount(userId)
  const funding = await app.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'funding',
    currency: 'CNY',
  })
  if (funding === undefined) throw new Error('no funding account')
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `test-fund:${userId}:${amountFen}:${app.clock.nowMs()}`,
    code: 'DEMO_FUNDING',
    legs: [{ debitAccountId: funding.id, creditAccountId: balance.id, amountFen }],
  })
  return balance.id
}

export async function bookPayment(
  app: App,
  request: { key: string; merchantId: string; payerAccountId: number; amountFen: number },
): Promise<{ feeFen: number }> {
  const merchant = await app.merchants.get(request.merchantId)
  const accounts = await app.merchants.accounts(request.merchantId)
  const fee = feeFen(request.amountFen, merchant.feeRateBp)
  const legs = [
    {
      debitAccountId: request.payerAccountId,
      creditAccountId: accounts.merchant_pending.id,
      amountFen: request.amountFen,
    },
  ]
  if (fee > 0) {
    legs.push({
      debitAccountId: accounts.merchant_pending.id,
      creditAccountId: accounts.merchant_fees.id,
      amountFen: fee,
    })
  }
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `pay:${request.key}`,
    code: 'PAYMENT',
    legs,
  })
  return { feeFen: fee }
}

export async function bookRefund(
  app: App,
  request: {
    key: string
    merchantId: string
    payerAccountId: number
    amountFen: number
    feeBackFen: number
  },
): Promise<void> {
  const accounts = await app.merchants.accounts(request.merchantId)
  const legs = [
    {
      debitAccountId: accounts.merchant_pending.id,
      creditAccountId: request.payerAccountId,
      amountFen: request.amountFen,
    },
  ]
  if (request.feeBackFen > 0) {
    legs.push({
      debitAccountId: accounts.merchant_fees.id,
      creditAccountId: accounts.merchant_pending.id,
      amountFen: request.feeBackFen,
    })
  }
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `refund:${request.key}`,
    code: 'REFUND',
    legs,
  })
}
