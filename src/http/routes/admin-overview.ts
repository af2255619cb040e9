/**
 * The console's overview: pending appeals, failed jobs (when a job runner is wired in), today's
 * reconciliation mismatches and the ledger check. Counts only, so every role may read it.
 */
import { type BankConnector, BankUnreachableError } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Ledger, LedgerCheckReport } from '../../modules/ledger/index.ts'
import type { OpsService } from '../../modules/ops/index.ts'
import { reconcileDay } from '../../modules/reconciliation/index.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { AdminOverview } from '../contract/admin-overview.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import type { HttpApp } from '../server.ts'

/** The ledger check reads every account and entry: at most once per this long. */
export const LEDGER_CHECK_MAX_AGE_MS = 5 * 60_000

export interface AdminOverviewRoutesDeps {
  ops: OpsService
  ledger: Ledger
  bank: BankConnector
  clock: Clock
  /** Jobs that failed for good (the job runner's); omitted, the overview shows no such tile. */
  countFailedJobs?: () => Promise<number>
}

interface CheckedLedger {
  report: LedgerCheckReport
  checkedAtMs: number
}

async function mismatchesToday(deps: AdminOverviewRoutesDeps, date: string) {
  try {
    const report = await reconcileDay({ ledger: deps.ledger, bank: deps.bank }, date)
    return report.mismatches.length
  } catch (error) {
    // The bank's statement is unreachable: the tile says so instead of failing the page.
    if (error instanceof BankUnreachableError) return null
    throw error
  }
}

export async function adminOverviewRoutes(
  app: HttpApp,
  deps: AdminOverviewRoutesDeps,
): Promise<void> {
  let lastCheck: CheckedLedger | undefined
  async function ledgerCheck(): Promise<CheckedLedger> {
    const nowMs = deps.clock.nowMs()
    if (lastCheck === undefined || nowMs - lastCheck.checkedAtMs >= LEDGER_CHECK_MAX_AGE_MS) {
      lastCheck = { report: await deps.ledger.check(), checkedAtMs: nowMs }
    }
    return lastCheck
  }

  app.get(
    '/api/v1/admin/overview',
    {
      schema: {
        tags: ['admin'],
        summary: 'What needs attention: pending appeals, failed jobs, mismatches, ledger check',
        description: `The ledger check is reused for ${LEDGER_CHECK_MAX_AGE_MS / 60_000} minutes.`,
        response: { 200: AdminOverview, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, deps.ops)
      const date = shanghaiDate(deps.clock.nowMs())
      const [pendingAppeals, failedJobs, mismatches, checked] = await Promise.all([
        deps.ops.countPendingAppeals(operator),
        deps.countFailedJobs === undefined ? null : deps.countFailedJobs(),
        mismatchesToday(deps, date),
        ledgerCheck(),
      ])
      return {
        pendingAppeals,
        failedJobs,
        reconciliation: { date, mismatches },
        ledger: {
          ok: checked.report.ok,
          problems: checked.report.problems.length,
          checkedAtMs: checked.checkedAtMs,
        },
      }
    },
  )
}
