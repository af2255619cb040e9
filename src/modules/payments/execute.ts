/**
 * Moving the money of a payment that is PROCESSING (its row, claims and order already written):
 * - balance: one posted ledger transfer `pay:<id>`, [user balance → merchant_pending: payable],
 *   [coupon funder → merchant_pending: discount] for a couponed payment, and
 *   [merchant_pending → merchant_fees: fee] (fee rule in src/modules/merchants/fees.ts);
 * - card: a pending hold `pay:<id>:hold` from the bank's clearing account to merchant_pending
 *   (with the funder's discount leg beside it), the bank debited the payable amount with the
 *   payment id as its idempotent request id, the hold posted (and the fee taken) or voided on
 *   the answer. No answer leaves it PROCESSING for the resolver.
 * The merchant so receives the full amount; the payer pays the amount less the discount.
 * A refusal ends the payment FAILED (claims back, order free) and is thrown with its code.
 */
import type { MoneyResult } from '../../adapters/bank/index.ts'
import { DomainError, isDomainError } from '../../shared/errors.ts'
import { publicBankDetails, walletCodeForBank } from '../cards/index.ts'
import type { Account } from '../ledger/index.ts'
import type { PaymentsContext } from './context.ts'
import { discountLegs, rowPayableFen } from './coupon.ts'
import { loadPayment, type PaymentRow, transition } from './payment-rows.ts'

const merchantAccountCache = new WeakMap<PaymentsContext, Map<string, Promise<MerchantAccounts>>>()
interface MerchantAccounts {
  pending: Account
  fees: Account
}

function merchantAccounts(ctx: PaymentsContext, merchantId: string): Promise<MerchantAccounts> {
  let cache = merchantAccountCache.get(ctx)
  if (cache === undefined) merchantAccountCache.set(ctx, (cache = new Map()))
  let accounts = cache.get(merchantId)
  if (accounts === undefined) {
    accounts = ctx.merchants.accounts(merchantId).then((opened) => ({
      pending: opened.merchant_pending,
      fees: opened.merchant_fees,
    }))
    accounts.catch(() => cache.delete(merchantId))
    cache.set(merchantId, accounts)
  }
  return accounts
}

async function clearingAccount(ctx: PaymentsContext, bankCode: string): Promise<Account> {
  const account = await ctx.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: `bank_clearing:${bankCode.toLowerCase()}`,
    currency: 'CNY',
  })
  if (account === undefined)
    throw new Error(`platform account bank_clearing:${bankCode} is missing`)
  return account
}

/** Ends the payment FAILED with `error`'s code and throws it (the caller's answer). */
export async function failWith(
  ctx: PaymentsContext,
  row: PaymentRow,
  error: DomainError,
): Promise<never> {
  await transition(ctx, row.id, {
    from: ['PROCESSING', 'USERPAYING'],
    to: 'FAILED',
    failure: { code: error.code, details: { ...error.details } },
  })
  throw error
}

function notEnough(availableFen: number | undefined, amountFen: number): DomainError {
  return new DomainError('NOT_ENOUGH', {
    amountFen,
    ...(availableFen === undefined ? {} : { availableFen }),
    options: ['TOP_UP', 'PAY_BY_CARD'],
  })
}

export async function payFromBalance(ctx: PaymentsContext, row: PaymentRow): Promise<PaymentRow> {
  const amountFen = rowPayableFen(row)
  const feeFen = Number(row.fee_fen)
  const [balance, merchant] = await Promise.all([
    ctx.balanceAccount(row.user_id),
    merchantAccounts(ctx, row.merchant_id),
  ])
  try {
    await ctx.security.recordBalancePayment(row.user_id, amountFen, undefined, `pay:${row.id}`)
  } catch (error) {
    if (isDomainError(error)) return failWith(ctx, row, error)
    throw error
  }
  const legs = [
    { debitAccountId: balance.id, creditAccountId: merchant.pending.id, amountFen },
    ...discountLegs(row, merchant.pending.id),
  ]
  if (feeFen > 0) {
    legs.push({
      debitAccountId: merchant.pending.id,
      creditAccountId: merchant.fees.id,
      amountFen: feeFen,
    })
  }
  let transferId: number
  try {
    const created = await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `pay:${row.id}`,
      code: 'PAYMENT',
      legs,
      metadata: { payment: row.id, merchant: row.merchant_id },
    })
    transferId = created.transferId
  } catch (error) {
    if (!isDomainError(error)) throw error // unknown outcome: the resolver looks in the ledger
    if (error.code === 'NOT_ENOUGH') {
      const available = (await ctx.ledger.getBalance(balance.id)).availableFen
      return failWith(ctx, row, notEnough(available, amountFen))
    }
    return failWith(ctx, row, error)
  }
  return succeed(ctx, row, transferId, balance.id)
}

export async function succeed(
  ctx: PaymentsContext,
  row: PaymentRow,
  transferId: number | null,
  balanceAccountId: number | null = null,
) {
  const { row: after } = await transition(ctx, row.id, {
    from: ['PROCESSING'],
    to: 'SUCCESS',
    set: {
      transfer_id: transferId,
      balance_account_id: balanceAccountId,
      failure_code: null,
      failure_details: null,
    },
  })
  return after
}

/** The card side: the hold, the bank call, the answer. */
export async function payFromCard(ctx: PaymentsContext, row: PaymentRow, cardNumber: string) {
  const clearing = await clearingAccount(ctx, row.bank_code as string)
  const merchant = await merchantAccounts(ctx, row.merchant_id)
  const hold = await ctx.ledger.createTransfer({
    kind: 'pending',
    idempotencyKey: `pay:${row.id}:hold`,
    code: 'PAYMENT',
    legs: [
      {
        debitAccountId: clearing.id,
        creditAccountId: merchant.pending.id,
        amountFen: rowPayableFen(row),
      },
      ...discountLegs(row, merchant.pending.id),
    ],
    metadata: { payment: row.id },
  })
  await ctx.db
    .updateTable('payments')
    .set({ hold_transfer_id: hold.transferId })
    .where('id', '=', row.id)
    .execute()
  return sendToBank(ctx, row.id, cardNumber)
}

export async function sendToBank(ctx: PaymentsContext, paymentId: string, cardNumber: string) {
  const row = await loadPayment(ctx, paymentId)
  await ctx.db
    .updateTable('payments')
    .set({ bank_attempts: row.bank_attempts + 1 })
    .where('id', '=', paymentId)
    .execute()
  const result = await ctx.bank.debit({
    requestId: row.id,
    cardNumber,
    amountFen: rowPayableFen(row),
    purpose: 'PAYMENT',
  })
  return settleCard(ctx, paymentId, result)
}

/** Applies the bank's answer; idempotent (deterministic ledger keys, conditional transition). */
export async function settleCard(ctx: PaymentsContext, paymentId: string, result: MoneyResult) {
  const row = await loadPayment(ctx, paymentId)
  if (row.status !== 'PROCESSING' || result.outcome === 'UNKNOWN') return row
  const holdId = row.hold_transfer_id
  if (holdId === null) throw new Error(`payment ${paymentId} has no hold`)
  if (result.outcome === 'FAILED') {
    await ctx.ledger.createTransfer({
      kind: 'void',
      idempotencyKey: `pay:${row.id}:void`,
      pendingId: Number(holdId),
    })
    const code = walletCodeForBank(result.code)
    return failWith(ctx, row, new DomainError(code, publicBankDetails(result.details)))
  }
  const posted = await ctx.ledger.createTransfer({
    kind: 'post',
    idempotencyKey: `pay:${row.id}:post`,
    pendingId: Number(holdId),
    metadata: { payment: row.id, bankRequestId: row.id, bankProcessedAtMs: result.processedAtMs },
  })
  const feeFen = Number(row.fee_fen)
  if (feeFen > 0) {
    const merchant = await merchantAccounts(ctx, row.merchant_id)
    await ctx.ledger.createTransfer({
      kind: 'posted',
      idempotencyKey: `pay:${row.id}:fee`,
      code: 'FEE',
      legs: [
        {
          debitAccountId: merchant.pending.id,
          creditAccountId: merchant.fees.id,
          amountFen: feeFen,
        },
      ],
      metadata: { payment: row.id },
    })
  }
  return succeed(ctx, row, posted.transferId)
}
