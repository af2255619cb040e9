-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0002).
--
-- The trigger function that keeps the audit log (src/modules/audit) append-only. 0002 raised
-- P0903 here, the code the ledger also used for its set-path hand-over; it now raises the one
-- append-only code the ledger journal raises. The trigger itself is in 0002.
CREATE OR REPLACE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log rows are append-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = '{{sqlstate.appendOnlyRow}}';
END $$;
