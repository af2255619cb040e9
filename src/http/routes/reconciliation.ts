/** Operators read the daily reconciliation report (the same as `lingqian reconcile`). */
import { type BankConnector, BankUnreachableError } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Ledger } from '../../modules/ledger/index.ts'
import type { OpsService } from '../../modules/ops/index.ts'
import { reconcileDay } from '../../modules/reconciliation/index.ts'
import { isCalendarDate } from '../../shared/calendar-date.ts'
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS, ErrorBody } from '../contract/common.ts'
import { ReconciliationQuery, ReconciliationReport } from '../contract/reconciliation.ts'
import type { HttpApp } from '../server.ts'

export interface ReconciliationRoutesDeps {
  ops: OpsService
  ledger: Ledger
  bank: BankConnector
  clock: Clock
}

export async function reconciliationRoutes(
  app: HttpApp,
  deps: ReconciliationRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/admin/reconciliation',
    {
      schema: {
        tags: ['admin'],
        summary: "Compare a day's bank movements with the banks' statements (Shanghai date)",
        querystring: ReconciliationQuery,
        response: { 200: ReconciliationReport, ...AUTH_ERRORS, 503: ErrorBody },
      },
    },
    async (request) => {
      await authenticateOperator(request, deps.ops)
      const today = shanghaiDate(deps.clock.nowMs())
      const date = request.query.date ?? today
      if (!isCalendarDate(date)) {
        throw new DomainError('INVALID_REQUEST', {
          reason: 'date must be a calendar date YYYY-MM-DD (1970–9999), e.g. 2026-02-28',
          fields: ['/date'],
        })
      }
      // A day that has not begun has no movements; "0 mismatches" would read as a clean bill.
      if (date > today) {
        throw new DomainError('RECONCILIATION_DATE_IN_FUTURE', { date, today, fields: ['/date'] })
      }
      try {
        return await reconcileDay({ ledger: deps.ledger, bank: deps.bank }, date)
      } catch (error) {
        // The statement could not be fetched (bank down, network): say so, not a 500.
        if (error instanceof BankUnreachableError) throw new DomainError('BANK_UNAVAILABLE')
        throw error
      }
    },
  )
}
