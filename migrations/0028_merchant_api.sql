-- The WeChat Pay API v3 merchant interface (issue 13, "Credentials"): each merchant's API
-- credentials and the platform keys that sign our responses and notifications to it. Owned by
-- src/modules/merchant-api. A merchant's own private key is never stored: it is printed once
-- when we generate it (or the merchant uploads only its public key). Platform private keys and
-- the APIv3 key are sealed with the data key (SecretBox), never in the clear.
CREATE TABLE merchant_api_credentials (
  merchant_id text PRIMARY KEY CHECK (merchant_id ~ '^[1-9][0-9]{9}$'),
  appid text NOT NULL UNIQUE CHECK (appid ~ '^wx[0-9a-f]{16}$'),
  apiv3_key_enc text NOT NULL,
  -- The merchant API certificate's serial, upper-case hex (requests are compared case-blind).
  merchant_serial_no text NOT NULL CHECK (merchant_serial_no ~ '^[0-9A-F]{8,40}$'),
  merchant_public_key_pem text NOT NULL CHECK (length(merchant_public_key_pem) < 4000),
  merchant_certificate_pem text CHECK (length(merchant_certificate_pem) < 8000),
  key_source text NOT NULL CHECK (key_source IN ('generated', 'uploaded')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Platform keys: a WeChat Pay public key (id PUB_KEY_ID_…) or a platform certificate (id = its
-- serial, 40 upper-case hex). Rotation adds a key and makes it the default while the old one
-- stays valid, so a request's Wechatpay-Serial can still pick the old one.
CREATE TABLE merchant_api_platform_keys (
  id text PRIMARY KEY CHECK (id ~ '^(PUB_KEY_ID_[0-9]{32}|[0-9A-F]{40})$'),
  merchant_id text NOT NULL REFERENCES merchant_api_credentials (merchant_id),
  kind text NOT NULL CHECK (kind IN ('pubkey', 'cert')),
  private_key_enc text NOT NULL,
  public_key_pem text NOT NULL,
  certificate_pem text,
  is_default boolean NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'cert') = (certificate_pem IS NOT NULL))
);
CREATE UNIQUE INDEX merchant_api_platform_keys_default
  ON merchant_api_platform_keys (merchant_id) WHERE is_default;
CREATE INDEX merchant_api_platform_keys_merchant ON merchant_api_platform_keys (merchant_id);

-- Nonces seen in signed requests within the clock-skew window: a replayed request is refused.
CREATE TABLE merchant_api_nonces (
  merchant_id text NOT NULL,
  nonce text NOT NULL CHECK (length(nonce) BETWEEN 1 AND 64),
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (merchant_id, nonce)
);
CREATE INDEX merchant_api_nonces_seen ON merchant_api_nonces (seen_at);
