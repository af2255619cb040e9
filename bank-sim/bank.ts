/**
 * @module bank
 * The simulated banks as one object: the books (`state.ts`), the rules (`operations.ts`), the
 * journal and the clock. Every change goes journal first, then memory, so what was acknowledged
 * is on disk and what failed to reach the disk never happened.
 */
import { BUSINESS_ACCOUNTS } from '../demo/business-accounts.ts'
import { BANK_CARDS, type BankCardRecord } from '../demo/cards.ts'
import { RESIDENTS } from '../demo/residents.ts'
import { assert, assertSafeInteger } from './assert.ts'
import { BANK_QUICK_PAY_LIMITS } from './banks.ts'
import { BankError } from './errors.ts'
import { type Journal, openJournal } from './journal.ts'
import {
  type MoneyInput,
  type VerifyInput,
  decideMoney,
  decideVerify,
  effectiveCardState,
  findCard,
  requestFingerprint,
  storedFingerprint,
  validateCardChanges,
} from './operations.ts'
import {
  BankState,
  type CardChanges,
  type JournalEntry,
  type JournalEvent,
  type ProcessedRequest,
  REQUESTS_MAX,
} from './state.ts'
import { shanghaiDate, shanghaiDateCompact } from './time.ts'

/** Shifting the clock more than ten years either way is a mistake, not a test. */
export const CLOCK_OFFSET_MS_MAX = 10 * 366 * 24 * 60 * 60 * 1000

export interface BankOptions {
  /** Journal directory; without it the books live in memory only. */
  dataDir?: string
  /** Wall clock in epoch ms; the admin clock offset is added to it. */
  clock?: () => number
}

export interface MoneyOutcome {
  request: ProcessedRequest
  /** True when this requestId was processed before and the stored outcome is returned. */
  replayed: boolean
}

export class Bank {
  private readonly state = new BankState()
  private readonly journal: Journal | undefined
  private readonly clock: () => number
  /** Bytes of a torn journal tail dropped at start (reported in the start log). */
  readonly droppedTailBytes: number

  constructor(options: BankOptions = {}) {
    this.clock = options.clock ?? Date.now
    if (options.dataDir === undefined) {
      this.journal = undefined
      this.droppedTailBytes = 0
      for (const entry of seedEntries()) this.state.apply(entry)
      return
    }
    const opened = openJournal(options.dataDir, seedEntries)
    this.journal = opened.journal
    this.droppedTailBytes = opened.droppedTailBytes
    try {
      for (const entry of opened.entries) this.state.apply(entry)
    } catch (error) {
      opened.journal.close()
      throw error
    }
  }

  nowMs(): number {
    const nowMs = this.clock() + this.state.clockOffsetMs
    assertSafeInteger(nowMs, 'simulated now')
    return nowMs
  }

  get clockOffsetMs(): number {
    return this.state.clockOffsetMs
  }

  get journalPath(): string | undefined {
    return this.journal?.path
  }

  close(): void {
    this.journal?.close()
  }

  /** Checks a card for binding; throws BankError on any mismatch. Never stores expiry or CVN. */
  verify(input: VerifyInput): BankCardRecord {
    const nowMs = this.nowMs()
    try {
      const card = decideVerify(this.state, input, nowMs)
      this.record({ type: 'verify', cardNumber: input.cardNumber, code: null, atMs: nowMs })
      return card
    } catch (error) {
      if (error instanceof BankError && error.code !== 'BANK_NOT_FOUND') {
        this.record({ type: 'verify', cardNumber: input.cardNumber, code: error.code, atMs: nowMs })
      }
      throw error
    }
  }

  /** Debits, credits and repayments, idempotent by requestId. */
  processMoney(input: MoneyInput): MoneyOutcome {
    const existing = this.state.requests.get(input.requestId)
    if (existing !== undefined) {
      if (storedFingerprint(existing) !== requestFingerprint(input)) {
        throw new BankError('REQUEST_ID_CONFLICT', { requestId: input.requestId })
      }
      return { request: existing, replayed: true }
    }
    if (this.state.requests.size >= REQUESTS_MAX) throw new BankError('BANK_STORAGE_FULL')
    const nowMs = this.nowMs()
    const seq = this.state.lastSeq + 1
    const bankRef = `${shanghaiDateCompact(nowMs)}${String(seq).padStart(10, '0')}`
    const request = decideMoney(this.state, input, nowMs, `${kindLetter(input)}${bankRef}`)
    this.record({ type: 'request', request })
    return { request, replayed: false }
  }

  getRequest(requestId: string): ProcessedRequest | undefined {
    return this.state.requests.get(requestId)
  }

  /**
   * Everything processed on one Shanghai date, in processing order, one page at a time;
   * `nextOffset` is set while more entries remain.
   */
  statementPage(
    date: string,
    offset: number,
    pageEntriesMax: number,
  ): { requests: ProcessedRequest[]; nextOffset?: number } {
    assert(Number.isSafeInteger(offset) && offset >= 0, 'offset ≥ 0')
    assert(Number.isSafeInteger(pageEntriesMax) && pageEntriesMax > 0, 'page size > 0')
    const all = this.state.requestsOn(date)
    const requests = all.slice(offset, offset + pageEntriesMax)
    const end = offset + requests.length
    return end < all.length ? { requests, nextOffset: end } : { requests }
  }

  cardView(cardNumber: string): Record<string, unknown> {
    const card = findCard(this.state, cardNumber)
    const nowMs = this.nowMs()
    const bankLimits = BANK_QUICK_PAY_LIMITS[card.bankCode]
    const money =
      card.cardType === 'DEBIT'
        ? { balanceFen: card.balanceFen }
        : {
            creditLimitFen: card.creditLimitFen,
            usedFen: card.usedFen,
            availableFen: card.creditLimitFen - card.usedFen,
            expiry: card.expiry,
          }
    return {
      cardNumber: card.cardNumber,
      bankCode: card.bankCode,
      cardType: card.cardType,
      holderIdNumber: card.holderIdNumber,
      reservedPhone: card.reservedPhone,
      state: card.state,
      effectiveState: effectiveCardState(card, nowMs),
      ...money,
      singleLimitFen: card.singleLimitFen,
      dailyLimitFen: card.dailyLimitFen,
      bankSingleLimitFen: bankLimits.singleLimitFen,
      bankDailyLimitFen: bankLimits.dailyLimitFen,
      debitedTodayFen: this.state.debitedFenOn(card.cardNumber, shanghaiDate(nowMs)),
    }
  }

  updateCard(cardNumber: string, changes: CardChanges): Record<string, unknown> {
    const card = findCard(this.state, cardNumber)
    validateCardChanges(card, changes)
    this.record({ type: 'card-update', cardNumber, changes, atMs: this.nowMs() })
    return this.cardView(cardNumber)
  }

  setClockOffset(offsetMs: number): void {
    assertSafeInteger(offsetMs, 'offsetMs')
    assert(Math.abs(offsetMs) <= CLOCK_OFFSET_MS_MAX, 'offsetMs within CLOCK_OFFSET_MS_MAX')
    this.record({ type: 'clock', offsetMs, atMs: this.clock() })
  }

  private record(event: JournalEvent): void {
    const entry: JournalEntry = { ...event, seq: this.state.lastSeq + 1 }
    this.journal?.append([entry])
    this.state.apply(entry)
  }
}

/** Bank references read like `D202611220000000486`: kind letter, date, journal sequence. */
function kindLetter(input: MoneyInput): string {
  return input.kind === 'DEBIT' ? 'D' : input.kind === 'CREDIT' ? 'C' : 'R'
}

/** The demo population as the first journal entries: holders, then their cards; then businesses. */
function seedEntries(): JournalEntry[] {
  const events: JournalEvent[] = [
    ...RESIDENTS.map((resident): JournalEvent => ({
      type: 'holder',
      holder: { name: resident.name, idNumber: resident.idNumber, phone: resident.phone },
    })),
    ...BANK_CARDS.map((card): JournalEvent => ({ type: 'card', card: { ...card } })),
    // Merchants' business accounts (demo/business-accounts.ts): settlement pays into them.
    ...BUSINESS_ACCOUNTS.flatMap((business): JournalEvent[] => [
      {
        type: 'holder',
        holder: { name: business.accountName, idNumber: business.creditCode, phone: '' },
      },
      { type: 'card', card: { ...business.card } },
    ]),
  ]
  return events.map((event, index) => ({ ...event, seq: index + 1 }))
}
