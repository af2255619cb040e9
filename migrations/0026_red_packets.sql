-- Red packets (红包, issue 12 "Red packets"), owned by src/modules/redpackets. A packet holds its
-- counters (the one row an open updates, by a single conditional UPDATE) and the fairness
-- commitment; each open is a pre-numbered slot (0, 1, 2… in opening order) whose amount follows
-- from the seed, credited from escrow:redpacket by the ledger with the key rp:<packet>:<slot>.
CREATE TABLE red_packets (
  id text PRIMARY KEY CHECK (id ~ '^rp_[A-Za-z0-9_-]{8,40}$'),
  sender_id text NOT NULL,
  conversation_id text,
  kind text NOT NULL CHECK (kind IN ('single', 'lucky', 'fixed', 'exclusive')),
  split text NOT NULL CHECK (split IN ('equal', 'double_average', 'cut')),
  recipient_id text,
  total_fen bigint NOT NULL CHECK (total_fen > 0),
  shares integer NOT NULL CHECK (shares BETWEEN 1 AND 1000),
  message text NOT NULL CHECK (length(message) <= 100),
  cover text NOT NULL CHECK (length(cover) <= 32),
  -- 32 random bytes, hex; shown only once the packet is finished or expired.
  seed_hex text NOT NULL CHECK (seed_hex ~ '^[0-9a-f]{64}$'),
  -- SHA-256(seed bytes ‖ packet id as UTF-8), hex: shown from the start.
  commitment_hex text NOT NULL CHECK (commitment_hex ~ '^[0-9a-f]{64}$'),
  status text NOT NULL CHECK (status IN ('SENDING', 'ACTIVE', 'FINISHED', 'EXPIRED', 'FAILED')),
  opened_count integer NOT NULL DEFAULT 0,
  returned_fen bigint,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  send_transfer_id bigint,
  return_transfer_id bigint,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  finished_at timestamptz,
  CONSTRAINT red_packets_opened_within_shares CHECK (opened_count BETWEEN 0 AND shares),
  CONSTRAINT red_packets_idempotency UNIQUE (sender_id, idempotency_key)
);
CREATE INDEX red_packets_sender ON red_packets (sender_id, created_at DESC);
-- The recovery sweep: packets whose money is still in escrow past their expiry, or stuck sending.
CREATE INDEX red_packets_unsettled ON red_packets (expires_at)
  WHERE status IN ('SENDING', 'ACTIVE') OR (status IN ('FINISHED', 'EXPIRED') AND returned_fen IS NULL);

CREATE TABLE red_packet_opens (
  packet_id text NOT NULL REFERENCES red_packets (id),
  slot integer NOT NULL CHECK (slot >= 0),
  user_id text NOT NULL,
  opened_at timestamptz NOT NULL,
  -- Set when the ledger credited the share (the amount follows from the seed and the slot).
  amount_fen bigint,
  transfer_id bigint,
  PRIMARY KEY (packet_id, slot),
  CONSTRAINT red_packet_opens_once UNIQUE (packet_id, user_id)
);
-- Claimed slots whose credit has not happened yet (a crash between claim and credit).
CREATE INDEX red_packet_opens_uncredited ON red_packet_opens (opened_at) WHERE transfer_id IS NULL;
CREATE INDEX red_packet_opens_user ON red_packet_opens (user_id, opened_at DESC);
