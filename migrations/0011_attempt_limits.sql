-- Attempt limits that hold under parallel requests (issue 9): each attempt is claimed with one
-- conditional statement before the slow work (an argon2 verify, sending an SMS), so requests
-- arriving in the same instant cannot all pass a check that reads what earlier ones recorded.

-- Sliding windows per key (src/modules/rate-limits): a claim locks the key's row, counts the
-- key's hits within the window and adds one, in one transaction, so parallel claims of one key
-- take turns and exactly `limit` hits fit in any window.
CREATE TABLE rate_limit_keys (
  key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  last_hit_at timestamptz NOT NULL
);
CREATE TABLE rate_limit_hits (
  id bigserial PRIMARY KEY,
  key text NOT NULL REFERENCES rate_limit_keys (key) ON DELETE CASCADE,
  hit_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_hits_key_at ON rate_limit_hits (key, hit_at);

-- Wrong passwords per realm ('operator', 'merchant_staff') and normalised username
-- (src/modules/rate-limits/credential-attempts.ts), whether or not an account has that name,
-- so a locked account and an unknown name answer alike.
CREATE TABLE credential_attempts (
  realm text NOT NULL CHECK (realm IN ('operator', 'merchant_staff')),
  username text NOT NULL CHECK (length(username) <= 200),
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (realm, username)
);
-- Locks and counts in force carry over; operators.failed_attempts/locked_until are no longer
-- written.
INSERT INTO credential_attempts (realm, username, failed_attempts, locked_until, updated_at)
SELECT 'operator', username, failed_attempts, locked_until, now() FROM operators
WHERE failed_attempts > 0 OR locked_until IS NOT NULL;
