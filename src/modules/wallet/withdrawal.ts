/**
 * Withdrawal to a bound debit card, with the fee rule and the lifetime free quota (fees.ts):
 * amount and fee are held on the balance at once, the bank is credited, and the hold is posted
 * or voided by its answer (bank-operation.ts).
 */
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import { balanceAccount, clearingAccount, platformAccount } from './accounts.ts'
import { sendToBank } from './bank-operation.ts'
import type { MoneyRequestInput, WalletContext } from './context.ts'
import { feeRulesOf, quoteWithdrawal } from './fees.ts'
import { freeQuotaUsedFen } from './limits.ts'
import { finish, type Operation, type OperationRow, recordHold } from './operation-rows.ts'
import { insertOperation, startOperation } from './start-operation.ts'

export async function quote(ctx: WalletContext, userId: string, amountFen: number) {
  if (!isValidAmountFen(amountFen)) throw new DomainError('INVALID_AMOUNT')
  return {
    ...quoteWithdrawal(amountFen, await freeQuotaUsedFen(ctx, userId), feeRulesOf(ctx.rules)),
    arrivalHours: ctx.rules.withdrawArrivalHours,
  }
}

export async function withdraw(
  ctx: WalletContext,
  userId: string,
  input: MoneyRequestInput,
): Promise<Operation> {
  const started = await startOperation(ctx, userId, 'WITHDRAW', input)
  if (started.existing) return started.existing
  // The user confirms the quoted total. The fee charged follows from the free quota claimed with
  // the row: it is higher only when the user's own parallel withdrawals took the quota first.
  const quoted = await quote(ctx, userId, input.amountFen)
  await ctx.confirmPayment({
    userId,
    amountFen: quoted.totalDebitFen,
    purpose: 'WITHDRAW',
    countsAgainstBalanceLimit: false,
    method: input.method,
    ...(input.smsCode ? { smsCode: input.smsCode } : {}),
  })
  const row = await insertOperation(ctx, userId, 'WITHDRAW', input, started.card)
  if (!('user_id' in row)) return row
  await holdWithdrawal(ctx, row)
  return sendToBank(ctx, row.id, started.card.cardNumber)
}

/** Funds are held at once: the balance shows them as pending until the bank answers. */
async function holdWithdrawal(ctx: WalletContext, row: OperationRow): Promise<void> {
  const balance = await balanceAccount(ctx, row.user_id)
  const clearing = await clearingAccount(ctx, row.bank_code)
  const legs = [
    { debitAccountId: balance.id, creditAccountId: clearing.id, amountFen: Number(row.amount_fen) },
  ]
  const feeFen = Number(row.fee_fen)
  if (feeFen > 0) {
    const fees = await platformAccount(ctx, 'fees')
    legs.push({ debitAccountId: balance.id, creditAccountId: fees.id, amountFen: feeFen })
  }
  try {
    const hold = await ctx.ledger.createTransfer({
      kind: 'pending',
      idempotencyKey: `op:${row.id}:hold`,
      code: 'WITHDRAW',
      legs,
      metadata: { op: row.id },
    })
    await recordHold(ctx, row.id, hold.transferId)
  } catch (error) {
    if (error instanceof DomainError)
      await finish(ctx, row.id, 'FAILED', { code: error.code, details: error.details })
    throw error
  }
}
