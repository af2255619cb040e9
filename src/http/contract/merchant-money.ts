/**
 * The merchant's money: T+1 settlement reports (merchant console 结算, admin overview) and
 * coupon campaigns (merchant console 优惠). Amounts are integer fen.
 */
import { type Static, Type } from 'typebox'
import { Nullable, strict, TimestampMs } from './common.ts'

export const SETTLEMENT_STATUSES = [
  'SETTLING',
  'CARRIED',
  'PAYING',
  'PAID',
  'PAYOUT_FAILED',
] as const
export const SETTLEMENT_PAGE_SIZE_MAX = 100
export const CAMPAIGN_NAME_LENGTH_MAX = 40
export const PER_USER_MAX_LIMIT = 100

const SAFE = Number.MAX_SAFE_INTEGER
/** Signed fen (a carry or a day of refunds may be negative). */
const Fen = (description?: string) =>
  Type.Integer({
    minimum: -SAFE,
    maximum: SAFE,
    ...(description === undefined ? {} : { description }),
  })
const Count = () => Type.Integer({ minimum: 0, maximum: SAFE })
export const CalendarDay = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A Shanghai calendar day, YYYY-MM-DD',
})

export const SettlementView = Type.Object({
  id: Type.String(),
  merchantId: Type.String(),
  day: CalendarDay,
  payments: Count(),
  grossFen: Fen('Everything paid in that day (coupon discounts included)'),
  refundsFen: Fen(),
  feesFen: Fen('Fees charged minus fees given back with refunds'),
  netFen: Fen('gross − refunds − fees'),
  carriedInFen: Fen('From the day before (see the carry rule)'),
  discountsRepaidFen: Fen('Coupon discounts the merchant funded, paid back'),
  refundsDeductedFen: Fen(
    'Refunds of payments already paid out, advanced by the platform and paid back',
  ),
  payoutFen: Fen('What is paid to the settlement card'),
  carriedOutFen: Fen('carried in + net − discounts repaid − refunds deducted − payout'),
  status: Type.Enum(SETTLEMENT_STATUSES),
  payout: Type.Object({
    bankCode: Nullable(Type.String()),
    last4: Nullable(Type.String()),
    bankRef: Nullable(Type.String()),
    attempts: Count(),
    failureCode: Nullable(Type.String()),
    paidAtMs: Nullable(TimestampMs()),
  }),
  createdAtMs: TimestampMs(),
})
export type SettlementView = Static<typeof SettlementView>

export const SettlementList = Type.Object({ settlements: Type.Array(SettlementView) })
export type SettlementList = Static<typeof SettlementList>
export const SettlementListQuery = Type.Object(
  { beforeDay: Type.Optional(CalendarDay) },
  { additionalProperties: false },
)
export const SettlementDayParams = Type.Object({ day: CalendarDay })

export const CampaignView = Type.Object({
  id: Type.String(),
  merchantId: Type.String(),
  name: Type.String(),
  thresholdFen: Fen(),
  discountFen: Fen(),
  perUserMax: Type.Integer({ minimum: 1, maximum: PER_USER_MAX_LIMIT }),
  budgetFen: Fen(),
  budgetUsedFen: Fen(),
  budgetRemainingFen: Fen(),
  // Each redemption spends at least a fen of a budget that is itself bounded.
  redemptions: Type.Integer({
    minimum: 0,
    maximum: 1_000_000_000,
    description: 'Payments holding one of its coupons',
  }),
  startsAtMs: TimestampMs(),
  endsAtMs: TimestampMs(),
  fundedBy: Type.Enum(['merchant', 'platform'] as const),
  status: Type.Enum(['active', 'ended'] as const),
  createdAtMs: TimestampMs(),
  endedAtMs: Nullable(TimestampMs()),
})
export type CampaignView = Static<typeof CampaignView>
export const CampaignList = Type.Object({ campaigns: Type.Array(CampaignView) })
export type CampaignList = Static<typeof CampaignList>
export const CampaignParams = Type.Object({
  campaignId: Type.String({ minLength: 1, maxLength: 40 }),
})

export const CampaignCreateRequest = Type.Object(
  {
    creationKey: Type.String({ pattern: '^[\\w.:-]{1,64}$' }),
    name: Type.String({ minLength: 1, maxLength: CAMPAIGN_NAME_LENGTH_MAX }),
    thresholdFen: Type.Integer({ minimum: 2, maximum: 10_000_000_000 }),
    discountFen: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    perUserMax: Type.Integer({ minimum: 1, maximum: PER_USER_MAX_LIMIT }),
    budgetFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }),
    startDate: CalendarDay,
    endDate: { ...CalendarDay, description: 'The last day it runs (inclusive), Shanghai' },
  },
  strict,
)
export type CampaignCreateRequest = Static<typeof CampaignCreateRequest>
