/**
 * @module state
 * The simulated banks' books: holders, card accounts and every money request processed. State
 * changes only by applying journal entries, the same way live and on replay, so a restarted
 * simulator rebuilds exactly the books it had.
 */
import { cardLast4 } from '../src/shared/bank-card.ts'
import type { BankCardRecord, CardState } from '../demo/cards.ts'
import { assert, assertAmountFen, assertNever, assertSafeInteger } from './assert.ts'
import type { BankErrorCode, ErrorDetails } from './errors.ts'
import { shanghaiDate } from './time.ts'

export interface Holder {
  name: string
  idNumber: string
  phone: string
}

export type RequestKind = 'DEBIT' | 'CREDIT' | 'REPAYMENT'
export type DebitPurpose = 'TOPUP' | 'PAYMENT'
export type CreditPurpose = 'WITHDRAW' | 'REFUND' | 'SETTLEMENT'
export type Purpose = DebitPurpose | CreditPurpose | 'REPAYMENT'

/** A money request the bank processed, successful or not; kept forever, keyed by requestId. */
export interface ProcessedRequest {
  requestId: string
  kind: RequestKind
  purpose: Purpose
  cardNumber: string
  bankCode: string
  amountFen: number
  status: 'SUCCEEDED' | 'FAILED'
  code?: BankErrorCode
  details?: ErrorDetails
  bankRef?: string
  processedAtMs: number
  /** The card's money after a success: checked on replay so a drifted journal is caught. */
  balanceAfterFen?: number
  usedAfterFen?: number
}

export interface CardChanges {
  state?: CardState
  reservedPhone?: string
  balanceFen?: number
  creditLimitFen?: number
  usedFen?: number
  singleLimitFen?: number
  dailyLimitFen?: number
}

export type JournalEvent =
  | { type: 'holder'; holder: Holder }
  | { type: 'card'; card: BankCardRecord }
  | { type: 'request'; request: ProcessedRequest }
  /** Card checks move no money; they are journaled without the name, ID, phone or CVN. */
  | { type: 'verify'; cardNumber: string; code: BankErrorCode | null; atMs: number }
  | { type: 'card-update'; cardNumber: string; changes: CardChanges; atMs: number }
  | { type: 'clock'; offsetMs: number; atMs: number }

export type JournalEntry = JournalEvent & { seq: number }

/** Bounds the books so a runaway client cannot exhaust memory (each request ~300 bytes). */
export const REQUESTS_MAX = 1_000_000

export class BankState {
  readonly holders = new Map<string, Holder>()
  readonly cards = new Map<string, BankCardRecord>()
  readonly requests = new Map<string, ProcessedRequest>()
  /** requestIds per Shanghai date in processing order, for statements. */
  private readonly requestIdsByDate = new Map<string, string[]>()
  /** Fen debited per card per Shanghai date, for daily limits. */
  private readonly debitedFenByCardDate = new Map<string, number>()
  clockOffsetMs = 0
  lastSeq = 0
  verificationCount = 0

  apply(entry: JournalEntry): void {
    assert(entry.seq === this.lastSeq + 1, `journal seq ${entry.seq} follows ${this.lastSeq}`)
    switch (entry.type) {
      case 'holder':
        assert(!this.holders.has(entry.holder.idNumber), 'holder appears twice')
        this.holders.set(entry.holder.idNumber, { ...entry.holder })
        break
      case 'card':
        assert(!this.cards.has(entry.card.cardNumber), 'card appears twice')
        assert(this.holders.has(entry.card.holderIdNumber), 'card holder must exist')
        this.cards.set(entry.card.cardNumber, { ...entry.card })
        break
      case 'request':
        this.applyRequest(entry.request)
        break
      case 'verify':
        this.verificationCount += 1
        break
      case 'card-update':
        this.applyCardUpdate(entry.cardNumber, entry.changes)
        break
      case 'clock':
        assertSafeInteger(entry.offsetMs, 'clock offsetMs')
        this.clockOffsetMs = entry.offsetMs
        break
      default:
        assertNever(entry, 'journal entry')
    }
    this.lastSeq = entry.seq
  }

  debitedFenOn(cardNumber: string, date: string): number {
    return this.debitedFenByCardDate.get(`${cardNumber}|${date}`) ?? 0
  }

  requestsOn(date: string): ProcessedRequest[] {
    const requestIds = this.requestIdsByDate.get(date) ?? []
    return requestIds.map((requestId) => {
      const request = this.requests.get(requestId)
      assert(request !== undefined, 'indexed request exists')
      return request
    })
  }

  private applyRequest(request: ProcessedRequest): void {
    assert(!this.requests.has(request.requestId), `request ${request.requestId} applied twice`)
    assert(this.requests.size < REQUESTS_MAX, 'request store is full')
    assertAmountFen(request.amountFen, 'request amountFen')
    const date = shanghaiDate(request.processedAtMs)
    this.requests.set(request.requestId, request)
    const sameDay = this.requestIdsByDate.get(date)
    if (sameDay === undefined) this.requestIdsByDate.set(date, [request.requestId])
    else sameDay.push(request.requestId)
    if (request.status === 'FAILED') return

    const card = this.cards.get(request.cardNumber)
    assert(card !== undefined, 'a successful request names a held card')
    // Money leaving the card: a debit. Money arriving: a credit (withdrawal, refund, repayment).
    const signedFen = request.kind === 'DEBIT' ? -request.amountFen : request.amountFen
    if (card.cardType === 'DEBIT') {
      card.balanceFen += signedFen
      assert(card.balanceFen >= 0, `debit card ${cardLast4(card.cardNumber)} went negative`)
      assert(card.balanceFen === request.balanceAfterFen, 'replayed balance matches the journal')
    } else {
      card.usedFen -= signedFen
      assert(card.usedFen <= card.creditLimitFen, 'credit card used stays within its limit')
      assert(card.usedFen === request.usedAfterFen, 'replayed used amount matches the journal')
    }
    if (request.kind === 'DEBIT') {
      const key = `${request.cardNumber}|${date}`
      const debitedFen = (this.debitedFenByCardDate.get(key) ?? 0) + request.amountFen
      this.debitedFenByCardDate.set(key, debitedFen)
    }
  }

  private applyCardUpdate(cardNumber: string, changes: CardChanges): void {
    const card = this.cards.get(cardNumber)
    assert(card !== undefined, 'updated card exists')
    if (changes.state !== undefined) card.state = changes.state
    if (changes.reservedPhone !== undefined) card.reservedPhone = changes.reservedPhone
    if (changes.singleLimitFen !== undefined) card.singleLimitFen = changes.singleLimitFen
    if (changes.dailyLimitFen !== undefined) card.dailyLimitFen = changes.dailyLimitFen
    if (card.cardType === 'DEBIT') {
      assert(changes.creditLimitFen === undefined && changes.usedFen === undefined, 'debit card')
      if (changes.balanceFen !== undefined) card.balanceFen = changes.balanceFen
      assert(Number.isSafeInteger(card.balanceFen) && card.balanceFen >= 0, 'balance ≥ 0')
    } else {
      assert(changes.balanceFen === undefined, 'a credit card has no balance')
      if (changes.creditLimitFen !== undefined) card.creditLimitFen = changes.creditLimitFen
      if (changes.usedFen !== undefined) card.usedFen = changes.usedFen
      assert(card.usedFen <= card.creditLimitFen, 'used stays within the credit limit')
    }
    assertAmountFen(card.singleLimitFen, 'singleLimitFen')
    assertAmountFen(card.dailyLimitFen, 'dailyLimitFen')
  }
}
