-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001).
--
-- Decides a post, void or expire of a pending transfer (p_item keys: t kind, p the pending
-- transfer's id, a the amount fen to post; see ledger_create_transfers.sql) against the pending
-- transfer as it stands, changing nothing. Either `refusal` is set (a result object: r the error
-- code, and resolved_by, the kind of the transfer that already resolved it, if one did), or the
-- legs to write are: the pending transfer's accounts, the amounts the new transfer records, what
-- it posts (posted_fen) and what it releases from pending (pending_fen, negative: every
-- resolution releases the whole hold). The caller has locked the accounts.
DROP FUNCTION IF EXISTS ledger_resolve_pending(jsonb, timestamptz);
CREATE FUNCTION ledger_resolve_pending(p_item jsonb, p_now timestamptz,
  OUT refusal jsonb, OUT pending_transfer_id bigint, OUT debit_ids bigint[],
  OUT credit_ids bigint[], OUT amounts_fen bigint[], OUT posted_fen bigint[],
  OUT pending_fen bigint[])
LANGUAGE plpgsql STABLE AS $$
DECLARE
  transfer_kind text := p_item->>'t';
  post_amount_fen bigint := (p_item->>'a')::bigint;
  pending_transfer record;
BEGIN
  SELECT t.id, t.kind, t.debit_account_ids, t.credit_account_ids, t.amounts, t.timeout_at,
      (SELECT r.kind FROM ledger_transfers r WHERE r.pending_id = t.id) AS resolved_by
    INTO pending_transfer FROM ledger_transfers t WHERE t.id = (p_item->>'p')::bigint;
  IF NOT FOUND THEN
    refusal := jsonb_build_object('r', 'TRANSFER_NOT_FOUND');
    RETURN;
  END IF;
  IF pending_transfer.kind <> 'pending' OR pending_transfer.resolved_by IS NOT NULL THEN
    refusal := jsonb_build_object('r', 'TRANSFER_NOT_PENDING', 'resolved_by',
      pending_transfer.resolved_by);
    RETURN;
  END IF;
  IF transfer_kind = 'post' THEN
    IF pending_transfer.timeout_at IS NOT NULL AND pending_transfer.timeout_at <= p_now THEN
      refusal := jsonb_build_object('r', 'PENDING_EXPIRED');
      RETURN;
    END IF;
    IF post_amount_fen IS NULL THEN
      posted_fen := pending_transfer.amounts;
    ELSIF cardinality(pending_transfer.amounts) <> 1
        OR NOT ledger_amount_is_valid(post_amount_fen) THEN
      refusal := jsonb_build_object('r', 'INVALID_AMOUNT');
      RETURN;
    ELSIF post_amount_fen > pending_transfer.amounts[1] THEN
      refusal := jsonb_build_object('r', 'AMOUNT_EXCEEDS_PENDING');
      RETURN;
    ELSE
      posted_fen := ARRAY[post_amount_fen];
    END IF;
    amounts_fen := posted_fen;
  ELSE
    IF transfer_kind = 'expire' AND (pending_transfer.timeout_at IS NULL
        OR pending_transfer.timeout_at > p_now) THEN
      refusal := jsonb_build_object('r', 'PENDING_NOT_EXPIRED');
      RETURN;
    END IF;
    posted_fen := array_fill(0::bigint, ARRAY[cardinality(pending_transfer.amounts)]);
    amounts_fen := pending_transfer.amounts;
  END IF;
  pending_transfer_id := pending_transfer.id;
  debit_ids := pending_transfer.debit_account_ids;
  credit_ids := pending_transfer.credit_account_ids;
  pending_fen := ARRAY(SELECT -held FROM unnest(pending_transfer.amounts) AS held);
END $$;
