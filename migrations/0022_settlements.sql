-- Settlement (issue 11, "Merchants"): one row per merchant and Shanghai calendar day, written by
-- the T+1 settlement job (src/modules/settlement). The figures come from the ledger's posted
-- transfers on the merchant's pending account that day and are stored before any money moves,
-- so a re-run moves exactly the stored amounts (idempotency key settle:<merchant>:<day>).
CREATE TABLE settlements (
  id text PRIMARY KEY,
  merchant_id text NOT NULL,
  day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  payments integer NOT NULL CHECK (payments >= 0),
  gross_fen bigint NOT NULL CHECK (gross_fen >= 0),
  refunds_fen bigint NOT NULL CHECK (refunds_fen >= 0),
  -- Fees charged minus fees given back with refunds that day: may be negative.
  fees_fen bigint NOT NULL,
  net_fen bigint NOT NULL,
  carried_in_fen bigint NOT NULL,
  -- Coupon discounts the merchant funded, paid back to its marketing account.
  discounts_repaid_fen bigint NOT NULL CHECK (discounts_repaid_fen >= 0),
  payout_fen bigint NOT NULL CHECK (payout_fen >= 0),
  carried_out_fen bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('SETTLING', 'CARRIED', 'PAYING', 'PAID', 'PAYOUT_FAILED')),
  settlement_transfer_id bigint,
  payout_attempt integer NOT NULL DEFAULT 0 CHECK (payout_attempt >= 0),
  payout_hold_transfer_id bigint,
  bank_code text,
  card_last4 text,
  bank_ref text,
  failure_code text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  paid_at timestamptz,
  CONSTRAINT settlements_merchant_day UNIQUE (merchant_id, day),
  -- The report adds up to the fen, or the row cannot exist.
  CONSTRAINT settlements_net_sums CHECK (net_fen = gross_fen - refunds_fen - fees_fen),
  CONSTRAINT settlements_carry_sums
    CHECK (carried_out_fen = carried_in_fen + net_fen - discounts_repaid_fen - payout_fen)
);
CREATE INDEX settlements_merchant_day_desc ON settlements (merchant_id, day DESC);
CREATE INDEX settlements_open ON settlements (status) WHERE status IN ('SETTLING', 'PAYING', 'PAYOUT_FAILED');
CREATE INDEX settlements_day ON settlements (day DESC);
