-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001).
--
-- The trigger function that keeps the ledger journal (ledger_transfers, ledger_entries)
-- append-only: any UPDATE, DELETE or TRUNCATE raises. The triggers themselves are in 0001.
CREATE OR REPLACE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger journal rows are append-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = '{{sqlstate.appendOnlyRow}}';
END $$;
