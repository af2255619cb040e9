/** Operators read the daily reconciliation report (the same as `lingqian reconcile`). */
import { reconcileDay } from '../../modules/reconciliation/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../modules/wallet/index.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS, ErrorBody } from '../contract/common.ts'
import { ReconciliationQuery, ReconciliationReport } from '../contract/reconciliation.ts'
import type { AppServices, HttpApp } from '../server.ts'

export async function reconciliationRoutes(app: HttpApp, services: AppServices): Promise<void> {
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
      await authenticateOperator(request, services.ops)
      const date = request.query.date ?? shanghaiDate(services.clock.nowMs())
      try {
        return await reconcileDay({ ledger: services.ledger, bank: services.bank }, date)
      } catch (error) {
        // The statement could not be fetched (bank down, network): say so, not a 500.
        if (
          error instanceof TypeError ||
          (error instanceof Error && /statement/.test(error.message))
        ) {
          throw new DomainError('BANK_UNAVAILABLE')
        }
        throw error
      }
    },
  )
}
