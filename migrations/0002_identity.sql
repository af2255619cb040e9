-- Identity and payment security (src/modules/identity owns these tables; the SMS outbox belongs
-- to the offline SMS adapter, the operator tables to src/modules/ops).

CREATE TABLE users (
  id text PRIMARY KEY CHECK (id ~ '^u_[a-z0-9]{16,32}$'),
  phone text NOT NULL UNIQUE CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  -- normal: everything; restricted: may receive, may not pay; frozen: nothing moves.
  status text NOT NULL DEFAULT 'normal' CHECK (status IN ('normal', 'restricted', 'frozen')),
  status_reason text,
  -- Real-name record (实名认证). The ID number is encrypted (C2 data); its keyed hash lets us
  -- count accounts per ID without decrypting.
  real_name text,
  id_number_enc text,
  id_number_hash text,
  birth_date date,
  verified_at timestamptz,
  -- Payment account class: 0 = unverified, I / II / III by verification strength.
  account_class smallint NOT NULL DEFAULT 0 CHECK (account_class BETWEEN 0 AND 3),
  -- 二次验证: an SMS code on every payment.
  second_factor_enabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE INDEX users_id_number_hash ON users (id_number_hash) WHERE id_number_hash IS NOT NULL;

-- One-time SMS codes, stored hashed. Rows are kept (not deleted) so rate limits can count them.
CREATE TABLE sms_codes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone text NOT NULL,
  purpose text NOT NULL,
  code_hash text NOT NULL,
  ip text,
  attempts smallint NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX sms_codes_phone_recent ON sms_codes (phone, created_at DESC);
CREATE INDEX sms_codes_ip_recent ON sms_codes (ip, created_at DESC) WHERE ip IS NOT NULL;

-- The offline SMS adapter's outbox: what would have been sent, for developers to read.
CREATE TABLE sms_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX sms_outbox_phone ON sms_outbox (phone, id DESC);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  -- sha256 of the opaque token; the token itself is never stored.
  token_hash text NOT NULL UNIQUE,
  device_id text NOT NULL,
  device_name text NOT NULL,
  ip text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id, created_at DESC);

-- Devices a user has signed in from; a sign-in from a device not listed sends a notice.
CREATE TABLE user_devices (
  user_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, device_id)
);

CREATE TABLE payment_passwords (
  user_id text PRIMARY KEY REFERENCES users (id),
  password_hash text NOT NULL,
  failed_attempts smallint NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL
);

-- WebAuthn passkeys for biometric payment confirmation (指纹/面容支付).
CREATE TABLE passkeys (
  credential_id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  public_key text NOT NULL,
  counter bigint NOT NULL DEFAULT 0,
  transports text,
  device_name text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- Short-lived WebAuthn challenges (one per ceremony).
CREATE TABLE webauthn_challenges (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  purpose text NOT NULL,
  challenge text NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz
);

-- Security notices shown to the user (new device, password changed, frozen …).
CREATE TABLE notices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  detail jsonb,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notices_user ON notices (user_id, id DESC);

-- The append-only audit log of security events and operator actions.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'operator', 'system')),
  actor_id text,
  action text NOT NULL,
  detail jsonb,
  ip text,
  created_at timestamptz NOT NULL
);
CREATE INDEX audit_log_user ON audit_log (user_id, id DESC);

CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log rows are append-only' USING ERRCODE = 'P0903';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();

-- Appeals (申诉) to lift a freeze, reviewed by an operator.
CREATE TABLE appeals (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  statement text NOT NULL CHECK (length(statement) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by text,
  decision_reason text,
  created_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE INDEX appeals_status ON appeals (status, created_at);
CREATE UNIQUE INDEX appeals_one_pending_per_user ON appeals (user_id) WHERE status = 'pending';

-- Balance payments per user and natural year, for the account-class limits (PBoC No. 43).
CREATE TABLE balance_payment_usage (
  user_id text NOT NULL REFERENCES users (id),
  year smallint NOT NULL,
  amount_fen bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  PRIMARY KEY (user_id, year)
);

CREATE TABLE operators (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9_.-]{2,31}$'),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  -- support: users and appeals, phones masked; risk: also freeze/restrict and full phones;
  -- admin: everything, including operators.
  role text NOT NULL CHECK (role IN ('support', 'risk', 'admin')),
  failed_attempts smallint NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL
);

CREATE TABLE operator_sessions (
  id text PRIMARY KEY,
  operator_id text NOT NULL REFERENCES operators (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
