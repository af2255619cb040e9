/**
 * The steps top-up and withdrawal share before any money moves: the request is checked, a
 * retried idempotency key answers with its operation, and the card must be the holder's debit
 * card; then the PROCESSING row is written together with the limits it claims (limits.ts).
 */
import { assert } from '../../shared/assert.ts'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import type { Card } from '../cards/index.ts'
import type { MoneyRequestInput, OperationKind, WalletContext } from './context.ts'
import { feeRulesOf, quoteWithdrawal } from './fees.ts'
import { claimOperationLimits, precheckDailyLimit } from './limits.ts'
import { writeOperationRecord } from './operation-records.ts'
import { existingFor, type Operation, type OperationRow, requestHash } from './operation-rows.ts'

const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{1,64}$/

export type BankCard = Card & { cardNumber: string }

export type StartedOperation = { existing: Operation } | { existing?: undefined; card: BankCard }

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
  await precheckDailyLimit(ctx, userId, kind, input.amountFen)
  return { card }
}

/** Thrown inside the insert's transaction to roll back its claims when the key exists. */
class KeyTakenError extends Error {}

/**
 * The new PROCESSING row with its limits claimed in the same transaction (LIMIT_EXCEEDED leaves
 * neither), or the operation of a concurrent request that won the same idempotency key. A
 * withdrawal's fee follows from the free quota it claimed.
 */
export async function insertOperation(
  ctx: WalletContext,
  userId: string,
  kind: OperationKind,
  input: MoneyRequestInput,
  card: BankCard,
): Promise<OperationRow | Operation> {
  const nowMs = ctx.clock.nowMs()
  const id = randomId(kind === 'TOPUP' ? 'tu' : 'wd', 20)
  const operation = { id, userId, kind, amountFen: input.amountFen, atMs: nowMs }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const claims = await claimOperationLimits(ctx, trx, operation)
      const fee =
        kind === 'TOPUP'
          ? { feeFen: 0, freeQuotaUsedFen: 0 }
          : quoteWithdrawal(input.amountFen, claims.freeQuotaUsedBeforeFen, feeRulesOf(ctx.rules))
      assert(fee.freeQuotaUsedFen === claims.freeQuotaUsedFen, 'fee follows the claimed quota')
      const inserted = await trx
        .insertInto('wallet_operations')
        .values(operationValues({ ...operation, input, card, fee }))
        .onConflict((conflict) => conflict.constraint('wallet_operations_idempotency').doNothing())
        .returningAll()
        .executeTakeFirst()
      if (inserted === undefined) throw new KeyTakenError()
      await writeOperationRecord(ctx, trx, inserted.id)
      return inserted
    })
  } catch (error) {
    if (!(error instanceof KeyTakenError)) throw error
    // A concurrent request with the same key won the insert: answer with its operation.
    return (await existingFor(ctx, userId, input, kind)) as Operation
  }
}

function operationValues(operation: {
  id: string
  userId: string
  kind: OperationKind
  atMs: number
  input: MoneyRequestInput
  card: BankCard
  fee: { feeFen: number; freeQuotaUsedFen: number }
}): OperationRow {
  const { input, card, fee } = operation
  return {
    id: operation.id,
    user_id: operation.userId,
    kind: operation.kind,
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
    request_hash: requestHash(operation.kind, input),
    hold_transfer_id: null,
    bank_attempts: 0,
    created_at: new Date(operation.atMs),
    updated_at: new Date(operation.atMs),
    completed_at: null,
  }
}
