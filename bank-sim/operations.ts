/**
 * @module operations
 * What a bank decides, as pure functions of the books and the time: card checks, debits,
 * credits and repayments. They read `BankState` and return an outcome; `bank.ts` journals and
 * applies it. Keeping decisions pure makes the rules easy to read in one place.
 */
import type { BankCardRecord, CardState } from '../demo/cards.ts'
import { assert, assertAmountFen } from './assert.ts'
import { BANK_QUICK_PAY_LIMITS, issuingBank } from './banks.ts'
import { BankError, type BankErrorCode } from './errors.ts'
import type {
  BankState,
  CardChanges,
  DebitPurpose,
  CreditPurpose,
  ProcessedRequest,
  RequestKind,
} from './state.ts'
import { isCardExpired, shanghaiDate } from './time.ts'

/** No balance may grow past 10^15 fen (10 trillion yuan), far inside safe integers. */
export const BALANCE_FEN_MAX = 1_000_000_000_000_000

export interface VerifyInput {
  cardNumber: string
  holderName: string
  idNumber: string
  phone: string
  expiry?: string
  cvn?: string
}

interface MoneyInputCommon {
  requestId: string
  cardNumber: string
  amountFen: number
}

export type MoneyInput =
  | (MoneyInputCommon & { kind: 'DEBIT'; purpose: DebitPurpose })
  | (MoneyInputCommon & { kind: 'CREDIT'; purpose: CreditPurpose })
  | (MoneyInputCommon & { kind: 'REPAYMENT'; purpose: 'REPAYMENT' })

const STATE_ERROR: Record<Exclude<CardState, 'ACTIVE'>, BankErrorCode> = {
  CANCELLED: 'CARD_CANCELLED',
  EXPIRED: 'CARD_EXPIRED',
  ONLINE_DISABLED: 'CARD_ONLINE_DISABLED',
  LOCAL_ONLY: 'CARD_LOCAL_ONLY',
  FROZEN: 'CARD_FROZEN',
}

/**
 * States that stop money arriving on the card. Online-disabled and local-only cards restrict how
 * the card spends, not what the account receives, so withdrawals and refunds still land.
 * (Simplification: a frozen card here is fully frozen, both ways.)
 */
const STATES_REFUSING_CREDITS: ReadonlySet<CardState> = new Set(['CANCELLED', 'EXPIRED', 'FROZEN'])

/** The card's state as of now: an active credit card past its printed expiry is expired. */
export function effectiveCardState(card: BankCardRecord, nowMs: number): CardState {
  if (card.state === 'ACTIVE' && card.cardType === 'CREDIT' && isCardExpired(card.expiry, nowMs)) {
    return 'EXPIRED'
  }
  return card.state
}

/** The held card, or the error a bank gives for a number it does not hold. */
export function findCard(state: BankState, cardNumber: string): BankCardRecord {
  if (issuingBank(cardNumber) === undefined) throw new BankError('BANK_NOT_FOUND')
  const card = state.cards.get(cardNumber)
  if (card === undefined) throw new BankError('CARD_NOT_FOUND')
  return card
}

/**
 * Four-element check (card, name, ID number, reserved phone) plus expiry and CVN for credit
 * cards. Order: identity first, so a stranger learns nothing about the card's state; then the
 * state, so the holder is not sent to update a phone on a dead card; then the phone.
 */
export function decideVerify(state: BankState, input: VerifyInput, nowMs: number): BankCardRecord {
  const card = findCard(state, input.cardNumber)
  const holder = state.holders.get(card.holderIdNumber)
  assert(holder !== undefined, 'every card has a holder')
  if (card.cardType === 'CREDIT' && (input.expiry === undefined || input.cvn === undefined)) {
    throw new BankError('CREDIT_CARD_DETAILS_REQUIRED')
  }
  const identityMatches =
    input.holderName.trim() === holder.name &&
    input.idNumber.toUpperCase() === holder.idNumber &&
    (card.cardType === 'DEBIT' || (input.expiry === card.expiry && input.cvn === card.cvn))
  if (!identityMatches) throw new BankError('CARD_INFO_MISMATCH')
  const cardState = effectiveCardState(card, nowMs)
  if (cardState !== 'ACTIVE') throw new BankError(STATE_ERROR[cardState])
  if (input.phone !== card.reservedPhone) throw new BankError('CARD_PHONE_MISMATCH')
  return card
}

/** The identity of a money request: a repeat must match it exactly. */
export function requestFingerprint(input: MoneyInput): string {
  return [input.kind, input.purpose, input.cardNumber, input.amountFen].join('|')
}

export function storedFingerprint(request: ProcessedRequest): string {
  return [request.kind, request.purpose, request.cardNumber, request.amountFen].join('|')
}

/**
 * Decides a new money request. Returns the processed request (succeeded or failed) to journal;
 * throws BankError only for requests a bank would not book at all (card of another bank).
 */
export function decideMoney(
  state: BankState,
  input: MoneyInput,
  nowMs: number,
  bankRef: string,
): ProcessedRequest {
  assertAmountFen(input.amountFen, 'amountFen')
  const bankCode = issuingBank(input.cardNumber)
  if (bankCode === undefined) throw new BankError('BANK_NOT_FOUND')
  const base = {
    requestId: input.requestId,
    kind: input.kind,
    purpose: input.purpose,
    cardNumber: input.cardNumber,
    bankCode,
    amountFen: input.amountFen,
    processedAtMs: nowMs,
  }
  const card = state.cards.get(input.cardNumber)
  if (card === undefined) return { ...base, status: 'FAILED', code: 'CARD_NOT_FOUND' }
  try {
    const after = checkAndCompute(state, card, input, nowMs)
    return { ...base, status: 'SUCCEEDED', bankRef, ...after }
  } catch (error) {
    if (!(error instanceof BankError)) throw error
    const failure: ProcessedRequest = { ...base, status: 'FAILED', code: error.code }
    if (Object.keys(error.details).length > 0) failure.details = error.details
    return failure
  }
}

function checkAndCompute(
  state: BankState,
  card: BankCardRecord,
  input: MoneyInput,
  nowMs: number,
): { balanceAfterFen?: number; usedAfterFen?: number } {
  const cardState = effectiveCardState(card, nowMs)
  const kind: RequestKind = input.kind
  if (kind === 'DEBIT') {
    if (input.purpose === 'TOPUP' && card.cardType === 'CREDIT') {
      throw new BankError('NOT_A_DEBIT_CARD')
    }
    if (cardState !== 'ACTIVE') throw new BankError(STATE_ERROR[cardState])
    checkDebitLimits(state, card, input.amountFen, nowMs)
    if (card.cardType === 'DEBIT') {
      if (card.balanceFen < input.amountFen) throw new BankError('INSUFFICIENT_FUNDS')
      return { balanceAfterFen: card.balanceFen - input.amountFen }
    }
    if (card.creditLimitFen - card.usedFen < input.amountFen) {
      throw new BankError('INSUFFICIENT_FUNDS')
    }
    return { usedAfterFen: card.usedFen + input.amountFen }
  }
  // Withdrawals and merchant settlements go to a debit account; refunds may go back to a credit card.
  if (kind === 'CREDIT' && input.purpose !== 'REFUND' && card.cardType === 'CREDIT') {
    throw new BankError('NOT_A_DEBIT_CARD')
  }
  if (kind === 'REPAYMENT' && card.cardType === 'DEBIT') throw new BankError('NOT_A_CREDIT_CARD')
  if (cardState !== 'ACTIVE' && STATES_REFUSING_CREDITS.has(cardState)) {
    throw new BankError(STATE_ERROR[cardState])
  }
  if (card.cardType === 'DEBIT') {
    const balanceAfterFen = card.balanceFen + input.amountFen
    if (balanceAfterFen > BALANCE_FEN_MAX) throw new BankError('ACCOUNT_BALANCE_LIMIT')
    return { balanceAfterFen }
  }
  // Paying in more than is owed leaves an overpayment (溢缴款): used goes below zero.
  const usedAfterFen = card.usedFen - input.amountFen
  if (-usedAfterFen > BALANCE_FEN_MAX) throw new BankError('ACCOUNT_BALANCE_LIMIT')
  return { usedAfterFen }
}

/** Quick-pay limits: the tighter of the holder's card limits and the bank's own. */
function checkDebitLimits(
  state: BankState,
  card: BankCardRecord,
  amountFen: number,
  nowMs: number,
): void {
  const bankLimits = BANK_QUICK_PAY_LIMITS[card.bankCode]
  const singleLimitFen = Math.min(card.singleLimitFen, bankLimits.singleLimitFen)
  const dailyLimitFen = Math.min(card.dailyLimitFen, bankLimits.dailyLimitFen)
  const debitedTodayFen = state.debitedFenOn(card.cardNumber, shanghaiDate(nowMs))
  // What one more debit could be right now, so the wallet can say "at most ¥x more today".
  const remainingFen = Math.max(0, Math.min(singleLimitFen, dailyLimitFen - debitedTodayFen))
  if (amountFen > singleLimitFen) {
    const details = { scope: 'SINGLE', limitFen: singleLimitFen, remainingFen }
    throw new BankError('BANK_LIMIT_EXCEEDED', details)
  }
  if (debitedTodayFen + amountFen > dailyLimitFen) {
    const details = { scope: 'DAILY', limitFen: dailyLimitFen, remainingFen }
    throw new BankError('BANK_LIMIT_EXCEEDED', details)
  }
}

/** Checks an admin change against the card kind and the money rules before it is journaled. */
export function validateCardChanges(card: BankCardRecord, changes: CardChanges): void {
  const invalid = (reason: string): never => {
    throw new BankError('INVALID_REQUEST', { reason })
  }
  if (card.cardType === 'DEBIT') {
    if (changes.creditLimitFen !== undefined || changes.usedFen !== undefined) {
      invalid('a debit card has a balance, not a credit limit or used amount')
    }
  } else {
    if (changes.balanceFen !== undefined) invalid('a credit card has no balance')
    const creditLimitFen = changes.creditLimitFen ?? card.creditLimitFen
    const usedFen = changes.usedFen ?? card.usedFen
    if (usedFen > creditLimitFen) invalid('usedFen must not exceed creditLimitFen')
  }
}
