-- Merchant notifications on the WeChat Pay v3 wire (issue 13, "Notifications"), owned by
-- src/modules/notifications: a durable outbox of events (TRANSACTION.SUCCESS, REFUND.*), each
-- written with the payment or refund change that caused it and delivered by the job runner
-- until the merchant answers 200/204 or WeChat's retry schedule runs out; every attempt kept.
-- Times are epoch milliseconds from the app's Clock, so tests move time.
CREATE TABLE notification_events (
  -- The notification's `id` on the wire, the same on every retry (a UUID, string(36)).
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 36),
  merchant_id text NOT NULL,
  -- What caused it ('pay:<payment>', 'refund:<refund>:<status>'): one event per cause, ever.
  source_key text NOT NULL UNIQUE CHECK (length(source_key) BETWEEN 1 AND 128),
  event_type text NOT NULL
    CHECK (event_type IN ('TRANSACTION.SUCCESS', 'REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED')),
  notify_url text NOT NULL CHECK (length(notify_url) BETWEEN 1 AND 256),
  -- The exact JSON body delivered: its resource is already AEAD-encrypted with the APIv3 key.
  body text NOT NULL CHECK (length(body) <= 16384),
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'given_up')),
  -- Every attempt ever made (numbers the attempt rows); round_attempts restarts on a resend.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0 AND attempts <= 10000),
  round_attempts integer NOT NULL DEFAULT 0 CHECK (round_attempts >= 0),
  next_attempt_at_ms bigint,
  -- Who is delivering it now and until when: a lease past its end is taken over (a crash).
  lease_owner text,
  lease_until_ms bigint,
  created_at_ms bigint NOT NULL,
  updated_at_ms bigint NOT NULL,
  delivered_at_ms bigint,
  CHECK ((status = 'pending') = (next_attempt_at_ms IS NOT NULL)),
  CHECK ((lease_owner IS NULL) = (lease_until_ms IS NULL))
);
CREATE INDEX notification_events_due ON notification_events (next_attempt_at_ms)
  WHERE status = 'pending';
CREATE INDEX notification_events_leased ON notification_events (merchant_id)
  WHERE lease_owner IS NOT NULL;
CREATE INDEX notification_events_merchant ON notification_events (merchant_id, created_at_ms DESC, id);

-- One row per delivery attempt: what the merchant's endpoint answered, how fast.
CREATE TABLE notification_attempts (
  event_id text NOT NULL REFERENCES notification_events (id),
  attempt integer NOT NULL CHECK (attempt >= 1),
  started_at_ms bigint NOT NULL,
  latency_ms integer NOT NULL CHECK (latency_ms >= 0),
  -- NULL when no answer came (timeout, refused connection, blocked address).
  http_status integer CHECK (http_status BETWEEN 100 AND 599),
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'timeout', 'error')),
  error text CHECK (length(error) <= 300),
  response_excerpt text CHECK (length(response_excerpt) <= 512),
  -- Sandbox: the attempt carried a deliberately bad signature ('garbled') or a SIGNTEST probe.
  signature_fault text CHECK (signature_fault IN ('garbled', 'probe')),
  PRIMARY KEY (event_id, attempt)
);

-- Refunds placed through the v3 API that owe the merchant a REFUND.* notification when they
-- end: watched until final. Also keeps the v3 request's content so a retried out_refund_no
-- with other content is refused.
CREATE TABLE notification_refund_watches (
  merchant_id text NOT NULL,
  out_refund_no text NOT NULL CHECK (length(out_refund_no) BETWEEN 1 AND 64),
  refund_id text,
  notify_url text CHECK (length(notify_url) <= 256),
  request_hash text NOT NULL,
  reported_status text CHECK (reported_status IN ('SUCCESS', 'ABNORMAL', 'CLOSED')),
  open boolean NOT NULL,
  created_at_ms bigint NOT NULL,
  updated_at_ms bigint NOT NULL,
  PRIMARY KEY (merchant_id, out_refund_no)
);
CREATE INDEX notification_refund_watches_open ON notification_refund_watches (updated_at_ms)
  WHERE open;

-- Sandbox: the next `remaining` notifications to this merchant carry a bad signature.
CREATE TABLE notification_signature_faults (
  merchant_id text PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('garbled', 'probe')),
  remaining integer NOT NULL CHECK (remaining BETWEEN 0 AND 100),
  updated_at_ms bigint NOT NULL
);
