-- Records (账单, issue 11 "Records"): one row per money movement a user sees — top-ups,
-- withdrawals, payments, refunds, transfers, red packets — written by the module that moves the
-- money (records.upsert, in the same transaction as its own state change where it has one) and
-- updated in place as that movement's status changes. Owned by src/modules/records. Not the
-- books: the ledger is; a record points at the ledger transfer that moved the user's balance so
-- the list can show the balance after it.
CREATE TABLE money_records (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL,
  source_kind text NOT NULL CHECK (source_kind IN (
    'TOPUP', 'WITHDRAW', 'PAYMENT', 'REFUND', 'TRANSFER', 'REDPACKET')),
  -- The producer's id for this movement (an operation, payment, refund, transfer, packet share).
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 100),
  direction text NOT NULL CHECK (direction IN ('in', 'out', 'none')),
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0 AND amount_fen <= 100000000000),
  status text NOT NULL CHECK (status ~ '^[A-Z_]{2,32}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  counterparty_kind text NOT NULL CHECK (counterparty_kind IN ('merchant', 'user', 'bank', 'platform')),
  counterparty_id text,
  counterparty_name text NOT NULL CHECK (length(counterparty_name) BETWEEN 1 AND 100),
  method_kind text NOT NULL CHECK (method_kind IN ('balance', 'card', 'none')),
  card_id text,
  method_label text,
  -- MCC-like merchant category (spending by category); null for movements that are not spending.
  category text CHECK (category ~ '^[0-9]{4}$'),
  balance_account_id bigint,
  ledger_transfer_id bigint,
  detail jsonb,
  occurred_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (user_id, source_kind, source_id)
);
-- The record list: a user's records newest first, keyset on (occurred_at, id).
CREATE INDEX money_records_user_time ON money_records (user_id, occurred_at DESC, id DESC);
