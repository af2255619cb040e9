/** The admin console's landing page: what needs an operator's attention now. */
import { type Static, Type } from 'typebox'
import { Count, Nullable, TimestampMs } from './common.ts'

export const AdminOverview = Type.Object({
  pendingAppeals: Count(),
  /** Background jobs that failed for good; null when this server runs no job runner. */
  failedJobs: Nullable(Count()),
  reconciliation: Type.Object({
    /** Today, Shanghai time. */
    date: Type.String(),
    /** Mismatched movements so far today; null when the bank's statement could not be read. */
    mismatches: Nullable(Count()),
  }),
  ledger: Type.Object({
    ok: Type.Boolean(),
    /** Broken invariants found (each rule lists at most 20). */
    problems: Count(),
    checkedAtMs: TimestampMs(),
  }),
})
export type AdminOverview = Static<typeof AdminOverview>
