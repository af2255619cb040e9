-- The durable job queue (src/modules/jobs): one row per scheduled piece of work. Times are
-- epoch milliseconds from the app's Clock, never the database's now(), so tests move time.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
  -- Scheduling is idempotent: one (kind, job_key) is one job, however often it is scheduled.
  job_key text NOT NULL CHECK (length(job_key) BETWEEN 1 AND 128),
  -- jsonb's text form is a little longer than JSON.stringify's: the code bounds 4 KiB.
  payload jsonb NOT NULL DEFAULT '{}' CHECK (octet_length(payload::text) <= 8192),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'done', 'failed')),
  run_at_ms bigint NOT NULL CHECK (run_at_ms >= 0),
  -- Recurring jobs (the resolver, the expiry sweep) are re-scheduled this far ahead by the runner.
  every_ms bigint CHECK (every_ms IS NULL OR every_ms > 0),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
  -- Who runs it and until when: a lease past its expiry is taken over (the runner crashed).
  lease_owner text,
  lease_expires_at_ms bigint,
  last_error_code text,
  last_error_message text CHECK (length(last_error_message) <= 1000),
  created_at_ms bigint NOT NULL,
  updated_at_ms bigint NOT NULL,
  finished_at_ms bigint,
  UNIQUE (kind, job_key),
  CHECK ((status = 'running') = (lease_owner IS NOT NULL AND lease_expires_at_ms IS NOT NULL))
);

-- The two ways a job is due: pending and its time has come, or running on an expired lease.
CREATE INDEX jobs_pending_due ON jobs (run_at_ms) WHERE status = 'pending';
CREATE INDEX jobs_lease_expiry ON jobs (lease_expires_at_ms) WHERE status = 'running';
-- The operators' list, newest first per status.
CREATE INDEX jobs_status_updated ON jobs (status, updated_at_ms DESC, id DESC);
