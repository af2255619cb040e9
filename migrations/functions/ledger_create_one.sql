-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001).
--
-- Creates one transfer that is not a single-leg posted/pending one: a multi-leg posted or
-- pending transfer (checked by ledger_check_legs), or a post/void/expire of a pending transfer
-- (decided by ledger_resolve_pending). p_item's keys and the result's are described in
-- ledger_create_transfers.sql and ledger_create_single.sql; a refused resolution also answers
-- "resolved_by" (see ledger_resolve_pending). Never raises for an operating error, so one bad transfer in a batch leaves the others
-- untouched; it changes nothing when it fails. The caller has locked every account involved.
DROP FUNCTION IF EXISTS ledger_create_one(jsonb, timestamptz);
CREATE FUNCTION ledger_create_one(p_item jsonb, p_now timestamptz)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  transfer_key text := p_item->>'k';
  request_hash text := p_item->>'h';
  transfer_kind text := p_item->>'t';
  existing record;
  resolution record;
  debit_ids bigint[] := '{}';
  credit_ids bigint[] := '{}';
  amounts_fen bigint[] := '{}';
  posted_fen bigint[];
  pending_fen bigint[];
  problem jsonb;
  legs jsonb;
  leg_count int;
  leg_index int;
  pending_timeout timestamptz;
  new_transfer_id bigint;
BEGIN
  SELECT id, content_hash, created_at INTO existing
    FROM ledger_transfers WHERE idempotency_key = transfer_key;
  IF FOUND THEN
    RETURN jsonb_build_object('r', CASE WHEN existing.content_hash = request_hash
      THEN 'exists' ELSE 'IDEMPOTENCY_CONFLICT' END, 'id', existing.id, 'at', existing.created_at);
  END IF;

  IF transfer_kind IN ('posted', 'pending') THEN
    legs := p_item->'l';
    leg_count := CASE WHEN jsonb_typeof(legs) = 'array' THEN jsonb_array_length(legs) ELSE 0 END;
    IF NOT ledger_leg_count_is_valid(leg_count) THEN
      RETURN jsonb_build_object('r', 'INVALID_REQUEST');
    END IF;
    FOR leg_index IN 1..leg_count LOOP
      debit_ids[leg_index] := (legs->(leg_index - 1)->>0)::bigint;
      credit_ids[leg_index] := (legs->(leg_index - 1)->>1)::bigint;
      amounts_fen[leg_index] := (legs->(leg_index - 1)->>2)::bigint;
      IF NOT ledger_amount_is_valid(amounts_fen[leg_index]) THEN
        RETURN jsonb_build_object('r', 'INVALID_AMOUNT');
      END IF;
      IF NOT ledger_leg_accounts_are_valid(debit_ids[leg_index], credit_ids[leg_index]) THEN
        RETURN jsonb_build_object('r', 'INVALID_REQUEST');
      END IF;
    END LOOP;
    problem := ledger_check_legs(debit_ids, credit_ids, amounts_fen, transfer_kind = 'posted');
    IF problem IS NOT NULL THEN
      RETURN problem;
    END IF;
    IF transfer_kind = 'posted' THEN
      posted_fen := amounts_fen;
      pending_fen := array_fill(0::bigint, ARRAY[leg_count]);
    ELSE
      posted_fen := array_fill(0::bigint, ARRAY[leg_count]);
      pending_fen := amounts_fen;
      pending_timeout := (p_item->>'o')::timestamptz;
    END IF;
  ELSE
    -- post / void / expire of a pending transfer.
    SELECT * INTO resolution FROM ledger_resolve_pending(p_item, p_now);
    IF resolution.refusal IS NOT NULL THEN
      RETURN resolution.refusal;
    END IF;
    debit_ids := resolution.debit_ids;
    credit_ids := resolution.credit_ids;
    amounts_fen := resolution.amounts_fen;
    posted_fen := resolution.posted_fen;
    pending_fen := resolution.pending_fen;
  END IF;

  INSERT INTO ledger_transfers (idempotency_key, content_hash, kind, code, debit_account_ids,
      credit_account_ids, amounts, pending_id, timeout_at, metadata, created_at)
    VALUES (transfer_key, request_hash, transfer_kind, p_item->>'c', debit_ids, credit_ids,
      amounts_fen, (p_item->>'p')::bigint, pending_timeout, p_item->'m', p_now)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO new_transfer_id;
  IF new_transfer_id IS NULL THEN
    -- A concurrent transaction committed the same key between our check and our insert.
    SELECT id, content_hash, created_at INTO existing
      FROM ledger_transfers WHERE idempotency_key = transfer_key;
    RETURN jsonb_build_object('r', CASE WHEN existing.content_hash = request_hash
      THEN 'exists' ELSE 'IDEMPOTENCY_CONFLICT' END, 'id', existing.id, 'at', existing.created_at);
  END IF;

  PERFORM ledger_apply_legs(new_transfer_id, debit_ids, credit_ids, posted_fen, pending_fen,
    p_now);
  IF transfer_kind = 'pending' THEN
    INSERT INTO ledger_pending_open (transfer_id, timeout_at)
      VALUES (new_transfer_id, pending_timeout);
  ELSIF transfer_kind IN ('post', 'void', 'expire') THEN
    DELETE FROM ledger_pending_open WHERE transfer_id = resolution.pending_transfer_id;
  END IF;
  RETURN jsonb_build_object('r', 'ok', 'id', new_transfer_id, 'at', p_now);
END $$;
