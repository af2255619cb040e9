-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001).
--
-- Creates one transfer that is not a single-leg posted/pending one: a multi-leg posted or
-- pending transfer, or a post/void/expire of a pending transfer. p_item's keys and the result's
-- are described in ledger_create_transfers.sql and ledger_create_single.sql; a refused
-- resolution also answers "resolved_by": the kind of the transfer that resolved the pending one,
-- if any. Never raises for an operating error, so one bad transfer in a batch leaves the others
-- untouched; it changes nothing when it fails. The caller has locked every account involved.
DROP FUNCTION IF EXISTS ledger_create_one(jsonb, timestamptz);
CREATE FUNCTION ledger_create_one(p_item jsonb, p_now timestamptz)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  transfer_key text := p_item->>'k';
  request_hash text := p_item->>'h';
  transfer_kind text := p_item->>'t';
  existing record;
  pending_transfer record;
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
  post_amount_fen bigint;
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
    SELECT t.id, t.kind, t.debit_account_ids, t.credit_account_ids, t.amounts, t.timeout_at,
        (SELECT r.kind FROM ledger_transfers r WHERE r.pending_id = t.id) AS resolved_by
      INTO pending_transfer FROM ledger_transfers t WHERE t.id = (p_item->>'p')::bigint;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('r', 'TRANSFER_NOT_FOUND');
    END IF;
    IF pending_transfer.kind <> 'pending' OR pending_transfer.resolved_by IS NOT NULL THEN
      RETURN jsonb_build_object('r', 'TRANSFER_NOT_PENDING', 'resolved_by',
        pending_transfer.resolved_by);
    END IF;
    debit_ids := pending_transfer.debit_account_ids;
    credit_ids := pending_transfer.credit_account_ids;
    -- Every resolution releases the whole hold; a post also moves what it posts.
    pending_fen := ARRAY(SELECT -held FROM unnest(pending_transfer.amounts) AS held);
    IF transfer_kind = 'post' THEN
      IF pending_transfer.timeout_at IS NOT NULL AND pending_transfer.timeout_at <= p_now THEN
        RETURN jsonb_build_object('r', 'PENDING_EXPIRED');
      END IF;
      post_amount_fen := (p_item->>'a')::bigint;
      IF post_amount_fen IS NULL THEN
        posted_fen := pending_transfer.amounts;
      ELSIF cardinality(pending_transfer.amounts) <> 1
          OR NOT ledger_amount_is_valid(post_amount_fen) THEN
        RETURN jsonb_build_object('r', 'INVALID_AMOUNT');
      ELSIF post_amount_fen > pending_transfer.amounts[1] THEN
        RETURN jsonb_build_object('r', 'AMOUNT_EXCEEDS_PENDING');
      ELSE
        posted_fen := ARRAY[post_amount_fen];
      END IF;
      amounts_fen := posted_fen;
    ELSE
      IF transfer_kind = 'expire' AND (pending_transfer.timeout_at IS NULL
          OR pending_transfer.timeout_at > p_now) THEN
        RETURN jsonb_build_object('r', 'PENDING_NOT_EXPIRED');
      END IF;
      posted_fen := array_fill(0::bigint, ARRAY[cardinality(pending_transfer.amounts)]);
      amounts_fen := pending_transfer.amounts;
    END IF;
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
    DELETE FROM ledger_pending_open WHERE transfer_id = pending_transfer.id;
  END IF;
  RETURN jsonb_build_object('r', 'ok', 'id', new_transfer_id, 'at', p_now);
END $$;
