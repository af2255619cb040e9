-- Quota counters (src/modules/quota): one row per limit and period, claimed atomically with the
-- work it limits (row lock, then a conditional increment) instead of check-then-insert, so
-- parallel requests cannot all pass. Every claim is a row of its own, keyed by the caller's id:
-- a replayed claim counts once, a release gives back exactly once.

CREATE TABLE quota_counters (
  key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  used bigint NOT NULL DEFAULT 0 CHECK (used >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE quota_claims (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  counter_key text NOT NULL REFERENCES quota_counters (key),
  amount bigint NOT NULL CHECK (amount >= 0),
  claimed_at timestamptz NOT NULL,
  released_at timestamptz
);
CREATE INDEX quota_claims_counter ON quota_claims (counter_key);

-- Existing operations: the claims the wallet would have made (see src/modules/wallet/limits.ts
-- for the keys), so a PROCESSING operation that fails later gives back what it holds.
INSERT INTO quota_counters (key, used)
SELECT 'wallet:' || kind || ':day:' || user_id || ':'
         || to_char((created_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD'),
       sum(amount_fen)
FROM wallet_operations WHERE status <> 'FAILED'
GROUP BY 1;
INSERT INTO quota_claims (id, counter_key, amount, claimed_at)
SELECT id || ':day',
       'wallet:' || kind || ':day:' || user_id || ':'
         || to_char((created_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD'),
       amount_fen, created_at
FROM wallet_operations WHERE status <> 'FAILED';

INSERT INTO quota_counters (key, used)
SELECT 'wallet:withdraw-free:' || user_id, sum(free_quota_used_fen)
FROM wallet_operations WHERE status <> 'FAILED' AND kind = 'WITHDRAW'
GROUP BY 1;
INSERT INTO quota_claims (id, counter_key, amount, claimed_at)
SELECT id || ':free', 'wallet:withdraw-free:' || user_id, free_quota_used_fen, created_at
FROM wallet_operations WHERE status <> 'FAILED' AND kind = 'WITHDRAW';

-- Balance payments per customer (every account of one ID number), per natural year and ever
-- (src/modules/identity/account-class.ts). balance_payment_usage is no longer written.
CREATE TEMPORARY TABLE balance_usage_by_customer AS
SELECT coalesce('id:' || users.id_number_hash, 'user:' || users.id) AS customer,
       usage.year, sum(usage.amount_fen) AS amount_fen
FROM balance_payment_usage AS usage JOIN users ON users.id = usage.user_id
GROUP BY 1, 2;
INSERT INTO quota_counters (key, used)
SELECT 'balance-payments:' || customer || ':year:' || year, amount_fen
FROM balance_usage_by_customer;
INSERT INTO quota_counters (key, used)
SELECT 'balance-payments:' || customer || ':ever', sum(amount_fen)
FROM balance_usage_by_customer GROUP BY customer;
INSERT INTO quota_claims (id, counter_key, amount, claimed_at)
SELECT 'migrated:' || key, key, used, now() FROM quota_counters
WHERE key LIKE 'balance-payments:%';
DROP TABLE balance_usage_by_customer;
