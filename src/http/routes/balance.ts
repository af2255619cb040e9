/** The balance (零钱): what it holds, the withdrawal quote, top-up and withdrawal. */
import type { IdentityService, SecurityService } from '../../modules/identity/index.ts'
import type { WalletService } from '../../modules/wallet/index.ts'
import { authenticate } from '../auth.ts'
import {
  Balance,
  MoneyLimits,
  MoneyRequest,
  WithdrawalQuote,
  WithdrawalQuoteQuery,
} from '../contract/balance.ts'
import { AUTH_ERRORS, BANK_ERRORS } from '../contract/common.ts'
import { OperationView } from '../contract/operations.ts'
import type { HttpApp } from '../server.ts'
import { toOperationView } from './operations.ts'

const tags = ['balance']

export interface BalanceRoutesDeps {
  identity: IdentityService
  wallet: WalletService
  security: Pick<SecurityService, 'limits' | 'balanceUsage' | 'rules'>
}

export async function balanceRoutes(app: HttpApp, deps: BalanceRoutesDeps): Promise<void> {
  await balanceReadRoutes(app, deps)
  await moneyLimitsRoute(app, deps)
  await moneyMovingRoutes(app, deps)
}

/** GET /me/money-limits: what the amount pages check before the PIN, and the limits page. */
async function moneyLimitsRoute(
  app: HttpApp,
  { identity, wallet, security }: BalanceRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/me/money-limits',
    {
      schema: {
        tags,
        summary: 'Every limit on my money: per operation, today, the free quota, the class',
        response: { 200: MoneyLimits, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const [walletLimits, balance, classLimits, balancePayments] = await Promise.all([
        wallet.limits(user.id),
        wallet.getBalance(user.id),
        security.limits(user.id),
        security.balanceUsage(user.id),
      ])
      const rules = security.rules()
      const classes = ([1, 2, 3] as const).map((accountClass) => ({
        accountClass,
        ...rules.classLimits[accountClass],
      }))
      return {
        ...walletLimits,
        availableFen: balance.availableFen,
        accountClass: classLimits,
        balancePayments,
        classes,
        minorYearLimitFen: rules.minorYearLimitFen,
        adultAgeYears: rules.adultAgeYears,
      }
    },
  )
}

async function balanceReadRoutes(
  app: HttpApp,
  { identity, wallet }: BalanceRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/me/balance',
    {
      schema: {
        tags,
        summary: 'The balance (零钱) in fen',
        response: { 200: Balance, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return wallet.getBalance(user.id)
    },
  )

  app.get(
    '/api/v1/me/withdrawals/quote',
    {
      schema: {
        tags,
        summary: 'Fee and arrival estimate for a withdrawal, before confirming',
        querystring: WithdrawalQuoteQuery,
        response: { 200: WithdrawalQuote, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return wallet.quote(user.id, request.query.amountFen)
    },
  )
}

async function moneyMovingRoutes(
  app: HttpApp,
  { identity, wallet }: BalanceRoutesDeps,
): Promise<void> {
  for (const kind of ['top-ups', 'withdrawals'] as const) {
    app.post(
      `/api/v1/me/${kind}`,
      {
        schema: {
          tags,
          summary:
            kind === 'top-ups'
              ? 'Top up the balance from a bound debit card'
              : 'Withdraw to a bound debit card (fee shown by the quote)',
          body: MoneyRequest,
          response: { 200: OperationView, ...BANK_ERRORS },
        },
      },
      async (request) => {
        const { user } = await authenticate(request, identity)
        const { body } = request
        const input = {
          idempotencyKey: body.idempotencyKey,
          cardId: body.cardId,
          amountFen: body.amountFen,
          method: body.method,
          ...(body.smsCode ? { smsCode: body.smsCode } : {}),
        }
        const operation =
          kind === 'top-ups'
            ? await wallet.topUp(user.id, input)
            : await wallet.withdraw(user.id, input)
        return toOperationView(operation)
      },
    )
  }
}
