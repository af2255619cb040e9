/** The balance (零钱), the withdrawal quote, top-up and withdrawal. */
import { type Static, Type } from 'typebox'
import { AmountFen, Count, Fen, Id, strict } from './common.ts'
import { PaymentAuthorization } from './confirmation.ts'

export const Balance = Type.Object({
  balanceFen: Fen(),
  availableFen: Fen(),
  pendingInFen: Fen(),
  pendingOutFen: Fen(),
})
export type Balance = Static<typeof Balance>

export const WithdrawalQuoteQuery = Type.Object({ amountFen: AmountFen() })

export const WithdrawalQuote = Type.Object({
  amountFen: Fen(),
  feeFen: Fen(),
  freeQuotaUsedFen: Fen(),
  freeQuotaRemainingFen: Fen(),
  totalDebitFen: Fen(),
  arrivalHours: Count(),
})
export type WithdrawalQuote = Static<typeof WithdrawalQuote>

/** The body of a top-up and of a withdrawal (retry with the same idempotencyKey). */
export const MoneyRequest = Type.Object(
  {
    idempotencyKey: Type.String({ minLength: 1, maxLength: 64 }),
    cardId: Id,
    amountFen: AmountFen(),
    ...PaymentAuthorization,
  },
  strict,
)
export type MoneyRequest = Static<typeof MoneyRequest>
