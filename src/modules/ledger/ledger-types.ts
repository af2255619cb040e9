import type { Currency } from '../../shared/money.ts'

export type OwnerKind = 'user' | 'merchant' | 'platform'
export type AccountStatus = 'active' | 'frozen' | 'closed'

/** Business codes a transfer carries; reports and records group by them. */
export const TRANSFER_CODES = [
  'TOPUP',
  'WITHDRAW',
  'WITHDRAW_FEE',
  'PAYMENT',
  'REFUND',
  'TRANSFER',
  'REDPACKET_SEND',
  'REDPACKET_GRAB',
  'REDPACKET_REFUND',
  'FEE',
  'SETTLEMENT',
  'YIELD',
  'BILL_PAYMENT',
  'CARD_REPAYMENT',
  'ADJUSTMENT',
  'DEMO_FUNDING',
  'BENCH',
  'PROFIT_SHARING',
  'PROFIT_SHARING_RETURN',
] as const
export type TransferCode = (typeof TRANSFER_CODES)[number]

export interface AccountFlags {
  /** A balance that can never go below zero (user balances, escrow). */
  debitsMustNotExceedCredits?: boolean
  /** The mirror image, for accounts that must never hold more than was put against them. */
  creditsMustNotExceedDebits?: boolean
}

export interface OpenAccountRequest extends AccountFlags {
  ownerKind: OwnerKind
  ownerId: string
  /** What the account is for: 'balance', 'lqt' (零钱通), 'merchant_pending', 'bank_clearing:icbc'… */
  purpose: string
  currency: Currency
}

export interface Account {
  id: number
  ownerKind: OwnerKind
  ownerId: string
  purpose: string
  currency: Currency
  status: AccountStatus
  debitsMustNotExceedCredits: boolean
  creditsMustNotExceedDebits: boolean
  createdAtMs: number
}

export interface Balance {
  accountId: number
  currency: Currency
  /** credits_posted − debits_posted: what the account holds (negative for debit-normal ones). */
  postedFen: number
  debitsPendingFen: number
  creditsPendingFen: number
  /** What can be spent now: posted minus money held by pending debits. */
  availableFen: number
  version: number
}

export interface TransferLeg {
  debitAccountId: number
  creditAccountId: number
  amountFen: number
}

interface TransferBase {
  /** Client-chosen and persisted by the caller before submitting; a retry reuses it. */
  idempotencyKey: string
  metadata?: Record<string, string | number | boolean | null>
}

export interface PostedTransferRequest extends TransferBase {
  kind: 'posted'
  code: TransferCode
  legs: TransferLeg[]
}

export interface PendingTransferRequest extends TransferBase {
  kind: 'pending'
  code: TransferCode
  legs: TransferLeg[]
  /** Voided automatically by the expiry sweep after this long. */
  timeoutMs?: number
}

export interface PostPendingRequest extends TransferBase {
  kind: 'post'
  pendingId: number
  /** Post less than was held (single-leg pendings only); omit to post it all. */
  amountFen?: number
}

export interface VoidPendingRequest extends TransferBase {
  kind: 'void' | 'expire'
  pendingId: number
}

export type TransferRequest =
  PostedTransferRequest | PendingTransferRequest | PostPendingRequest | VoidPendingRequest

export interface TransferCreated {
  ok: true
  transferId: number
  createdAtMs: number
  /** True when this was a retry of a transfer that already exists. */
  replayed: boolean
}

export interface TransferFailed {
  ok: false
  code: import('../../shared/errors.ts').ErrorCode
  details: Record<string, unknown>
}

export type TransferOutcome = TransferCreated | TransferFailed

export interface Transfer {
  id: number
  idempotencyKey: string
  kind: 'posted' | 'pending' | 'post' | 'void' | 'expire'
  code: string
  legs: TransferLeg[]
  pendingId: number | null
  timeoutAtMs: number | null
  metadata: Record<string, unknown> | null
  createdAtMs: number
}

export interface Entry {
  accountId: number
  version: number
  transferId: number
  side: 'D' | 'C'
  postedDeltaFen: number
  pendingDeltaFen: number
  balanceAfterFen: number
  debitsPendingAfterFen: number
  creditsPendingAfterFen: number
  createdAtMs: number
}

export interface EntryPage {
  entries: Entry[]
  /** Pass as `beforeVersion` for the next (older) page; null when there is none. */
  nextBeforeVersion: number | null
}
