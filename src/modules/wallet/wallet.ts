/**
 * The balance (零钱): top-up from a bound debit card and withdrawal to one. Both are two-phase
 * around the bank call: the ledger holds the money first (pending), the bank is asked with the
 * operation id as its idempotent request id, and the hold is posted or voided by the bank's
 * answer. An answer that never came leaves the operation PROCESSING until the resolver learns
 * the outcome from the bank: never a lost or doubled top-up.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { BankConnector, MoneyResult } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { isValidAmountFen } from '../../shared/money.ts'
import { type CardsService, publicBankDetails, walletCodeForBank } from '../cards/index.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import { quoteWithdrawal } from './fees.ts'
import { shanghaiDayStartMs } from './shanghai-time.ts'
import type { WalletTables } from './wallet-tables.ts'

export interface WalletRules {
  withdrawFreeQuotaFen: number
  withdrawFeePerMille: number
  withdrawFeeMinFen: number
  operationAmountFenMax: number
  topUpDailyFenMax: number
  withdrawDailyFenMax: number
  withdrawArrivalHours: number
  /** PROCESSING operations older than this are driven by the resolver, not the request. */
  resolveAfterMs: number
}

export const DEFAULT_WALLET_RULES: WalletRules = {
  withdrawFreeQuotaFen: 100_000,
  withdrawFeePerMille: 1,
  withdrawFeeMinFen: 10,
  operationAmountFenMax: 5_000_000,
  topUpDailyFenMax: 5_000_000,
  withdrawDailyFenMax: 5_000_000,
  withdrawArrivalHours: 2,
  resolveAfterMs: 30_000,
}

/** The payment confirmation every money movement passes (identity's confirmPayment). */
export type ConfirmPayment = (request: {
  userId: string
  amountFen: number
  purpose: 'TOPUP' | 'WITHDRAW'
  countsAgainstBalanceLimit: boolean
  method: import('../identity/index.ts').ConfirmMethod
  smsCode?: string
}) => Promise<unknown>

export interface WalletDeps {
  database: Db
  clock: Clock
  ledger: Ledger
  cards: CardsService
  bank: BankConnector
  confirmPayment: ConfirmPayment
  rules?: Partial<WalletRules>
  /** Told about an operation the resolver could not settle this time (for logs). */
  onResolveError?: (operationId: string, error: unknown) => void
}

export interface MoneyRequestInput {
  idempotencyKey: string
  cardId: string
  amountFen: number
  method: import('../identity/index.ts').ConfirmMethod
  smsCode?: string
}

type OperationRow = WalletTables['wallet_operations']

export interface Operation {
  id: string
  kind: 'TOPUP' | 'WITHDRAW'
  status: 'PROCESSING' | 'SUCCEEDED' | 'FAILED'
  amountFen: number
  feeFen: number
  card: { id: string; bankCode: string; last4: string }
  failure: { code: string; details: Record<string, unknown> } | null
  createdAtMs: number
  completedAtMs: number | null
  /** Withdrawals: when the money is expected on the card. */
  expectedArrivalAtMs: number | null
}

export function createWalletService(deps: WalletDeps) {
  const db = deps.database as Kysely<WalletTables>
  const rules = { ...DEFAULT_WALLET_RULES, ...deps.rules }
  const balanceAccounts = new Map<string, Account>()

  async function balanceAccount(userId: string): Promise<Account> {
    const cached = balanceAccounts.get(userId)
    if (cached !== undefined) return cached
    const account = await deps.ledger.openAccount({
      ownerKind: 'user',
      ownerId: userId,
      purpose: 'balance',
      currency: 'CNY',
      debitsMustNotExceedCredits: true,
    })
    balanceAccounts.set(userId, account)
    return account
  }

  async function platformAccount(purpose: string): Promise<Account> {
    const account = await deps.ledger.findAccount({
      ownerKind: 'platform',
      ownerId: 'platform',
      purpose,
      currency: 'CNY',
    })
    if (account === undefined) throw new Error(`platform account ${purpose} is missing`)
    return account
  }

  function toOperation(row: OperationRow): Operation {
    const createdAtMs = new Date(row.created_at).getTime()
    return {
      id: row.id,
      kind: row.kind as Operation['kind'],
      status: row.status as Operation['status'],
      amountFen: Number(row.amount_fen),
      feeFen: Number(row.fee_fen),
      card: { id: row.card_id, bankCode: row.bank_code, last4: row.card_last4 },
      failure:
        row.failure_code === null
          ? null
          : { code: row.failure_code, details: row.failure_details ?? {} },
      createdAtMs,
      completedAtMs: row.completed_at === null ? null : new Date(row.completed_at).getTime(),
      expectedArrivalAtMs:
        row.kind === 'WITHDRAW' ? createdAtMs + rules.withdrawArrivalHours * 3600_000 : null,
    }
  }

  async function getBalance(userId: string) {
    const balance = await deps.ledger.getBalance((await balanceAccount(userId)).id)
    return {
      balanceFen: balance.postedFen,
      availableFen: balance.availableFen,
      pendingInFen: balance.creditsPendingFen,
      pendingOutFen: balance.debitsPendingFen,
    }
  }

  async function freeQuotaUsedFen(userId: string): Promise<number> {
    const row = await db
      .selectFrom('wallet_operations')
      .select((eb) => eb.fn.sum<number>('free_quota_used_fen').as('used'))
      .where('user_id', '=', userId)
      .where('kind', '=', 'WITHDRAW')
      .where('status', '<>', 'FAILED')
      .executeTakeFirst()
    return Number(row?.used ?? 0)
  }

  async function quote(userId: string, amountFen: number) {
    if (!isValidAmountFen(amountFen)) throw new DomainError('INVALID_AMOUNT')
    return {
      ...quoteWithdrawal(amountFen, await freeQuotaUsedFen(userId), {
        freeQuotaFen: rules.withdrawFreeQuotaFen,
        feePerMille: rules.withdrawFeePerMille,
        feeMinFen: rules.withdrawFeeMinFen,
      }),
      arrivalHours: rules.withdrawArrivalHours,
    }
  }

  async function enforceDailyLimit(
    userId: string,
    kind: 'TOPUP' | 'WITHDRAW',
    amountFen: number,
  ): Promise<void> {
    const limitFen = kind === 'TOPUP' ? rules.topUpDailyFenMax : rules.withdrawDailyFenMax
    const row = await db
      .selectFrom('wallet_operations')
      .select((eb) => eb.fn.sum<number>('amount_fen').as('total'))
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('status', '<>', 'FAILED')
      .where('created_at', '>=', new Date(shanghaiDayStartMs(deps.clock.nowMs())))
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

  /** Returns the existing operation for a retried key, or undefined for a new request. */
  async function existingFor(
    userId: string,
    input: MoneyRequestInput,
    kind: string,
  ): Promise<Operation | undefined> {
    const row = await db
      .selectFrom('wallet_operations')
      .selectAll()
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst()
    if (row === undefined) return undefined
    if (row.request_hash !== requestHash(kind, input)) throw new DomainError('IDEMPOTENCY_CONFLICT')
    return toOperation(row)
  }

  async function startOperation(
    userId: string,
    kind: 'TOPUP' | 'WITHDRAW',
    input: MoneyRequestInput,
  ) {
    if (!isValidAmountFen(input.amountFen) || input.amountFen > rules.operationAmountFenMax) {
      throw new DomainError('INVALID_AMOUNT', { maxFen: rules.operationAmountFenMax })
    }
    if (typeof input.idempotencyKey !== 'string' || !/^[\w.:-]{1,64}$/.test(input.idempotencyKey)) {
      throw new DomainError('INVALID_REQUEST', {
        reason: 'idempotencyKey: 1-64 letters, digits, _ . : -',
      })
    }
    const existing = await existingFor(userId, input, kind)
    if (existing !== undefined) return { existing }
    const card = await deps.cards.cardForBank(userId, input.cardId)
    // Top-ups and withdrawals move money between the balance and the holder's debit card only.
    if (card.cardType !== 'DEBIT') throw new DomainError('CARD_TYPE_NOT_ALLOWED')
    await enforceDailyLimit(userId, kind, input.amountFen)
    return { card }
  }

  async function insertOperation(
    userId: string,
    kind: 'TOPUP' | 'WITHDRAW',
    input: MoneyRequestInput,
    card: { id: string; bankCode: string; last4: string },
    fee: { feeFen: number; freeQuotaUsedFen: number },
  ): Promise<OperationRow | Operation> {
    const nowMs = deps.clock.nowMs()
    const id = randomId(kind === 'TOPUP' ? 'tu' : 'wd', 20)
    const inserted = await db
      .insertInto('wallet_operations')
      .values({
        id,
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
    // A concurrent request with the same key won the insert: answer with its operation.
    if (inserted === undefined) return (await existingFor(userId, input, kind)) as Operation
    return inserted
  }

  async function topUp(userId: string, input: MoneyRequestInput): Promise<Operation> {
    const started = await startOperation(userId, 'TOPUP', input)
    if (started.existing) return started.existing
    await deps.confirmPayment({
      userId,
      amountFen: input.amountFen,
      purpose: 'TOPUP',
      countsAgainstBalanceLimit: false,
      method: input.method,
      ...(input.smsCode ? { smsCode: input.smsCode } : {}),
    })
    const row = await insertOperation(userId, 'TOPUP', input, started.card, {
      feeFen: 0,
      freeQuotaUsedFen: 0,
    })
    if (!('user_id' in row)) return row
    const clearing = await platformAccount(`bank_clearing:${row.bank_code.toLowerCase()}`)
    const hold = await deps.ledger.createTransfer({
      kind: 'pending',
      idempotencyKey: `op:${row.id}:hold`,
      code: 'TOPUP',
      legs: [
        {
          debitAccountId: clearing.id,
          creditAccountId: (await balanceAccount(userId)).id,
          amountFen: input.amountFen,
        },
      ],
      metadata: { op: row.id },
    })
    await db
      .updateTable('wallet_operations')
      .set({ hold_transfer_id: hold.transferId })
      .where('id', '=', row.id)
      .execute()
    return sendToBank(row.id, started.card.cardNumber)
  }

  async function withdraw(userId: string, input: MoneyRequestInput): Promise<Operation> {
    const started = await startOperation(userId, 'WITHDRAW', input)
    if (started.existing) return started.existing
    const fee = await quote(userId, input.amountFen)
    await deps.confirmPayment({
      userId,
      amountFen: fee.totalDebitFen,
      purpose: 'WITHDRAW',
      countsAgainstBalanceLimit: false,
      method: input.method,
      ...(input.smsCode ? { smsCode: input.smsCode } : {}),
    })
    const row = await insertOperation(userId, 'WITHDRAW', input, started.card, fee)
    if (!('user_id' in row)) return row
    const balance = await balanceAccount(userId)
    const clearing = await platformAccount(`bank_clearing:${row.bank_code.toLowerCase()}`)
    const legs = [
      { debitAccountId: balance.id, creditAccountId: clearing.id, amountFen: input.amountFen },
    ]
    if (fee.feeFen > 0)
      legs.push({
        debitAccountId: balance.id,
        creditAccountId: (await platformAccount('fees')).id,
        amountFen: fee.feeFen,
      })
    try {
      // Funds are held at once: the balance shows them as pending until the bank answers.
      const hold = await deps.ledger.createTransfer({
        kind: 'pending',
        idempotencyKey: `op:${row.id}:hold`,
        code: 'WITHDRAW',
        legs,
        metadata: { op: row.id },
      })
      await db
        .updateTable('wallet_operations')
        .set({ hold_transfer_id: hold.transferId })
        .where('id', '=', row.id)
        .execute()
    } catch (error) {
      if (error instanceof DomainError)
        await finish(row.id, 'FAILED', { code: error.code, details: error.details })
      throw error
    }
    return sendToBank(row.id, started.card.cardNumber)
  }

  async function sendToBank(operationId: string, cardNumber: string): Promise<Operation> {
    const row = await loadOperation(operationId)
    await db
      .updateTable('wallet_operations')
      .set({ bank_attempts: row.bank_attempts + 1 })
      .where('id', '=', operationId)
      .execute()
    const request = { requestId: row.id, cardNumber, amountFen: Number(row.amount_fen) }
    const result =
      row.kind === 'TOPUP'
        ? await deps.bank.debit({ ...request, purpose: 'TOPUP' })
        : await deps.bank.credit({ ...request, purpose: 'WITHDRAW' })
    return settle(operationId, result)
  }

  /** Applies the bank's answer; idempotent (deterministic ledger keys, conditional status update). */
  async function settle(operationId: string, result: MoneyResult): Promise<Operation> {
    const row = await loadOperation(operationId)
    if (row.status !== 'PROCESSING' || result.outcome === 'UNKNOWN') return toOperation(row)
    const holdId = row.hold_transfer_id
    if (holdId === null) throw new Error(`operation ${operationId} has no hold`)
    if (result.outcome === 'SUCCEEDED') {
      await deps.ledger.createTransfer({
        kind: 'post',
        idempotencyKey: `op:${row.id}:post`,
        pendingId: Number(holdId),
        metadata: { op: row.id, bankRequestId: row.id, bankProcessedAtMs: result.processedAtMs },
      })
      return finish(row.id, 'SUCCEEDED', null)
    }
    await deps.ledger.createTransfer({
      kind: 'void',
      idempotencyKey: `op:${row.id}:void`,
      pendingId: Number(holdId),
      metadata: { op: row.id },
    })
    return finish(row.id, 'FAILED', {
      code: walletCodeForBank(result.code),
      details: publicBankDetails(result.details),
    })
  }

  async function finish(
    operationId: string,
    status: 'SUCCEEDED' | 'FAILED',
    failure: { code: string; details: Record<string, unknown> } | null,
  ): Promise<Operation> {
    const nowMs = deps.clock.nowMs()
    await db
      .updateTable('wallet_operations')
      .set({
        status,
        failure_code: failure?.code ?? null,
        failure_details: failure?.details ?? null,
        updated_at: new Date(nowMs),
        completed_at: new Date(nowMs),
      })
      .where('id', '=', operationId)
      .where('status', '=', 'PROCESSING')
      .execute()
    return toOperation(await loadOperation(operationId))
  }

  async function loadOperation(operationId: string): Promise<OperationRow> {
    const row = await db
      .selectFrom('wallet_operations')
      .selectAll()
      .where('id', '=', operationId)
      .executeTakeFirst()
    if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'operation' })
    return row
  }

  async function getOperation(userId: string, operationId: string): Promise<Operation> {
    const row = await loadOperation(operationId)
    if (row.user_id !== userId) throw new DomainError('NOT_FOUND', { resource: 'operation' })
    return toOperation(row)
  }

  async function listOperations(
    userId: string,
    page: { limit?: number; beforeMs?: number } = {},
  ): Promise<Operation[]> {
    let query = db.selectFrom('wallet_operations').selectAll().where('user_id', '=', userId)
    if (page.beforeMs !== undefined) query = query.where('created_at', '<', new Date(page.beforeMs))
    const rows = await query
      .orderBy('created_at', 'desc')
      .limit(Math.min(page.limit ?? 20, 100))
      .execute()
    return rows.map(toOperation)
  }

  /**
   * Drives operations whose request did not finish (bank timeout, crash): asks the bank what
   * happened to the request id, re-sends it when the bank never saw it (the bank is idempotent
   * by request id, so this can never move money twice), and settles the hold accordingly.
   */
  async function resolveProcessing(
    options: { olderThanMs?: number; limit?: number } = {},
  ): Promise<number> {
    const cutoff = new Date(deps.clock.nowMs() - (options.olderThanMs ?? rules.resolveAfterMs))
    const rows = await db
      .selectFrom('wallet_operations')
      .selectAll()
      .where('status', '=', 'PROCESSING')
      .where('created_at', '<=', cutoff)
      .orderBy('created_at')
      .limit(options.limit ?? 100)
      .execute()
    let settled = 0
    for (const row of rows) {
      try {
        const after = await resolveOne(row)
        if (after.status !== row.status) settled += 1
      } catch (error) {
        // One operation that cannot be settled now must not hold up the others; it stays
        // PROCESSING and is tried again on the next sweep.
        deps.onResolveError?.(row.id, error)
      }
    }
    return settled
  }

  async function resolveOne(row: OperationRow): Promise<Operation> {
    if (row.hold_transfer_id === null) {
      // Crashed before the hold was recorded: the bank was never called. Release any hold.
      const hold = await deps.ledger.findTransferByKey(`op:${row.id}:hold`)
      if (hold !== undefined && (await deps.ledger.isPending(hold.id))) {
        await deps.ledger.createTransfer({
          kind: 'void',
          idempotencyKey: `op:${row.id}:void`,
          pendingId: hold.id,
        })
      }
      return finish(row.id, 'FAILED', { code: 'SYSTEM_BUSY', details: {} })
    }
    const status = await deps.bank.getRequest(row.id)
    if (status.outcome === 'NOT_FOUND') {
      const card = await deps.cards.cardForBank(row.user_id, row.card_id, { includeUnbound: true })
      return sendToBank(row.id, card.cardNumber)
    }
    return settle(row.id, status)
  }

  return {
    getBalance,
    quote,
    topUp,
    withdraw,
    getOperation,
    listOperations,
    resolveProcessing,
    balanceAccount,
  }
}

function requestHash(kind: string, input: MoneyRequestInput): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, input.cardId, input.amountFen]))
    .digest('base64url')
    .slice(0, 22)
}

export type WalletService = ReturnType<typeof createWalletService>
