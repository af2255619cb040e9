-- The kind of each order placed over the WeChat Pay v3 API (issue 13, "Endpoints"): native,
-- JSAPI, App, H5 (MWEB) or codepay (MICROPAY), its prepay_id, the payer's openid a JSAPI order
-- is bound to, and when a codepay order was reversed. Owned by src/modules/merchant-api; the
-- order itself (amount, state, payment) stays in the payments core. One row per
-- (merchant, out_trade_no): a re-submit of another kind is refused (OUT_TRADE_NO_USED).
CREATE TABLE merchant_api_orders (
  merchant_id text NOT NULL,
  out_trade_no text NOT NULL,
  trade_type text NOT NULL CHECK (trade_type IN ('NATIVE', 'JSAPI', 'APP', 'MWEB', 'MICROPAY')),
  -- 'wx' + Shanghai time (14 digits) + 20 random hex: unguessable, it opens the H5 pay page.
  prepay_id text NOT NULL UNIQUE CHECK (prepay_id ~ '^wx[0-9]{14}[0-9a-f]{20}$'),
  payer_openid text CHECK (length(payer_openid) <= 128),
  -- Of what besides the payments core's content defines the order (kind, openid, H5 scene).
  request_hash text NOT NULL,
  reversed_at timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (merchant_id, out_trade_no)
);

-- Signed client invocations (JSAPI paySign / App sign) seen by our pay page: one nonceStr per
-- app carries one signature, and an invocation that paid its order (used_at) is not taken again.
CREATE TABLE merchant_api_pay_signs (
  appid text NOT NULL,
  nonce_str text NOT NULL CHECK (length(nonce_str) BETWEEN 1 AND 64),
  pay_sign_hash text NOT NULL,
  prepay_id text NOT NULL,
  seen_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (appid, nonce_str)
);
CREATE INDEX merchant_api_pay_signs_seen ON merchant_api_pay_signs (seen_at);
