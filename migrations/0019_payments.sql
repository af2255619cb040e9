-- Payments (issue 11, the payment core): merchant orders (动态码), each merchant's static code
-- (收款码) and the payments themselves, whichever way they came (order, static code, the
-- customer's payment code). Owned by src/modules/payments. The ledger holds the money; a payment
-- row is the state of one attempt to pay a merchant and points at its ledger transfers.
CREATE TABLE payment_orders (
  id text PRIMARY KEY,
  merchant_id text NOT NULL,
  out_trade_no text NOT NULL CHECK (length(out_trade_no) BETWEEN 6 AND 32),
  -- The secret in the order's QR URL (<public url>/pay/o/<token>).
  token text NOT NULL UNIQUE,
  channel text NOT NULL CHECK (channel IN ('ORDER', 'CODE')),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 127),
  attach text CHECK (length(attach) <= 128),
  notify_url text CHECK (length(notify_url) <= 256),
  -- Same content re-submitted under the same out_trade_no answers with this order.
  request_hash text NOT NULL,
  -- NOTPAY → PAYING (one payment holds it) → PAID; PAYING → NOTPAY when that payment fails.
  status text NOT NULL CHECK (status IN ('NOTPAY', 'PAYING', 'PAID', 'CLOSED')),
  payment_id text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  UNIQUE (merchant_id, out_trade_no)
);
CREATE INDEX payment_orders_merchant_time ON payment_orders (merchant_id, created_at DESC, id DESC);

CREATE TABLE payment_static_codes (
  merchant_id text PRIMARY KEY,
  code text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

CREATE TABLE payments (
  -- 28 digits (4200 + Shanghai date + 16 random digits), as WeChat Pay's transaction_id.
  id text PRIMARY KEY CHECK (id ~ '^[0-9]{28}$'),
  merchant_id text NOT NULL,
  user_id text NOT NULL,
  -- As shown when paid (the store may be renamed later; the receipt keeps its name).
  merchant_name text NOT NULL,
  merchant_category text NOT NULL,
  payer_masked_name text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('ORDER', 'STATIC', 'CODE')),
  order_id text,
  out_trade_no text,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  fee_fen bigint NOT NULL CHECK (fee_fen >= 0 AND fee_fen <= amount_fen),
  description text NOT NULL,
  note text,
  method_kind text CHECK (method_kind IN ('balance', 'card')),
  card_id text,
  bank_code text,
  card_last4 text,
  status text NOT NULL CHECK (status IN ('USERPAYING', 'PROCESSING', 'SUCCESS', 'FAILED', 'CLOSED')),
  failure_code text,
  failure_details jsonb,
  -- The customer's key (order and static payments); code payments are keyed by the order.
  idempotency_key text,
  request_hash text NOT NULL,
  -- The quota claims this payment holds (given back when it fails or closes).
  claim_ids jsonb NOT NULL,
  transfer_id bigint,
  -- The payer's balance account a balance payment moved (the record's balance after).
  balance_account_id bigint,
  hold_transfer_id bigint,
  bank_attempts integer NOT NULL DEFAULT 0,
  refund_status text NOT NULL DEFAULT 'NONE' CHECK (refund_status IN ('NONE', 'PARTIAL', 'FULL')),
  refunded_fen bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
  confirm_by timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  paid_at timestamptz,
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX payments_merchant_time ON payments (merchant_id, created_at DESC, id DESC);
CREATE INDEX payments_user_pending ON payments (user_id, created_at) WHERE status = 'USERPAYING';
CREATE INDEX payments_unsettled ON payments (created_at) WHERE status IN ('USERPAYING', 'PROCESSING');
