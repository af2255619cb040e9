-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0004).
--
-- The set path of ledger_create_simple_transfers (same parameters; see that file): creates the
-- whole batch with a handful of statements when every transfer in it succeeds, else raises
-- {{sqlstate.handOverToPerTransferPath}} (a transfer the rules of ledger_rules.sql refuse, or a
-- batch across currencies) or a unique violation (a key that exists: a retry, or a concurrent
-- batch with the same key), and the caller undoes it and hands the batch over. Returns
-- {"ok": [new transfer ids, in order], "at": creation time}.
DROP FUNCTION IF EXISTS ledger_apply_simple_batch(text[], text[], text[], text[], bigint[],
  bigint[], bigint[], timestamptz[], jsonb, timestamptz);
CREATE FUNCTION ledger_apply_simple_batch(
  p_keys text[], p_hashes text[], p_kinds text[], p_codes text[], p_debit_account_ids bigint[],
  p_credit_account_ids bigint[], p_amounts_fen bigint[], p_timeouts timestamptz[],
  p_metadata jsonb, p_now timestamptz
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  transfer_count int := cardinality(p_keys);
  transfer_sequence regclass := pg_get_serial_sequence('ledger_transfers', 'id')::regclass;
  transfer_ids bigint[];
  refused_moves bigint;
  currency_count bigint;
  updated_rows bigint;
  locked_account_ids bigint[];
  -- Entries, one per leg side (parallel arrays): account, its version, the transfer's position
  -- in the batch, side, deltas and the account's state after the entry.
  entry_account_ids bigint[]; entry_versions bigint[]; entry_positions int[];
  entry_sides "char"[]; entry_posted bigint[]; entry_pending bigint[]; entry_balances bigint[];
  entry_debits_pending bigint[]; entry_credits_pending bigint[];
  -- Each account's state after the whole batch.
  final_account_ids bigint[]; final_debits_posted bigint[]; final_debits_pending bigint[];
  final_credits_posted bigint[]; final_credits_pending bigint[]; final_versions bigint[];
BEGIN
  IF EXISTS (SELECT 1 FROM unnest(p_debit_account_ids, p_credit_account_ids, p_amounts_fen,
        p_kinds) AS u(debit_id, credit_id, amount_fen, kind)
      WHERE NOT ledger_leg_accounts_are_valid(u.debit_id, u.credit_id)
        OR NOT ledger_amount_is_valid(u.amount_fen)
        OR u.kind IS NULL OR u.kind NOT IN ('posted', 'pending')) THEN
    RAISE EXCEPTION 'a transfer needs the per-transfer path'
      USING ERRCODE = '{{sqlstate.handOverToPerTransferPath}}';
  END IF;

  -- The transfers first, before any account is locked, so the locks are held for less time. A
  -- key that exists raises a unique violation.
  transfer_ids := ARRAY(SELECT nextval(transfer_sequence) FROM generate_series(1, transfer_count));
  INSERT INTO ledger_transfers (id, idempotency_key, content_hash, kind, code, debit_account_ids,
      credit_account_ids, amounts, pending_id, timeout_at, metadata, created_at)
    OVERRIDING SYSTEM VALUE
    SELECT u.id, u.key, u.hash, u.kind, u.code, ARRAY[u.debit_id], ARRAY[u.credit_id],
        ARRAY[u.amount_fen], NULL, CASE WHEN u.kind = 'pending' THEN u.timeout END,
        NULLIF(p_metadata->(u.ord::int - 1), 'null'), p_now
      FROM unnest(transfer_ids, p_keys, p_hashes, p_kinds, p_codes, p_debit_account_ids,
        p_credit_account_ids, p_amounts_fen, p_timeouts)
        WITH ORDINALITY AS u(id, key, hash, kind, code, debit_id, credit_id, amount_fen, timeout,
          ord);

  -- Lock every account in ascending id order (as ledger_create_transfers does), then walk each
  -- account's moves in batch order from its state before the batch (the ord 0 'I' row): running
  -- sums give the state after every move, which is both each entry's "after" and what the rules
  -- judge, transfer by transfer, exactly as the per-transfer path would. The accounts are locked
  -- by a join with their sorted ids, not by `id = ANY(array)`: a row a concurrent batch has just
  -- updated is re-checked (EvalPlanQual), and each re-check of an ANY-array index scan sorts the
  -- whole array again. With 1,000-transfer batches that was most of the CPU of two concurrent
  -- batches (perf: qsort_arg, btint8cmp), and two clients managed 6 batches/s where one alone
  -- managed 14; joined, they manage 21.
  locked_account_ids := ARRAY(SELECT DISTINCT unnest(p_debit_account_ids || p_credit_account_ids)
    ORDER BY 1);
  WITH locked AS MATERIALIZED (
    SELECT id, status, currency, debits_must_not_exceed_credits, credits_must_not_exceed_debits,
        debits_posted, debits_pending, credits_posted, credits_pending, version
      FROM unnest(locked_account_ids) AS wanted(id) JOIN ledger_accounts a USING (id)
      ORDER BY id FOR UPDATE OF a
  ), moves AS (
    -- side 'I': the account as locked; 'D'/'C': transfer ord debits/credits it (one version each).
    SELECT id AS account_id, 0 AS ord, 'I'::"char" AS side, status::text AS status,
        debits_must_not_exceed_credits AS debits_limited,
        credits_must_not_exceed_debits AS credits_limited,
        debits_posted AS move_debits_posted, debits_pending AS move_debits_pending,
        credits_posted AS move_credits_posted, credits_pending AS move_credits_pending,
        version AS move_versions
      FROM locked
    UNION ALL
    SELECT u.debit_id, u.ord::int, 'D'::"char", NULL::text, NULL::boolean, NULL::boolean,
        CASE WHEN u.kind = 'posted' THEN u.amount_fen ELSE 0 END,
        CASE WHEN u.kind = 'posted' THEN 0 ELSE u.amount_fen END, 0::bigint, 0::bigint, 1::bigint
      FROM unnest(p_debit_account_ids, p_amounts_fen, p_kinds) WITH ORDINALITY
        AS u(debit_id, amount_fen, kind, ord)
    UNION ALL
    SELECT u.credit_id, u.ord::int, 'C'::"char", NULL, NULL, NULL, 0, 0,
        CASE WHEN u.kind = 'posted' THEN u.amount_fen ELSE 0 END,
        CASE WHEN u.kind = 'posted' THEN 0 ELSE u.amount_fen END, 1
      FROM unnest(p_credit_account_ids, p_amounts_fen, p_kinds) WITH ORDINALITY
        AS u(credit_id, amount_fen, kind, ord)
  ), running AS (
    SELECT account_id, ord, side, move_debits_posted, move_debits_pending, move_credits_posted,
        move_credits_pending,
        first_value(side) OVER account_moves AS first_side,
        first_value(status) OVER account_moves AS status,
        bool_or(debits_limited) OVER account_moves AS debits_limited,
        bool_or(credits_limited) OVER account_moves AS credits_limited,
        (sum(move_debits_posted) OVER account_moves)::bigint AS debits_posted,
        (sum(move_debits_pending) OVER account_moves)::bigint AS debits_pending,
        (sum(move_credits_posted) OVER account_moves)::bigint AS credits_posted,
        (sum(move_credits_pending) OVER account_moves)::bigint AS credits_pending,
        (sum(move_versions) OVER account_moves)::bigint AS version,
        lead(ord) OVER account_moves IS NULL AS is_last
      FROM moves
      WINDOW account_moves AS (PARTITION BY account_id ORDER BY ord ROWS UNBOUNDED PRECEDING)
  )
  SELECT
      -- A move on an unknown account (its first row is not 'I') or one the rules refuse.
      count(*) FILTER (WHERE side <> 'I' AND (first_side <> 'I'
        OR ledger_account_refusal(status,
          ledger_debits_exceed_credits(debits_limited AND side = 'D', debits_posted,
            debits_pending, credits_posted),
          ledger_credits_exceed_debits(credits_limited AND side = 'C', credits_posted,
            credits_pending, debits_posted)) IS NOT NULL)),
      (SELECT count(DISTINCT currency) FROM locked),
      array_agg(account_id) FILTER (WHERE side <> 'I'),
      array_agg(version) FILTER (WHERE side <> 'I'),
      array_agg(ord) FILTER (WHERE side <> 'I'),
      array_agg(side) FILTER (WHERE side <> 'I'),
      array_agg(CASE WHEN side = 'D' THEN move_debits_posted ELSE move_credits_posted END)
        FILTER (WHERE side <> 'I'),
      array_agg(CASE WHEN side = 'D' THEN move_debits_pending ELSE move_credits_pending END)
        FILTER (WHERE side <> 'I'),
      array_agg(credits_posted - debits_posted) FILTER (WHERE side <> 'I'),
      array_agg(debits_pending) FILTER (WHERE side <> 'I'),
      array_agg(credits_pending) FILTER (WHERE side <> 'I'),
      array_agg(account_id) FILTER (WHERE is_last),
      array_agg(debits_posted) FILTER (WHERE is_last),
      array_agg(debits_pending) FILTER (WHERE is_last),
      array_agg(credits_posted) FILTER (WHERE is_last),
      array_agg(credits_pending) FILTER (WHERE is_last),
      array_agg(version) FILTER (WHERE is_last)
    INTO refused_moves, currency_count, entry_account_ids, entry_versions, entry_positions,
      entry_sides, entry_posted, entry_pending, entry_balances, entry_debits_pending,
      entry_credits_pending, final_account_ids, final_debits_posted, final_debits_pending,
      final_credits_posted, final_credits_pending, final_versions
    FROM running;
  -- A refusal (unknown, frozen or closed account, not enough, over a limit) or a batch across
  -- currencies: the per-transfer path answers each transfer precisely.
  IF refused_moves > 0 OR currency_count <> 1 THEN
    RAISE EXCEPTION 'a transfer needs the per-transfer path'
      USING ERRCODE = '{{sqlstate.handOverToPerTransferPath}}';
  END IF;
  IF cardinality(entry_account_ids) <> 2 * transfer_count THEN
    RAISE EXCEPTION 'ledger batch: % entries for % transfers', cardinality(entry_account_ids),
      transfer_count USING ERRCODE = '{{sqlstate.invariantBroken}}';
  END IF;

  -- The accounts are locked, so their state after the batch can be written as it was computed.
  UPDATE ledger_accounts a SET debits_posted = f.debits_posted,
      debits_pending = f.debits_pending, credits_posted = f.credits_posted,
      credits_pending = f.credits_pending, version = f.version
    FROM unnest(final_account_ids, final_debits_posted, final_debits_pending,
        final_credits_posted, final_credits_pending, final_versions)
      AS f(account_id, debits_posted, debits_pending, credits_posted, credits_pending, version)
    WHERE a.id = f.account_id;
  GET DIAGNOSTICS updated_rows = ROW_COUNT;
  IF updated_rows <> cardinality(final_account_ids) THEN
    RAISE EXCEPTION 'ledger batch: % of % accounts updated', updated_rows,
      cardinality(final_account_ids) USING ERRCODE = '{{sqlstate.invariantBroken}}';
  END IF;

  INSERT INTO ledger_entries (account_id, account_version, transfer_id, side, posted_delta,
      pending_delta, balance_after, debits_pending_after, credits_pending_after, created_at)
    SELECT e.account_id, e.version, transfer_ids[e.batch_position], e.side, e.posted, e.pending,
        e.balance, e.debits_pending, e.credits_pending, p_now
      FROM unnest(entry_account_ids, entry_versions, entry_positions, entry_sides, entry_posted,
        entry_pending, entry_balances, entry_debits_pending, entry_credits_pending)
        AS e(account_id, version, batch_position, side, posted, pending, balance, debits_pending,
          credits_pending);

  INSERT INTO ledger_pending_open (transfer_id, timeout_at)
    SELECT u.id, u.timeout FROM unnest(transfer_ids, p_kinds, p_timeouts) AS u(id, kind, timeout)
    WHERE u.kind = 'pending';

  RETURN jsonb_build_object('ok', to_jsonb(transfer_ids), 'at', p_now);
END $$;
