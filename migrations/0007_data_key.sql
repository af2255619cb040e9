-- The data key's fingerprint (HMAC-SHA256 of a fixed label under the key, never the key), written
-- by the first process to start: a process with another key refuses to start instead of failing
-- every card and ID decryption later.
CREATE TABLE platform_data_key (
  id smallint PRIMARY KEY CHECK (id = 1),
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
