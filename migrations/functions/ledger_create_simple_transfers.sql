-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0004).
--
-- The batch entry point for single-leg posted or pending transfers (what the coalescer and bulk
-- callers send), as parallel arrays: position i of every array is transfer i.
--   p_keys       idempotency keys            p_hashes     request hashes
--   p_kinds      'posted' or 'pending'       p_codes      transfer codes
--   p_debit_account_ids, p_credit_account_ids, p_amounts_fen   the one leg of each
--   p_timeouts   pending timeouts (NULL for posted)
--   p_metadata   NULL, or a JSON array of each transfer's metadata (JSON null for none)
-- It decides the whole batch with set statements (ledger_apply_simple_batch) when every transfer
-- in it succeeds, the common case. When any one would be refused or is a retry, the set path
-- raises {{sqlstate.handOverToPerTransferPath}} (or a unique violation on a key) and the batch
-- goes to the per-transfer path (ledger_create_transfers) in the same call, so every result,
-- refusal and replay is exactly what that path answers. Returns {"ok": [new transfer ids, in
-- order], "at": creation time} when the set path created them all, else
-- ledger_create_transfers' array of results.
DROP FUNCTION IF EXISTS ledger_create_simple_transfers(text[], text[], text[], text[], bigint[],
  bigint[], bigint[], timestamptz[], jsonb, timestamptz);
CREATE FUNCTION ledger_create_simple_transfers(
  p_keys text[], p_hashes text[], p_kinds text[], p_codes text[], p_debit_account_ids bigint[],
  p_credit_account_ids bigint[], p_amounts_fen bigint[], p_timeouts timestamptz[],
  p_metadata jsonb, p_now timestamptz
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  transfer_count int := cardinality(p_keys);
BEGIN
  IF NOT ledger_batch_size_is_valid(transfer_count)
      OR cardinality(p_hashes) IS DISTINCT FROM transfer_count
      OR cardinality(p_kinds) IS DISTINCT FROM transfer_count
      OR cardinality(p_codes) IS DISTINCT FROM transfer_count
      OR cardinality(p_debit_account_ids) IS DISTINCT FROM transfer_count
      OR cardinality(p_credit_account_ids) IS DISTINCT FROM transfer_count
      OR cardinality(p_amounts_fen) IS DISTINCT FROM transfer_count
      OR cardinality(p_timeouts) IS DISTINCT FROM transfer_count
      OR (p_metadata IS NOT NULL AND (jsonb_typeof(p_metadata) <> 'array'
        OR jsonb_array_length(p_metadata) <> transfer_count)) THEN
    RAISE EXCEPTION 'a batch is 1..{{limit.transferBatchMax}} transfers as arrays of one length'
      USING ERRCODE = '{{sqlstate.invalidParameterValue}}';
  END IF;
  BEGIN
    -- A subtransaction: when the set path hands over, everything it did is undone.
    RETURN ledger_apply_simple_batch(p_keys, p_hashes, p_kinds, p_codes, p_debit_account_ids,
      p_credit_account_ids, p_amounts_fen, p_timeouts, p_metadata, p_now);
  EXCEPTION
    WHEN SQLSTATE '{{sqlstate.handOverToPerTransferPath}}'
      OR SQLSTATE '{{sqlstate.uniqueViolation}}' THEN
    NULL;
  END;
  -- The same transfers as ledger_create_transfers items (keys in ledger_create_transfers.sql):
  -- k key, h hash, t kind, c code, l [[debit, credit, amount]], o timeout (dropped when NULL by
  -- jsonb_strip_nulls), m metadata (only when the transfer has some).
  RETURN ledger_create_transfers((
    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('k', u.key, 'h', u.hash, 't', u.kind,
        'c', u.code, 'l', jsonb_build_array(jsonb_build_array(u.debit_id, u.credit_id,
        u.amount_fen)), 'o', u.timeout))
      || CASE WHEN p_metadata->(u.ord::int - 1) IS NULL OR p_metadata->(u.ord::int - 1) = 'null'
        THEN '{}'::jsonb ELSE jsonb_build_object('m', p_metadata->(u.ord::int - 1)) END
      ORDER BY u.ord)
    FROM unnest(p_keys, p_hashes, p_kinds, p_codes, p_debit_account_ids, p_credit_account_ids,
        p_amounts_fen, p_timeouts)
      WITH ORDINALITY AS u(key, hash, kind, code, debit_id, credit_id, amount_fen, timeout, ord)),
    p_now);
END $$;
