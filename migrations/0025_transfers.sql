-- Transfers (转账, issue 12 "Transfers"): one row per transfer a user sends — to another wallet
-- user, to a phone number without a wallet yet (claimed after real-name), or to a bank card —
-- keyed by the sender's idempotency key. Owned by src/modules/transfers. The money is in the
-- ledger: a balance transfer is posted sender → escrow:transfer (`tr:<id>:send`) and settled
-- once out of escrow to the recipient or back to the sender (`tr:<id>:settle`); a card transfer
-- is held sender → bank clearing and posted or voided by the bank's answer (`tr:<id>:hold`).
CREATE TABLE transfers (
  id text PRIMARY KEY,
  sender_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('USER', 'PHONE', 'CARD')),
  -- USER: the recipient; PHONE: set when the phone's owner claims it.
  recipient_user_id text,
  recipient_phone text,
  -- CARD: the card (number encrypted with the data key, for re-sending to the bank).
  card_bank_code text,
  card_last4 text,
  card_holder_name text,
  card_number_enc text,
  own_card boolean NOT NULL DEFAULT false,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  fee_fen bigint NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 50),
  status text NOT NULL CHECK (status IN ('SENDING', 'DELAYED', 'PENDING', 'ACCEPTING',
    'RETURNING', 'ACCEPTED', 'RETURNED', 'EXPIRED', 'CANCELLED', 'FAILED', 'PROCESSING',
    'SUCCEEDED')),
  -- RETURNING: what it ends as (RETURNED by the recipient, EXPIRED, CANCELLED by the sender).
  return_reason text CHECK (return_reason IN ('RETURNED', 'EXPIRED', 'CANCELLED')),
  delay_ms bigint NOT NULL DEFAULT 0 CHECK (delay_ms >= 0),
  -- When the recipient sees it (after the delayed-arrival window) and when it goes back.
  available_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  send_transfer_id bigint,
  settle_transfer_id bigint,
  failure_code text,
  bank_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz,
  CONSTRAINT transfers_idempotency UNIQUE (sender_id, idempotency_key)
);
CREATE INDEX transfers_sender_time ON transfers (sender_id, created_at DESC);
CREATE INDEX transfers_recipient_time ON transfers (recipient_user_id, created_at DESC);
CREATE INDEX transfers_unclaimed_phone ON transfers (recipient_phone) WHERE recipient_user_id IS NULL;
-- The resolver's scan: transfers a crash or a bank timeout left between two states.
CREATE INDEX transfers_unsettled ON transfers (status, updated_at)
  WHERE status IN ('SENDING', 'ACCEPTING', 'RETURNING', 'PROCESSING');

-- 延时到账: the sender's own delayed-arrival setting (no row: real time).
CREATE TABLE transfer_settings (
  user_id text PRIMARY KEY,
  delay_hours integer NOT NULL CHECK (delay_hours IN (0, 2, 24)),
  updated_at timestamptz NOT NULL
);
