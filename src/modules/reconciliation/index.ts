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

export interface ReconciliationReport {
  date: string
  walletMovements: number
  bankMovements: number
  matched: number
  mismatches: Mismatch[]
}

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
  let matched = 0
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
    else matched += 1
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
  return { date, walletMovements: wallet.size, bankMovements: bank.size, matched, mismatches }
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
