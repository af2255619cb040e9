/** The balance (零钱), the withdrawal quote, top-up and withdrawal. */
import { type Static, Type } from 'typebox'
import { AmountFen, Count, Fen, Id, strict } from './common.ts'
import { PaymentAuthorization } from './confirmation.ts'
import { Limits } from './security.ts'

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

const ClassRule = Type.Object({
  accountClass: Type.Integer({ minimum: 1, maximum: 3 }),
  period: Type.Enum(['LIFETIME', 'YEAR']),
  limitFen: Fen(),
})

/**
 * Every limit a page can check before asking for the payment password: per operation, today's
 * remaining top-up and withdrawal, the balance, the free withdrawal quota, and the account
 * class (its balance-payment limit that binds first, and the rule of each class).
 */
export const MoneyLimits = Type.Object({
  operationAmountFenMax: Fen(),
  topUpDailyLimitFen: Fen(),
  topUpDailyRemainingFen: Fen(),
  withdrawDailyLimitFen: Fen(),
  withdrawDailyRemainingFen: Fen(),
  withdrawFreeQuotaFen: Fen(),
  withdrawFreeQuotaRemainingFen: Fen(),
  availableFen: Fen(),
  accountClass: Limits,
  /** Balance payments over every account of the ID number: this year, and since opening. */
  balancePayments: Type.Object({ yearUsedFen: Fen(), lifetimeUsedFen: Fen() }),
  classes: Type.Array(ClassRule),
  /** 16- and 17-year-olds: a yearly cap on top of the class. */
  minorYearLimitFen: Fen(),
  adultAgeYears: Count(),
})
export type MoneyLimits = Static<typeof MoneyLimits>
