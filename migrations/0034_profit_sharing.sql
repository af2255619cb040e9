-- Profit sharing (分账, issue 13): owned by src/modules/profit-sharing. A payment placed with
-- settle_info.profit_sharing = true has its net (amount − fee − refunded) moved from the
-- merchant's merchant_pending to its merchant_sharing_frozen account (`ps:freeze:<payment>`),
-- so settlement cannot pay it out; sharing orders move money from there to the receivers
-- (another merchant's merchant_pending, a wallet user's balance) and unfreezing moves the rest
-- back to merchant_pending, one ledger transfer per order (`ps:order:<order id>`); returns
-- move money from a merchant receiver's pending back to the sharer's (`ps:return:<return id>`).

-- Who a merchant may share with (receivers/add). Names are stored encrypted with the data key.
CREATE TABLE profit_sharing_receivers (
  merchant_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('MERCHANT_ID', 'PERSONAL_OPENID')),
  account text NOT NULL,
  appid text NOT NULL,
  -- MERCHANT_ID: the receiving merchant; PERSONAL_OPENID: the wallet user behind the openid.
  receiver_merchant_id text,
  receiver_user_id text,
  name_enc text,
  relation_type text NOT NULL,
  custom_relation text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz,
  PRIMARY KEY (merchant_id, type, account),
  CHECK ((type = 'MERCHANT_ID') = (receiver_merchant_id IS NOT NULL)),
  CHECK ((type = 'PERSONAL_OPENID') = (receiver_user_id IS NOT NULL))
);

-- One row per order placed for sharing; frozen once its payment is seen paid.
CREATE TABLE profit_sharing_payments (
  merchant_id text NOT NULL,
  out_trade_no text NOT NULL,
  state text NOT NULL CHECK (state IN ('AWAITING', 'FROZEN', 'UNFROZEN', 'CLOSED')),
  payment_id text UNIQUE,
  amount_fen bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  frozen_fen bigint NOT NULL DEFAULT 0 CHECK (frozen_fen >= 0),
  -- What may still be shared or unfrozen; claimed by conditional updates.
  unsplit_fen bigint NOT NULL DEFAULT 0 CHECK (unsplit_fen >= 0),
  shared_fen bigint NOT NULL DEFAULT 0 CHECK (shared_fen >= 0),
  orders integer NOT NULL DEFAULT 0 CHECK (orders >= 0),
  freeze_transfer_id bigint,
  created_at timestamptz NOT NULL,
  frozen_at timestamptz,
  unfrozen_at timestamptz,
  PRIMARY KEY (merchant_id, out_trade_no),
  CHECK (unsplit_fen + shared_fen <= frozen_fen)
);
CREATE INDEX profit_sharing_payments_state ON profit_sharing_payments (merchant_id, state);

-- Sharing orders (SHARE) and unfreeze orders (UNFREEZE), idempotent by out_order_no.
CREATE TABLE profit_sharing_orders (
  id text PRIMARY KEY,
  merchant_id text NOT NULL,
  out_order_no text NOT NULL,
  payment_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('SHARE', 'UNFREEZE')),
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('PROCESSING', 'FINISHED')),
  -- The order ends the sharing (unfreeze_unsplit, or the unfreeze call): what is left, and
  -- shares that could not be paid, go back to the merchant (unfreeze_fen).
  unfreezes boolean NOT NULL,
  unfreeze_fen bigint NOT NULL DEFAULT 0 CHECK (unfreeze_fen >= 0),
  unfreeze_description text,
  transfer_id bigint,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (merchant_id, out_order_no)
);
CREATE INDEX profit_sharing_orders_processing ON profit_sharing_orders (merchant_id)
  WHERE state = 'PROCESSING';

CREATE TABLE profit_sharing_order_receivers (
  order_id text NOT NULL REFERENCES profit_sharing_orders (id),
  seq integer NOT NULL,
  detail_id text NOT NULL UNIQUE,
  type text NOT NULL,
  account text NOT NULL,
  receiver_merchant_id text,
  receiver_user_id text,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  description text NOT NULL,
  result text NOT NULL CHECK (result IN ('PENDING', 'SUCCESS', 'CLOSED')),
  fail_reason text,
  returned_fen bigint NOT NULL DEFAULT 0 CHECK (returned_fen >= 0),
  PRIMARY KEY (order_id, seq),
  CHECK (returned_fen <= amount_fen)
);

-- Returns (回退) from a merchant receiver, idempotent by out_return_no.
CREATE TABLE profit_sharing_returns (
  id text PRIMARY KEY,
  merchant_id text NOT NULL,
  out_return_no text NOT NULL,
  order_id text NOT NULL REFERENCES profit_sharing_orders (id),
  receiver_seq integer NOT NULL,
  return_mchid text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  description text NOT NULL,
  request_hash text NOT NULL,
  result text NOT NULL CHECK (result IN ('PROCESSING', 'SUCCESS', 'FAILED')),
  fail_reason text,
  transfer_id bigint,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (merchant_id, out_return_no)
);
