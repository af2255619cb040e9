/**
 * @module reconciliation
 * Compares the wallet's bank-clearing movements for a day with the bank's statement for the
 * same day: every bank request the wallet posted must be in the statement as SUCCEEDED with
 * the same amount, and the other way round. Days are Shanghai calendar days of the bank's
 * processing time, which the wallet records on every posted bank movement.
 */
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Ledger, Transfer } from '../ledger/index.ts'
import { CLEARING_BANKS, PLATFORM_OWNER_ID } from '../platform/index.ts'
import { shanghaiDate, shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'

export type MismatchProblem = 'MISSING_IN_WALLET' | 'MISSING_AT_BANK' | 'AMOUNT_DIFFERS'

export interface Mismatch {
  requestId: string
  problem: MismatchProblem
  walletAmountFen: number | null
  bankAmountFen: number | null
}

/** A movement both sides record with the same amount. */
export interface MatchedMovement {
  requestId: string
  amountFen: number
}

export interface ReconciliationTotals {
  /** Every wallet movement of the day, matched or not. */
  walletFen: number
  /** Every bank movement of the day, matched or not. */
  bankFen: number
  matchedFen: number
}

export interface ReconciliationReport {
  date: string
  walletMovements: number
  bankMovements: number
  matched: number
  mismatches: Mismatch[]
  /** The matched movements by request id, at most MATCHED_MOVEMENTS_LISTED_MAX of them. */
  matchedMovements: MatchedMovement[]
  totals: ReconciliationTotals
}

/** A busy day has many thousands of matched movements; the report lists the first ones. */
export const MATCHED_MOVEMENTS_LISTED_MAX = 500

const DAY_MS = 24 * 3600_000
/** Transfers read per page; a day is read page by page. */
const PAGE_SIZE = 2_000

export async function reconcileDay(
  deps: { ledger: Ledger; bank: BankConnector },
  date: string,
): Promise<ReconciliationReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    throw new Error(`not a date: ${date}`)
  const clearingIds: number[] = []
  for (const bank of CLEARING_BANKS) {
    const account = await deps.ledger.findAccount({
      ownerKind: 'platform',
      ownerId: PLATFORM_OWNER_ID,
      purpose: `bank_clearing:${bank}`,
      currency: 'CNY',
    })
    if (account !== undefined) clearingIds.push(account.id)
  }
  const wallet = await walletMovements(deps.ledger, clearingIds, date)
  const bank = new Map<string, number>()
  for (const entry of await deps.bank.statement(date)) {
    if (entry.status === 'SUCCEEDED' && entry.kind !== 'REPAYMENT')
      bank.set(entry.requestId, entry.amountFen)
  }
  const mismatches: Mismatch[] = []
  const matchedMovements: MatchedMovement[] = []
  let matched = 0
  let matchedFen = 0
  for (const [requestId, walletAmountFen] of wallet) {
    const bankAmountFen = bank.get(requestId)
    if (bankAmountFen === undefined)
      mismatches.push({
        requestId,
        problem: 'MISSING_AT_BANK',
        walletAmountFen,
        bankAmountFen: null,
      })
    else if (bankAmountFen !== walletAmountFen)
      mismatches.push({ requestId, problem: 'AMOUNT_DIFFERS', walletAmountFen, bankAmountFen })
    else {
      matched += 1
      matchedFen += walletAmountFen
      if (matchedMovements.length < MATCHED_MOVEMENTS_LISTED_MAX)
        matchedMovements.push({ requestId, amountFen: walletAmountFen })
    }
  }
  for (const [requestId, bankAmountFen] of bank) {
    if (!wallet.has(requestId))
      mismatches.push({
        requestId,
        problem: 'MISSING_IN_WALLET',
        walletAmountFen: null,
        bankAmountFen,
      })
  }
  const totals = { walletFen: sum(wallet.values()), bankFen: sum(bank.values()), matchedFen }
  matchedMovements.sort((a, b) => a.requestId.localeCompare(b.requestId))
  return {
    date,
    walletMovements: wallet.size,
    bankMovements: bank.size,
    matched,
    mismatches,
    matchedMovements,
    totals,
  }
}

function sum(amounts: Iterable<number>): number {
  let total = 0
  for (const amountFen of amounts) total += amountFen
  return total
}

/** requestId → amount moved through a clearing account, for bank movements of `date`. */
async function walletMovements(
  ledger: Ledger,
  clearingIds: number[],
  date: string,
): Promise<Map<string, number>> {
  const movements = new Map<string, number>()
  if (clearingIds.length === 0) return movements
  const { startMs, endMs } = shanghaiDayRangeMs(date)
  // Posted a little after the bank processed it (or resolved later): read a wider window and
  // keep what the bank processed on `date`.
  let afterId = 0
  for (;;) {
    const page: Transfer[] = await ledger.listPostedTransfers({
      accountIds: clearingIds,
      fromMs: startMs - DAY_MS,
      toMs: endMs + DAY_MS,
      afterId,
      limit: PAGE_SIZE,
    })
    for (const transfer of page) {
      const requestId = transfer.metadata?.bankRequestId
      const processedAtMs = transfer.metadata?.bankProcessedAtMs
      if (typeof requestId !== 'string' || typeof processedAtMs !== 'number') continue
      if (shanghaiDate(processedAtMs) !== date) continue
      const clearingFen = transfer.legs
        .filter(
          (leg) =>
            clearingIds.includes(leg.debitAccountId) || clearingIds.includes(leg.creditAccountId),
        )
        .reduce((sum, leg) => sum + leg.amountFen, 0)
      movements.set(requestId, (movements.get(requestId) ?? 0) + clearingFen)
    }
    if (page.length < PAGE_SIZE) break
    afterId = (page.at(-1) as Transfer).id
  }
  return movements
}
