/**
 * The steps top-up and withdrawal share before any money moves: the request is checked, a
 * retried idempotency key answers with its operation, the card must be the holder's debit card,
 * and the day's limit must allow the amount; then the PROCESSING row is written.
 */
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import { shanghaiDayStartMs } from '../../shared/shanghai-time.ts'
import type { Card } from '../cards/index.ts'
import type { MoneyRequestInput, OperationKind, WalletContext } from './context.ts'
import { existingFor, type Operation, type OperationRow, requestHash } from './operation-rows.ts'

const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{1,64}$/

export type BankCard = Card & { cardNumber: string }

export type StartedOperation = { existing: Operation } | { existing?: undefined; card: BankCard }

async function enforceDailyLimit(
  ctx: WalletContext,
  userId: string,
  kind: OperationKind,
  amountFen: number,
): Promise<void> {
  const limitFen = kind === 'TOPUP' ? ctx.rules.topUpDailyFenMax : ctx.rules.withdrawDailyFenMax
  const row = await ctx.db
    .selectFrom('wallet_operations')
    .select((eb) => eb.fn.sum<number>('amount_fen').as('total'))
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('status', '<>', 'FAILED')
    .where('created_at', '>=', new Date(shanghaiDayStartMs(ctx.clock.nowMs())))
    .executeTakeFirst()
  const usedFen = Number(row?.total ?? 0)
  if (usedFen + amountFen > limitFen) {
    throw new DomainError('LIMIT_EXCEEDED', {
      period: 'DAY',
      limitFen,
      remainingFen: Math.max(0, limitFen - usedFen),
    })
  }
}

export async function startOperation(
  ctx: WalletContext,
  userId: string,
  kind: OperationKind,
  input: MoneyRequestInput,
): Promise<StartedOperation> {
  const amountFenMax = ctx.rules.operationAmountFenMax
  if (!isValidAmountFen(input.amountFen) || input.amountFen > amountFenMax) {
    throw new DomainError('INVALID_AMOUNT', { maxFen: amountFenMax })
  }
  if (
    typeof input.idempotencyKey !== 'string' ||
    !IDEMPOTENCY_KEY_PATTERN.test(input.idempotencyKey)
  ) {
    throw new DomainError('INVALID_REQUEST', {
      reason: 'idempotencyKey: 1-64 letters, digits, _ . : -',
    })
  }
  const existing = await existingFor(ctx, userId, input, kind)
  if (existing !== undefined) return { existing }
  const card = await ctx.cards.cardForBank(userId, input.cardId)
  // Top-ups and withdrawals move money between the balance and the holder's debit card only.
  if (card.cardType !== 'DEBIT') throw new DomainError('CARD_TYPE_NOT_ALLOWED')
  await enforceDailyLimit(ctx, userId, kind, input.amountFen)
  return { card }
}

/** The new PROCESSING row, or the operation of a concurrent request that won the same key. */
export async function insertOperation(
  ctx: WalletContext,
  userId: string,
  kind: OperationKind,
  input: MoneyRequestInput,
  card: BankCard,
  fee: { feeFen: number; freeQuotaUsedFen: number },
): Promise<OperationRow | Operation> {
  const nowMs = ctx.clock.nowMs()
  const inserted = await ctx.db
    .insertInto('wallet_operations')
    .values({
      id: randomId(kind === 'TOPUP' ? 'tu' : 'wd', 20),
      user_id: userId,
      kind,
      card_id: card.id,
      bank_code: card.bankCode,
      card_last4: card.last4,
      amount_fen: input.amountFen,
      fee_fen: fee.feeFen,
      free_quota_used_fen: fee.freeQuotaUsedFen,
      status: 'PROCESSING',
      failure_code: null,
      failure_details: null,
      idempotency_key: input.idempotencyKey,
      request_hash: requestHash(kind, input),
      hold_transfer_id: null,
      bank_attempts: 0,
      created_at: new Date(nowMs),
      updated_at: new Date(nowMs),
      completed_at: null,
    })
    .onConflict((conflict) => conflict.constraint('wallet_operations_idempotency').doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted === undefined) return (await existingFor(ctx, userId, input, kind)) as Operation
  return inserted
}
