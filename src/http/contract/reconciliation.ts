/** The daily reconciliation report operators read. */
import { type Static, Type } from 'typebox'
import { Count, Fen, Nullable } from './common.ts'

export const MISMATCH_PROBLEMS = ['MISSING_IN_WALLET', 'MISSING_AT_BANK', 'AMOUNT_DIFFERS'] as const
export const MismatchProblem = Type.Enum(MISMATCH_PROBLEMS)
export type MismatchProblem = Static<typeof MismatchProblem>

export const Mismatch = Type.Object({
  requestId: Type.String(),
  problem: MismatchProblem,
  walletAmountFen: Nullable(Fen()),
  bankAmountFen: Nullable(Fen()),
})
export type Mismatch = Static<typeof Mismatch>

export const MatchedMovement = Type.Object({ requestId: Type.String(), amountFen: Fen() })
export type MatchedMovement = Static<typeof MatchedMovement>

export const ReconciliationQuery = Type.Object({
  date: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })),
})

/** A Shanghai day's bank movements, the wallet's and the banks' statements side by side. */
export const ReconciliationReport = Type.Object({
  date: Type.String(),
  walletMovements: Count(),
  bankMovements: Count(),
  matched: Count(),
  mismatches: Type.Array(Mismatch),
  /** Matched movements by request id (the first 500 of a busy day). */
  matchedMovements: Type.Array(MatchedMovement),
  totals: Type.Object({
    /** All the day's wallet movements, matched or not; bankFen the same at the bank. */
    walletFen: Fen(),
    bankFen: Fen(),
    matchedFen: Fen(),
  }),
})
export type ReconciliationReport = Static<typeof ReconciliationReport>
