-- The customer's side of paying (issue 11): one-time payment codes (付款码) and the pay
-- settings (免密 limits, payment code on/off, default method). Owned by src/modules/payments.
CREATE TABLE payment_codes (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  -- sha256 of the 18-digit code: the code itself is a bearer credential, never stored.
  code_hash text NOT NULL UNIQUE,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set when a newer code replaced it, or when a cashier used it (then payment_id too).
  revoked_at timestamptz,
  used_at timestamptz,
  payment_id text
);
CREATE INDEX payment_codes_user ON payment_codes (user_id, issued_at DESC);
CREATE INDEX payment_codes_expiry ON payment_codes (expires_at);

CREATE TABLE pay_settings (
  user_id text PRIMARY KEY,
  passwordless_enabled boolean NOT NULL,
  passwordless_per_payment_fen bigint NOT NULL CHECK (passwordless_per_payment_fen > 0),
  passwordless_daily_fen bigint NOT NULL CHECK (passwordless_daily_fen > 0),
  payment_code_enabled boolean NOT NULL,
  default_method_kind text NOT NULL CHECK (default_method_kind IN ('balance', 'card')),
  default_card_id text,
  updated_at timestamptz NOT NULL
);
