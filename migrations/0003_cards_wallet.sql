-- Bank cards (src/modules/cards) and balance top-ups / withdrawals (src/modules/wallet).

CREATE TABLE bank_cards (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  bank_code text NOT NULL,
  card_type text NOT NULL CHECK (card_type IN ('DEBIT', 'CREDIT')),
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  -- The number encrypted (C2 data) plus a keyed hash to find duplicates; never a CVN or expiry.
  card_number_enc text NOT NULL,
  card_number_hash text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'bound' CHECK (status IN ('bound', 'unbound')),
  created_at timestamptz NOT NULL,
  unbound_at timestamptz
);
CREATE UNIQUE INDEX bank_cards_bound_once_per_user ON bank_cards (user_id, card_number_hash)
  WHERE status = 'bound';
CREATE INDEX bank_cards_by_number ON bank_cards (card_number_hash) WHERE status = 'bound';
CREATE INDEX bank_cards_user ON bank_cards (user_id) WHERE status = 'bound';

-- A card the bank has verified, waiting for the SMS code sent to its reserved phone.
CREATE TABLE card_bind_requests (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  card_number_enc text NOT NULL,
  card_number_hash text NOT NULL,
  bank_code text NOT NULL,
  card_type text NOT NULL,
  last4 text NOT NULL,
  reserved_phone text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz
);

-- Top-ups and withdrawals. The id is also the bank request id, so a retry after a crash or a
-- timeout asks the bank about (or re-sends) exactly the same request.
CREATE TABLE wallet_operations (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('TOPUP', 'WITHDRAW')),
  card_id text NOT NULL REFERENCES bank_cards (id),
  bank_code text NOT NULL,
  -- Kept with the operation so the record still names the card after it is unbound.
  card_last4 text NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$'),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  fee_fen bigint NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  free_quota_used_fen bigint NOT NULL DEFAULT 0 CHECK (free_quota_used_fen >= 0),
  status text NOT NULL CHECK (status IN ('PROCESSING', 'SUCCEEDED', 'FAILED')),
  failure_code text,
  failure_details jsonb,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 64),
  request_hash text NOT NULL,
  hold_transfer_id bigint,
  bank_attempts smallint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz,
  CONSTRAINT wallet_operations_idempotency UNIQUE (user_id, idempotency_key)
);
CREATE INDEX wallet_operations_processing ON wallet_operations (created_at)
  WHERE status = 'PROCESSING';
CREATE INDEX wallet_operations_user ON wallet_operations (user_id, created_at DESC);
