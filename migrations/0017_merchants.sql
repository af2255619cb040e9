-- Merchants (issue 11, "Merchants"): the shops customers pay, their staff who sign in to the
-- merchant console, and those staff's sign-in attempts and sessions. Owned by
-- src/modules/merchants. Staff sessions live apart from user and operator sessions, so no token
-- of one kind ever resolves as another.

-- id is the 10-digit mchid the WeChat Pay v3 API names merchants by.
CREATE TABLE merchants (
  id text PRIMARY KEY CHECK (id ~ '^[1-9][0-9]{9}$'),
  -- The caller's key for "create this merchant" (the demo seed's 'demo:cafe', a console form's
  -- random one): a retried create returns the first merchant instead of a second one.
  creation_key text NOT NULL UNIQUE CHECK (length(creation_key) BETWEEN 1 AND 100),
  legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 100),
  store_name text NOT NULL CHECK (length(store_name) BETWEEN 1 AND 64),
  category text NOT NULL CHECK (category ~ '^[0-9]{4}$'),
  settlement_bank_code text NOT NULL,
  settlement_card_type text NOT NULL,
  settlement_last4 text NOT NULL CHECK (settlement_last4 ~ '^[0-9]{4}$'),
  -- The card number sealed with the data key (SecretBox), never in the clear.
  settlement_card_enc text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'suspended')),
  fee_rate_bp integer NOT NULL CHECK (fee_rate_bp BETWEEN 0 AND 10000),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX merchants_created_at ON merchants (created_at DESC);

CREATE TABLE merchant_staff (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  username text NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'cashier')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX merchant_staff_merchant ON merchant_staff (merchant_id);

-- Staff sign-in failures live in credential_attempts (realm 'merchant_staff', 0011).

CREATE TABLE merchant_sessions (
  id text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES merchant_staff (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
