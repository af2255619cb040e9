-- Refunds after settlement (issue 11, "Refunds"): a refund that the merchant's pending takings
-- cannot cover is advanced by the platform on the merchant's refund line (refunds module,
-- refund-funding.ts) and deducted from the merchant's next payout. The day's report shows that
-- deduction, and the carry still adds up to the fen:
-- carried out = carried in + net − discounts repaid − refunds deducted − payout.
ALTER TABLE settlements
  ADD COLUMN refunds_deducted_fen bigint NOT NULL DEFAULT 0 CHECK (refunds_deducted_fen >= 0);

ALTER TABLE settlements DROP CONSTRAINT settlements_carry_sums;

ALTER TABLE settlements ADD CONSTRAINT settlements_carry_sums
  CHECK (carried_out_fen = carried_in_fen + net_fen - discounts_repaid_fen - refunds_deducted_fen - payout_fen);
