/** A user's money in the admin console: balance, cards (bank + last 4), recent movements. */
import { type Static, Type } from 'typebox'
import { Balance } from './balance.ts'
import { CardView } from './cards.ts'
import { OperationView } from './operations.ts'

export const UserMoney = Type.Object({
  balance: Balance,
  cards: Type.Array(CardView),
  /** The newest top-ups and withdrawals, newest first (at most 20). */
  operations: Type.Array(OperationView),
})
export type UserMoney = Static<typeof UserMoney>
