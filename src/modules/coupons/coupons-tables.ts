/** Kysely's view of the tables this module owns (migrations/0023_coupons.sql). */
export interface CouponsTables {
  coupon_campaigns: {
    id: string
    merchant_id: string
    creation_key: string
    name: string
    threshold_fen: number
    discount_fen: number
    per_user_max: number
    budget_fen: number
    starts_at: Date
    ends_at: Date
    funded_by: string
    status: string
    created_by: string
    created_at: Date
    ended_at: Date | null
  }
  coupon_redemptions: {
    payment_id: string
    campaign_id: string
    user_id: string
    discount_fen: number
    status: string
    created_at: Date
    released_at: Date | null
  }
}
