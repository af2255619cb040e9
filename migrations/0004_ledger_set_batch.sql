-- Batches applied as sets: a batch of single-leg transfers costs a handful of statements, not a
-- handful of statements per transfer.
--
-- 1. The text rules on accounts' descriptive columns move from table CHECKs to domains. A table
--    CHECK is evaluated on every UPDATE of the row, and every posting updates two rows: the
--    regular-expression checks on currency, purpose and owner alone measured half the cost of a
--    1,800-row balance UPDATE (22 ms -> 12 ms). A domain checks a value only when one is
--    assigned, so the rules hold exactly as before (INSERT, and any UPDATE that sets them).
CREATE DOMAIN ledger_owner_kind AS text CHECK (VALUE IN ('user', 'merchant', 'platform'));
CREATE DOMAIN ledger_owner_id AS text CHECK (length(VALUE) BETWEEN 1 AND 64);
CREATE DOMAIN ledger_purpose AS text CHECK (VALUE ~ '^[a-z][a-z0-9_:.-]{0,63}$');
CREATE DOMAIN ledger_currency AS text CHECK (VALUE ~ '^[A-Z]{3}$');
CREATE DOMAIN ledger_account_status AS text CHECK (VALUE IN ('active', 'frozen', 'closed'));

ALTER TABLE ledger_accounts
  DROP CONSTRAINT ledger_accounts_owner_kind_check,
  DROP CONSTRAINT ledger_accounts_owner_id_check,
  DROP CONSTRAINT ledger_accounts_purpose_check,
  DROP CONSTRAINT ledger_accounts_currency_check,
  DROP CONSTRAINT ledger_accounts_status_check,
  ALTER COLUMN owner_kind TYPE ledger_owner_kind,
  ALTER COLUMN owner_id TYPE ledger_owner_id,
  ALTER COLUMN purpose TYPE ledger_purpose,
  ALTER COLUMN currency TYPE ledger_currency,
  ALTER COLUMN status TYPE ledger_account_status;

-- 2. ledger_create_simple_transfers: the batch entry point for single-leg posted or pending
--    transfers (what the coalescer and bulk callers send), as parallel arrays (position i is
--    transfer i). It decides the whole batch with set statements when every transfer in it
--    succeeds, which is the common case; it gives the batch to the per-transfer path
--    (ledger_create_transfers) when any one would be refused or is a retry, so every result,
--    refusal and idempotent replay is exactly what that path answers. Returns
--    {"ok": [id, ...], "at": time} when all were created, else ledger_create_transfers' array.
CREATE FUNCTION ledger_apply_simple_batch(
  p_keys text[], p_hashes text[], p_kinds text[], p_codes text[], p_debits bigint[],
  p_credits bigint[], p_amounts bigint[], p_timeouts timestamptz[], p_metadata jsonb,
  p_now timestamptz
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_n int := cardinality(p_keys);
  v_sequence regclass := pg_get_serial_sequence('ledger_transfers', 'id')::regclass;
  v_ids bigint[];
  v_problems bigint;
  v_currencies bigint;
  v_rows bigint;
  v_accounts bigint[];
  -- Entries, one per leg side (parallel arrays).
  e_acc bigint[]; e_ver bigint[]; e_ord int[]; e_side "char"[]; e_posted bigint[];
  e_pending bigint[]; e_bal bigint[]; e_dpe bigint[]; e_cpe bigint[];
  -- Each account's state after the batch.
  f_acc bigint[]; f_dp bigint[]; f_dpe bigint[]; f_cp bigint[]; f_cpe bigint[]; f_ver bigint[];
BEGIN
  IF EXISTS (SELECT 1 FROM unnest(p_debits, p_credits, p_amounts, p_kinds) AS u(d, c, a, t)
      WHERE d IS NULL OR c IS NULL OR d = c OR a IS NULL OR a <= 0 OR a > 1000000000000
        OR t IS NULL OR t NOT IN ('posted', 'pending')) THEN
    RAISE EXCEPTION 'a transfer needs the per-transfer path' USING ERRCODE = 'P0903';
  END IF;

  -- The transfers first, before any account is locked, so the locks are held for less time. A
  -- key that exists (a retry, or a concurrent batch with the same key) raises unique_violation.
  v_ids := ARRAY(SELECT nextval(v_sequence) FROM generate_series(1, v_n));
  INSERT INTO ledger_transfers (id, idempotency_key, content_hash, kind, code, debit_account_ids,
      credit_account_ids, amounts, pending_id, timeout_at, metadata, created_at)
    OVERRIDING SYSTEM VALUE
    SELECT u.id, u.k, u.h, u.t, u.c, ARRAY[u.d], ARRAY[u.cr], ARRAY[u.a], NULL,
        CASE WHEN u.t = 'pending' THEN u.o END, NULLIF(p_metadata->(u.ord::int - 1), 'null'), p_now
      FROM unnest(v_ids, p_keys, p_hashes, p_kinds, p_codes, p_debits, p_credits, p_amounts,
        p_timeouts) WITH ORDINALITY AS u(id, k, h, t, c, d, cr, a, o, ord);

  -- Lock every account in ascending id order (as ledger_create_transfers does), then walk each
  -- account's legs in batch order from its state before the batch (the ord 0 row): running
  -- sums give the state after every leg, which is both each entry's "after" and what the
  -- limits are checked against, transfer by transfer, exactly as the per-transfer path would.
  -- The accounts are locked by a join with their sorted ids, not by `id = ANY(array)`: a row a
  -- concurrent batch has just updated is re-checked (EvalPlanQual), and each re-check of an
  -- ANY-array index scan sorts the whole array again. With 1,000-transfer batches that was
  -- most of the CPU of two concurrent batches (perf: qsort_arg, btint8cmp), and two clients
  -- managed 6 batches/s where one alone managed 14; joined, they manage 21.
  v_accounts := ARRAY(SELECT DISTINCT unnest(p_debits || p_credits) ORDER BY 1);
  WITH acc AS MATERIALIZED (
    SELECT id, status, currency, debits_must_not_exceed_credits AS dm,
        credits_must_not_exceed_debits AS cm, debits_posted, debits_pending, credits_posted,
        credits_pending, version
      FROM unnest(v_accounts) AS u(id) JOIN ledger_accounts a USING (id) ORDER BY id FOR UPDATE OF a
  ), moves AS (
    SELECT id AS acc, 0 AS ord, 'I'::"char" AS side, dm, cm, status = 'active' AS active,
        debits_posted AS m_dp, debits_pending AS m_dpe, credits_posted AS m_cp,
        credits_pending AS m_cpe, version AS m_n
      FROM acc
    UNION ALL
    SELECT u.d, u.ord::int, 'D'::"char", NULL::boolean, NULL::boolean, NULL::boolean,
        CASE WHEN u.t = 'posted' THEN u.a ELSE 0 END, CASE WHEN u.t = 'posted' THEN 0 ELSE u.a END,
        0::bigint, 0::bigint, 1::bigint
      FROM unnest(p_debits, p_amounts, p_kinds) WITH ORDINALITY AS u(d, a, t, ord)
    UNION ALL
    SELECT u.c, u.ord::int, 'C'::"char", NULL, NULL, NULL, 0, 0,
        CASE WHEN u.t = 'posted' THEN u.a ELSE 0 END, CASE WHEN u.t = 'posted' THEN 0 ELSE u.a END, 1
      FROM unnest(p_credits, p_amounts, p_kinds) WITH ORDINALITY AS u(c, a, t, ord)
  ), running AS (
    SELECT acc, ord, side, m_dp, m_dpe, m_cp, m_cpe,
        first_value(side) OVER w AS head,
        bool_or(dm) OVER w AS dm, bool_or(cm) OVER w AS cm, bool_or(active) OVER w AS active,
        sum(m_dp) OVER w AS dp, sum(m_dpe) OVER w AS dpe, sum(m_cp) OVER w AS cp,
        sum(m_cpe) OVER w AS cpe, sum(m_n) OVER w AS ver,
        lead(ord) OVER w IS NULL AS last
      FROM moves
      WINDOW w AS (PARTITION BY acc ORDER BY ord ROWS UNBOUNDED PRECEDING)
  )
  SELECT
      count(*) FILTER (WHERE side <> 'I' AND (head <> 'I' OR NOT active
        OR (dm AND side = 'D' AND dp + dpe > cp)
        OR (cm AND side = 'C' AND cp + cpe > dp))),
      (SELECT count(DISTINCT currency) FROM acc),
      array_agg(acc) FILTER (WHERE side <> 'I'),
      array_agg(ver) FILTER (WHERE side <> 'I'),
      array_agg(ord) FILTER (WHERE side <> 'I'),
      array_agg(side) FILTER (WHERE side <> 'I'),
      array_agg(CASE WHEN side = 'D' THEN m_dp ELSE m_cp END) FILTER (WHERE side <> 'I'),
      array_agg(CASE WHEN side = 'D' THEN m_dpe ELSE m_cpe END) FILTER (WHERE side <> 'I'),
      array_agg(cp - dp) FILTER (WHERE side <> 'I'),
      array_agg(dpe) FILTER (WHERE side <> 'I'),
      array_agg(cpe) FILTER (WHERE side <> 'I'),
      array_agg(acc) FILTER (WHERE last),
      array_agg(dp) FILTER (WHERE last),
      array_agg(dpe) FILTER (WHERE last),
      array_agg(cp) FILTER (WHERE last),
      array_agg(cpe) FILTER (WHERE last),
      array_agg(ver) FILTER (WHERE last)
    INTO v_problems, v_currencies, e_acc, e_ver, e_ord, e_side, e_posted, e_pending, e_bal,
      e_dpe, e_cpe, f_acc, f_dp, f_dpe, f_cp, f_cpe, f_ver
    FROM running;
  -- A refusal (unknown, frozen or closed account, not enough, over a limit) or a batch across
  -- currencies: the per-transfer path answers each transfer precisely.
  IF v_problems > 0 OR v_currencies <> 1 THEN
    RAISE EXCEPTION 'a transfer needs the per-transfer path' USING ERRCODE = 'P0903';
  END IF;
  IF cardinality(e_acc) <> 2 * v_n THEN
    RAISE EXCEPTION 'ledger batch: % entries for % transfers', cardinality(e_acc), v_n
      USING ERRCODE = 'P0902';
  END IF;

  -- The accounts are locked, so their state after the batch can be written as it was computed.
  UPDATE ledger_accounts a SET debits_posted = f.dp, debits_pending = f.dpe,
      credits_posted = f.cp, credits_pending = f.cpe, version = f.ver
    FROM unnest(f_acc, f_dp, f_dpe, f_cp, f_cpe, f_ver) AS f(acc, dp, dpe, cp, cpe, ver)
    WHERE a.id = f.acc;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  IF v_rows <> cardinality(f_acc) THEN
    RAISE EXCEPTION 'ledger batch: % of % accounts updated', v_rows, cardinality(f_acc)
      USING ERRCODE = 'P0902';
  END IF;

  INSERT INTO ledger_entries (account_id, account_version, transfer_id, side, posted_delta,
      pending_delta, balance_after, debits_pending_after, credits_pending_after, created_at)
    SELECT e.acc, e.ver, v_ids[e.ord], e.side, e.po, e.pe, e.bal, e.dpe, e.cpe, p_now
      FROM unnest(e_acc, e_ver, e_ord, e_side, e_posted, e_pending, e_bal, e_dpe, e_cpe)
        AS e(acc, ver, ord, side, po, pe, bal, dpe, cpe);

  INSERT INTO ledger_pending_open (transfer_id, timeout_at)
    SELECT u.id, u.o FROM unnest(v_ids, p_kinds, p_timeouts) AS u(id, t, o) WHERE u.t = 'pending';

  RETURN jsonb_build_object('ok', to_jsonb(v_ids), 'at', p_now);
END $$;

CREATE FUNCTION ledger_create_simple_transfers(
  p_keys text[], p_hashes text[], p_kinds text[], p_codes text[], p_debits bigint[],
  p_credits bigint[], p_amounts bigint[], p_timeouts timestamptz[], p_metadata jsonb,
  p_now timestamptz
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_n int := cardinality(p_keys);
BEGIN
  IF v_n IS NULL OR v_n < 1 OR v_n > 4096 OR cardinality(p_hashes) IS DISTINCT FROM v_n
      OR cardinality(p_kinds) IS DISTINCT FROM v_n OR cardinality(p_codes) IS DISTINCT FROM v_n
      OR cardinality(p_debits) IS DISTINCT FROM v_n OR cardinality(p_credits) IS DISTINCT FROM v_n
      OR cardinality(p_amounts) IS DISTINCT FROM v_n OR cardinality(p_timeouts) IS DISTINCT FROM v_n
      OR (p_metadata IS NOT NULL AND (jsonb_typeof(p_metadata) <> 'array'
        OR jsonb_array_length(p_metadata) <> v_n)) THEN
    RAISE EXCEPTION 'a batch is 1..4096 transfers as arrays of one length' USING ERRCODE = '22023';
  END IF;
  BEGIN
    -- A subtransaction: when the set path hands over, everything it did is undone.
    RETURN ledger_apply_simple_batch(p_keys, p_hashes, p_kinds, p_codes, p_debits, p_credits,
      p_amounts, p_timeouts, p_metadata, p_now);
  EXCEPTION WHEN SQLSTATE 'P0903' OR unique_violation THEN
    NULL;
  END;
  RETURN ledger_create_transfers((
    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('k', u.k, 'h', u.h, 't', u.t, 'c', u.c,
        'l', jsonb_build_array(jsonb_build_array(u.d, u.cr, u.a)), 'o', u.o))
      || CASE WHEN p_metadata->(u.ord::int - 1) IS NULL OR p_metadata->(u.ord::int - 1) = 'null'
        THEN '{}'::jsonb ELSE jsonb_build_object('m', p_metadata->(u.ord::int - 1)) END
      ORDER BY u.ord)
    FROM unnest(p_keys, p_hashes, p_kinds, p_codes, p_debits, p_credits, p_amounts, p_timeouts)
      WITH ORDINALITY AS u(k, h, t, c, d, cr, a, o, ord)), p_now);
END $$;

-- 3. The per-transfer path (also where the set path hands over): as in 0001, but locking as the
--    set path does.
-- The entry point for every other batch: transfers in one round trip and one database
-- transaction. Every account the batch touches is locked first, in ascending id order, so
-- concurrent batches never deadlock on accounts. Returns one result per transfer, in order.
CREATE OR REPLACE FUNCTION ledger_create_transfers(p_batch jsonb, p_now timestamptz)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_count int;
  v_item jsonb;
  v_legs jsonb;
  v_i int;
  v_k int;
  v_ids bigint[] := '{}';
  v_pending_ids bigint[] := '{}';
  v_results jsonb[] := '{}';
BEGIN
  IF jsonb_typeof(p_batch) <> 'array' OR jsonb_array_length(p_batch) > 4096 THEN
    RAISE EXCEPTION 'batch must be an array of at most 4096 transfers' USING ERRCODE = '22023';
  END IF;
  v_count := jsonb_array_length(p_batch);
  -- Collect every account first (plain loops: cheaper than a set query for small batches).
  FOR v_i IN 0..v_count - 1 LOOP
    v_item := p_batch->v_i;
    v_legs := v_item->'l';
    IF jsonb_typeof(v_legs) = 'array' THEN
      FOR v_k IN 0..least(jsonb_array_length(v_legs), 16) - 1 LOOP
        v_ids := v_ids || ((v_legs->v_k->>0)::bigint) || ((v_legs->v_k->>1)::bigint);
      END LOOP;
    ELSIF v_item ? 'p' THEN
      v_pending_ids := v_pending_ids || ((v_item->>'p')::bigint);
    END IF;
  END LOOP;
  IF cardinality(v_pending_ids) > 0 THEN
    v_ids := v_ids || ARRAY(SELECT unnest(t.debit_account_ids || t.credit_account_ids)
      FROM ledger_transfers t WHERE t.id = ANY(v_pending_ids));
  END IF;
  -- Locked through a join with the sorted ids, not `id = ANY(v_ids)`: see the lock in
  -- ledger_apply_simple_batch for why (each re-check of a concurrently updated row re-sorted
  -- the whole array).
  PERFORM 1 FROM (SELECT DISTINCT unnest(v_ids) AS id) AS u JOIN ledger_accounts a USING (id)
    ORDER BY id FOR UPDATE OF a;
  FOR v_i IN 0..v_count - 1 LOOP
    v_item := p_batch->v_i;
    IF v_item->>'t' IN ('posted', 'pending') AND jsonb_typeof(v_item->'l') = 'array'
        AND jsonb_array_length(v_item->'l') = 1 THEN
      v_results := array_append(v_results, ledger_create_single(v_item, p_now));
    ELSE
      v_results := array_append(v_results, ledger_create_one(v_item, p_now));
    END IF;
  END LOOP;
  RETURN to_jsonb(v_results);
END $$;
