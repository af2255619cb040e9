-- Refunds (issue 11 "Refunds"), owned by src/modules/refunds: merchant refunds back along the
-- original route (balance → balance as one posted ledger transfer; card → card through the bank,
-- two-phase around the bank call and retried by the resolver job), the running totals per
-- payment that make "never a fen more than was paid" hold under concurrency, and the
-- customer's refund requests (申请退款) with their merchant / platform decision.

-- One row per payment that was ever refunded: locked (FOR UPDATE) by every refund of the
-- payment, so its checks and its counters change together. The CHECKs are the backstop.
CREATE TABLE refund_payments (
  payment_id text PRIMARY KEY,
  merchant_id text NOT NULL,
  user_id text NOT NULL,
  paid_fen bigint NOT NULL CHECK (paid_fen > 0),
  fee_fen bigint NOT NULL CHECK (fee_fen >= 0 AND fee_fen <= paid_fen),
  -- Held by the refunds that are not CLOSED (PROCESSING, ABNORMAL, SUCCESS).
  refunded_fen bigint NOT NULL CHECK (refunded_fen >= 0 AND refunded_fen <= paid_fen),
  fee_back_fen bigint NOT NULL CHECK (fee_back_fen >= 0 AND fee_back_fen <= fee_fen),
  succeeded_fen bigint NOT NULL CHECK (succeeded_fen >= 0 AND succeeded_fen <= refunded_fen),
  -- Every refund ever created for the payment, closed ones included (WeChat: at most 50).
  refund_count integer NOT NULL CHECK (refund_count >= 0 AND refund_count <= 1000),
  updated_at timestamptz NOT NULL
);

CREATE TABLE refunds (
  -- 29 digits like WeChat Pay's refund_id.
  id text PRIMARY KEY CHECK (id ~ '^[0-9]{29}$'),
  merchant_id text NOT NULL,
  out_refund_no text NOT NULL CHECK (out_refund_no ~ '^[A-Za-z0-9_|*@-]{1,64}$'),
  payment_id text NOT NULL REFERENCES refund_payments (payment_id),
  user_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  fee_back_fen bigint NOT NULL CHECK (fee_back_fen >= 0),
  reason text CHECK (length(reason) <= 80),
  -- The customer's request this refund answers, when it answers one.
  request_id text,
  channel text NOT NULL CHECK (channel IN ('BALANCE', 'CARD')),
  card_id text,
  bank_code text,
  status text NOT NULL CHECK (status IN ('PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED')),
  failure_code text CHECK (failure_code ~ '^[A-Z_]{2,64}$'),
  request_hash text NOT NULL,
  -- Who asked: merchant staff ('staff:<id>'), an operator ('operator:<id>'), the system.
  created_by text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 80),
  -- BALANCE: the posted transfer; CARD: the hold, posted or voided by the bank's answer.
  ledger_transfer_id bigint,
  -- The bank's idempotent request id of the current attempt: a new one after a stored failure.
  bank_request_id text CHECK (bank_request_id ~ '^[0-9]{29}(-[0-9]{1,6})?$'),
  bank_attempts integer NOT NULL CHECK (bank_attempts >= 0 AND bank_attempts <= 100000),
  -- When the resolver next drives it (PROCESSING / ABNORMAL only).
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (merchant_id, out_refund_no)
);
CREATE INDEX refunds_payment ON refunds (payment_id, created_at);
CREATE INDEX refunds_merchant_time ON refunds (merchant_id, created_at DESC, id DESC);
CREATE INDEX refunds_unsettled ON refunds (next_attempt_at) WHERE status IN ('PROCESSING', 'ABNORMAL');

CREATE TABLE refund_requests (
  id text PRIMARY KEY,
  payment_id text NOT NULL,
  merchant_id text NOT NULL,
  user_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('PENDING', 'ESCALATED', 'APPROVED', 'REJECTED')),
  idempotency_key text NOT NULL,
  decided_by text CHECK (length(decided_by) <= 80),
  decision_reason text CHECK (length(decision_reason) <= 200),
  refund_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  escalated_at timestamptz,
  decided_at timestamptz,
  UNIQUE (user_id, idempotency_key)
);
-- One open request per payment at a time.
CREATE UNIQUE INDEX refund_requests_open ON refund_requests (payment_id)
  WHERE status IN ('PENDING', 'ESCALATED');
CREATE INDEX refund_requests_merchant ON refund_requests (merchant_id, status, created_at);
CREATE INDEX refund_requests_status ON refund_requests (status, created_at);
CREATE INDEX refund_requests_payment ON refund_requests (payment_id, created_at);
