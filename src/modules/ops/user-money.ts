/**
 * A user's money as operators see it: the balance, the bound cards (bank and last 4 digits,
 * never the number) and the newest top-ups and withdrawals. Read through the wallet's and the
 * cards' own services; every role may see it (support answers "where is my money?").
 */
import type { Card, CardsService } from '../cards/index.ts'
import type { Operation, WalletService } from '../wallet/index.ts'
import type { OpsContext } from './context.ts'
import type { Operator } from './operators.ts'
import { findUser } from './user-directory.ts'

export const USER_MONEY_OPERATIONS_MAX = 20

export interface MoneySources {
  wallet: Pick<WalletService, 'getBalance' | 'listOperations'>
  cards: Pick<CardsService, 'listCards'>
}

export interface UserMoney {
  balance: Awaited<ReturnType<WalletService['getBalance']>>
  cards: Card[]
  operations: Operation[]
}

/** NOT_FOUND for an unknown id, as the user detail. */
export async function getUserMoney(
  ctx: OpsContext,
  _operator: Operator,
  userId: string,
  sources: MoneySources,
): Promise<UserMoney> {
  const user = await findUser(ctx, userId)
  const [balance, cards, operations] = await Promise.all([
    sources.wallet.getBalance(user.id),
    sources.cards.listCards(user.id),
    sources.wallet.listOperations(user.id, { limit: USER_MONEY_OPERATIONS_MAX }),
  ])
  return { balance, cards, operations }
}
