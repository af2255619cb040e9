-- Coupons on payments (issue 11, "Coupons 优惠", wired into the payment core). A couponed
-- payment keeps its full amount (what the merchant receives, amount_fen) and the discount a
-- campaign funded (discount_fen); the payer pays amount_fen - discount_fen. The campaign's name
-- is kept as it was when paid (the receipt shows it); the funder's ledger account is the one
-- debited by the payment's discount leg and credited back by a refund's coupon share.
ALTER TABLE payments ADD COLUMN discount_fen bigint NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN coupon_campaign_id text;
ALTER TABLE payments ADD COLUMN coupon_name text;
ALTER TABLE payments ADD COLUMN coupon_funder_account_id bigint;
ALTER TABLE payments ADD CONSTRAINT payments_discount_below_amount
  CHECK (discount_fen >= 0 AND discount_fen < amount_fen);
ALTER TABLE payments ADD CONSTRAINT payments_coupon_complete
  CHECK ((discount_fen = 0) = (coupon_campaign_id IS NULL));

-- Refunds of a couponed payment split pro rata (src/modules/refunds/refund-coupon.ts): the part
-- of each refund that goes back to the coupon's funder instead of the customer, and the running
-- total of it per payment (kept under the same row lock as the refunded total).
ALTER TABLE refunds ADD COLUMN coupon_back_fen bigint NOT NULL DEFAULT 0
  CHECK (coupon_back_fen >= 0 AND coupon_back_fen <= amount_fen);
ALTER TABLE refund_payments ADD COLUMN coupon_back_fen bigint NOT NULL DEFAULT 0
  CHECK (coupon_back_fen >= 0);
