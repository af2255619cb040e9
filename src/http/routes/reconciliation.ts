/** Operators read the daily reconciliation report (the same as `lingqian reconcile`). */
import { Type } from 'typebox'
import { reconcileDay } from '../../modules/reconciliation/index.ts'
import { BankUnreachableError } from '../../adapters/bank/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS } from '../schemas.ts'
import type { AppServices, HttpApp } from '../server.ts'

const Mismatch = Type.Object({
  requestId: Type.String(),
  problem: Type.Union([
    Type.Literal('MISSING_IN_WALLET'),
    Type.Literal('MISSING_AT_BANK'),
    Type.Literal('AMOUNT_DIFFERS'),
  ]),
  walletAmountFen: Type.Union([Type.Integer(), Type.Null()]),
  bankAmountFen: Type.Union([Type.Integer(), Type.Null()]),
})

export async function reconciliationRoutes(app: HttpApp, services: AppServices): Promise<void> {
  app.get(
    '/api/v1/admin/reconciliation',
    {
      schema: {
        tags: ['admin'],
        summary: "Compare a day's bank movements with the banks' statements (Shanghai date)",
        querystring: Type.Object({
          date: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })),
        }),
        response: {
          200: Type.Object({
            date: Type.String(),
            walletMovements: Type.Integer(),
            bankMovements: Type.Integer(),
            matched: Type.Integer(),
            mismatches: Type.Array(Mismatch),
          }),
          ...AUTH_ERRORS,
          503: AUTH_ERRORS[400],
        },
      },
    },
    async (request) => {
      await authenticateOperator(request, services.ops)
      const date = request.query.date ?? shanghaiDate(services.clock.nowMs())
      try {
        return await reconcileDay({ ledger: services.ledger, bank: services.bank }, date)
      } catch (error) {
        // The statement could not be fetched (bank down, network): say so, not a 500.
        if (error instanceof BankUnreachableError) throw new DomainError('BANK_UNAVAILABLE')
        throw error
      }
    },
  )
}
