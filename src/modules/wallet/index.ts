/**
 * @module wallet
 * The balance (零钱): top-up, withdrawal (with the fee rule and free quota), the balance and its
 * record list, and the resolver that settles operations a bank left unanswered. Both money
 * movements are two-phase around the bank call: the ledger holds the money first (pending), the
 * bank is asked with the operation id as its idempotent request id, and the hold is posted or
 * voided by the bank's answer.
 *
 * @example
 * const wallet = createWalletService({ database: db, clock, ledger, cards, bank, confirmPayment })
 * const operation = await wallet.topUp(userId, { idempotencyKey, cardId, amountFen: 10_000, method })
 */
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { CardsService } from '../cards/index.ts'
import type { Ledger } from '../ledger/index.ts'
import { createQuota } from '../quota/index.ts'
import { balanceAccount, getBalance } from './accounts.ts'
import { resolveProcessing } from './bank-operation.ts'
import {
  type ConfirmPayment,
  DEFAULT_WALLET_RULES,
  type MoneyRequestInput,
  type WalletContext,
  type WalletDb,
  type WalletRules,
} from './context.ts'
import { walletLimits } from './limits.ts'
import { backfillRecords, type OperationRecords } from './operation-records.ts'
import { getOperation, listOperations } from './operation-rows.ts'
import { topUp } from './top-up.ts'
import { quote, withdraw } from './withdrawal.ts'

export {
  type ConfirmPayment,
  DEFAULT_WALLET_RULES,
  type MoneyRequestInput,
  type WalletRules,
} from './context.ts'
export { quoteWithdrawal, type WithdrawalQuote } from './fees.ts'
export type { WalletLimits } from './limits.ts'
export { OPERATION_PAGE_SIZE_MAX, type Operation } from './operation-rows.ts'

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
  /** Where each operation's 账单 record is written (records.upsert, in its transactions). */
  records?: OperationRecords
}

export function createWalletService(deps: WalletDeps) {
  const ctx: WalletContext = {
    db: deps.database as WalletDb,
    clock: deps.clock,
    ledger: deps.ledger,
    cards: deps.cards,
    bank: deps.bank,
    confirmPayment: deps.confirmPayment,
    quota: createQuota({ db: deps.database, clock: deps.clock }),
    rules: { ...DEFAULT_WALLET_RULES, ...deps.rules },
    balanceAccounts: new Map(),
    ...(deps.onResolveError ? { onResolveError: deps.onResolveError } : {}),
    ...(deps.records ? { records: deps.records } : {}),
  }
  return {
    getBalance: (userId: string) => getBalance(ctx, userId),
    quote: (userId: string, amountFen: number) => quote(ctx, userId, amountFen),
    /** Per-operation maximum, today's remaining top-up/withdrawal, the free quota left. */
    limits: (userId: string) => walletLimits(ctx, userId),
    topUp: (userId: string, input: MoneyRequestInput) => topUp(ctx, userId, input),
    withdraw: (userId: string, input: MoneyRequestInput) => withdraw(ctx, userId, input),
    getOperation: (userId: string, operationId: string) => getOperation(ctx, userId, operationId),
    listOperations: (userId: string, page?: { limit?: number; beforeMs?: number }) =>
      listOperations(ctx, userId, page),
    /** See bank-operation.ts: settles PROCESSING operations older than `olderThanMs`. */
    resolveProcessing: (options?: { olderThanMs?: number; limit?: number }) =>
      resolveProcessing(ctx, options),
    balanceAccount: (userId: string) => balanceAccount(ctx, userId),
    /** Writes the 账单 record of every past operation that has none (idempotent; upgrades). */
    backfillRecords: () => backfillRecords(ctx),
  }
}

export type WalletService = ReturnType<typeof createWalletService>
