/** One user's money for operators (GET /api/v1/admin/users/:userId/money). */
import type { CardsService } from '../../modules/cards/index.ts'
import type { OpsService } from '../../modules/ops/index.ts'
import type { WalletService } from '../../modules/wallet/index.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { UserParams } from '../contract/admin.ts'
import { UserMoney } from '../contract/admin-money.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import type { HttpApp } from '../server.ts'
import { toOperationView } from './operations.ts'

export interface AdminMoneyRoutesDeps {
  ops: OpsService
  wallet: WalletService
  cards: CardsService
}

export async function adminMoneyRoutes(app: HttpApp, deps: AdminMoneyRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/admin/users/:userId/money',
    {
      schema: {
        tags: ['admin'],
        summary: "A user's balance, bound cards (bank + last 4) and newest 20 money movements",
        params: UserParams,
        response: { 200: UserMoney, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, deps.ops)
      const { wallet, cards } = deps
      const money = await deps.ops.getUserMoney(operator, request.params.userId, { wallet, cards })
      return {
        balance: money.balance,
        // Only what the card view names: never the number, the phone or the holder.
        cards: money.cards.map((card) => ({
          id: card.id,
          bankCode: card.bankCode,
          bankName: card.bankName,
          cardType: card.cardType,
          last4: card.last4,
          isDefault: card.isDefault,
          createdAtMs: card.createdAtMs,
        })),
        operations: money.operations.map(toOperationView),
      }
    },
  )
}
