/**
 * Top-up from a bound debit card: the balance is credited as pending (the ledger holds it from
 * the bank's clearing account), the bank is debited, and the hold is posted or voided by its
 * answer (bank-operation.ts).
 */
import { balanceAccount, clearingAccount } from './accounts.ts'
import { sendToBank } from './bank-operation.ts'
import type { MoneyRequestInput, WalletContext } from './context.ts'
import { type Operation, recordHold } from './operation-rows.ts'
import { insertOperation, startOperation } from './start-operation.ts'

export async function topUp(
  ctx: WalletContext,
  userId: string,
  input: MoneyRequestInput,
): Promise<Operation> {
  const started = await startOperation(ctx, userId, 'TOPUP', input)
  if (started.existing) return started.existing
  await ctx.confirmPayment({
    userId,
    amountFen: input.amountFen,
    purpose: 'TOPUP',
    countsAgainstBalanceLimit: false,
    method: input.method,
    ...(input.smsCode ? { smsCode: input.smsCode } : {}),
  })
  const row = await insertOperation(ctx, userId, 'TOPUP', input, started.card)
  if (!('user_id' in row)) return row
  const clearing = await clearingAccount(ctx, row.bank_code)
  const hold = await ctx.ledger.createTransfer({
    kind: 'pending',
    idempotencyKey: `op:${row.id}:hold`,
    code: 'TOPUP',
    legs: [
      {
        debitAccountId: clearing.id,
        creditAccountId: (await balanceAccount(ctx, userId)).id,
        amountFen: input.amountFen,
      },
    ],
    metadata: { op: row.id },
  })
  await recordHold(ctx, row.id, hold.transferId)
  return sendToBank(ctx, row.id, started.card.cardNumber)
}
