-- Coupons (issue 11, "Coupons 优惠"): merchants' campaigns (an amount off over a threshold, a
-- per-user cap, a total budget, dates) and one redemption per payment. Owned by
-- src/modules/coupons. The budget and the per-user cap are quota counters
-- (coupon:<campaign>:budget, coupon:<campaign>:user:<user>) claimed in the payment's own
-- transaction, so they hold under concurrent payments; this table records who used what.
CREATE TABLE coupon_campaigns (
  id text PRIMARY KEY,
  merchant_id text NOT NULL,
  -- The console's key for "create this campaign": a retried create returns the first.
  creation_key text NOT NULL CHECK (length(creation_key) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  threshold_fen bigint NOT NULL,
  discount_fen bigint NOT NULL CHECK (discount_fen > 0),
  per_user_max integer NOT NULL CHECK (per_user_max BETWEEN 1 AND 100),
  budget_fen bigint NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  funded_by text NOT NULL CHECK (funded_by IN ('merchant', 'platform')),
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  CONSTRAINT coupon_campaigns_creation UNIQUE (merchant_id, creation_key),
  -- The customer always pays something, and the budget covers at least one discount.
  CONSTRAINT coupon_campaigns_discount_below_threshold CHECK (discount_fen < threshold_fen),
  CONSTRAINT coupon_campaigns_budget CHECK (budget_fen >= discount_fen),
  CONSTRAINT coupon_campaigns_dates CHECK (ends_at > starts_at)
);
CREATE INDEX coupon_campaigns_merchant ON coupon_campaigns (merchant_id, created_at DESC);

CREATE TABLE coupon_redemptions (
  -- One coupon per payment: the payment's id (payments' own id, not a foreign key).
  payment_id text PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES coupon_campaigns (id),
  user_id text NOT NULL,
  discount_fen bigint NOT NULL CHECK (discount_fen > 0),
  status text NOT NULL CHECK (status IN ('claimed', 'released')),
  created_at timestamptz NOT NULL,
  released_at timestamptz
);
CREATE INDEX coupon_redemptions_campaign ON coupon_redemptions (campaign_id, created_at DESC);
