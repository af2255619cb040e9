/** What every wallet function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { CardsService } from '../cards/index.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import type { Quota } from '../quota/index.ts'
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

export type OperationKind = 'TOPUP' | 'WITHDRAW'

export interface MoneyRequestInput {
  idempotencyKey: string
  cardId: string
  amountFen: number
  method: import('../identity/index.ts').ConfirmMethod
  smsCode?: string
}

export type WalletDb = Kysely<WalletTables>

export interface WalletContext {
  db: WalletDb
  clock: Clock
  ledger: Ledger
  cards: CardsService
  bank: BankConnector
  confirmPayment: ConfirmPayment
  /** The daily limits and the free quota are claimed here (limits.ts). */
  quota: Quota
  rules: WalletRules
  /** Users' balance accounts by user id: opened once, never change. */
  balanceAccounts: Map<string, Account>
  /** Told about an operation the resolver could not settle this time (for logs). */
  onResolveError?: (operationId: string, error: unknown) => void
  /** The 账单 records each operation writes in its own transactions (operation-records.ts). */
  records?: import('./operation-records.ts').OperationRecords
}
