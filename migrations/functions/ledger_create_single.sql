-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001).
--
-- The hot path: one posted or pending transfer with a single leg (almost every payment, transfer
-- and top-up). The writer sends a lone transfer here directly; ledger_create_transfers calls it
-- for the single-leg items of a batch. It locks its two accounts itself, in ascending id order
-- (deadlock-free against every other writer; a no-op when the batch locked them already), with
-- the same statements that read them, so a lone transfer costs no separate locking query. The
-- idempotency lookup runs only when needed: a new key is the common case, the unique insert
-- detects a retry, and a refused transfer looks its key up before answering.
--
-- p_item, one transfer as transfer-request.ts encodeTransfer builds it:
--   k  idempotency key (text)            h  request hash (text, compared on a retry)
--   t  kind: 'posted' or 'pending'       c  transfer code (text, e.g. 'PAYMENT')
--   l  legs: [[debit account id, credit account id, amount fen]] (exactly one here)
--   o  pending timeout (timestamptz text; 'pending' only, optional)
--   m  metadata (any JSON, stored as given; optional)
-- Returns one result object:
--   r  'ok', 'exists' (a retry: the original transfer), or an error code of src/shared/errors.ts
--   id, at   the transfer's id and creation time (for 'ok', 'exists', 'IDEMPOTENCY_CONFLICT')
--   account  the account that refused it (ACCOUNT_NOT_FOUND, CURRENCY_MISMATCH, status, limits)
DROP FUNCTION IF EXISTS ledger_create_single(jsonb, timestamptz);
CREATE FUNCTION ledger_create_single(p_item jsonb, p_now timestamptz)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  transfer_key text := p_item->>'k';
  request_hash text := p_item->>'h';
  is_posted boolean := (p_item->>'t') = 'posted';
  leg jsonb := p_item->'l'->0;
  debit_id bigint := (leg->>0)::bigint;
  credit_id bigint := (leg->>1)::bigint;
  amount_fen bigint := (leg->>2)::bigint;
  posted_fen bigint := CASE WHEN is_posted THEN amount_fen ELSE 0 END;
  pending_fen bigint := CASE WHEN is_posted THEN 0 ELSE amount_fen END;
  debit_account record;
  credit_account record;
  debit_refusal text;
  credit_refusal text;
  debit_after record;
  credit_after record;
  refusal text;
  refused_account_id bigint;
  pending_timeout timestamptz;
  new_transfer_id bigint;
  existing record;
BEGIN
  IF NOT ledger_amount_is_valid(amount_fen) THEN
    refusal := 'INVALID_AMOUNT';
  ELSIF NOT ledger_leg_accounts_are_valid(debit_id, credit_id) THEN
    refusal := 'INVALID_REQUEST';
  ELSE
    IF debit_id < credit_id THEN
      SELECT id, status, currency, debits_must_not_exceed_credits AS limited, debits_posted,
          debits_pending, credits_posted
        INTO debit_account FROM ledger_accounts WHERE id = debit_id FOR UPDATE;
      SELECT id, status, currency, credits_must_not_exceed_debits AS limited, credits_posted,
          credits_pending, debits_posted
        INTO credit_account FROM ledger_accounts WHERE id = credit_id FOR UPDATE;
    ELSE
      SELECT id, status, currency, credits_must_not_exceed_debits AS limited, credits_posted,
          credits_pending, debits_posted
        INTO credit_account FROM ledger_accounts WHERE id = credit_id FOR UPDATE;
      SELECT id, status, currency, debits_must_not_exceed_credits AS limited, debits_posted,
          debits_pending, credits_posted
        INTO debit_account FROM ledger_accounts WHERE id = debit_id FOR UPDATE;
    END IF;
    IF debit_account.id IS NULL THEN
      refusal := 'ACCOUNT_NOT_FOUND'; refused_account_id := debit_id;
    ELSIF credit_account.id IS NULL THEN
      refusal := 'ACCOUNT_NOT_FOUND'; refused_account_id := credit_id;
    ELSIF debit_account.currency <> credit_account.currency THEN
      refusal := 'CURRENCY_MISMATCH'; refused_account_id := credit_id;
    ELSE
      -- Each account judged on its state after the transfer (debit and credit are different).
      debit_refusal := ledger_account_refusal(debit_account.status,
        ledger_debits_exceed_credits(debit_account.limited, debit_account.debits_posted + posted_fen,
          debit_account.debits_pending + pending_fen, debit_account.credits_posted), false);
      credit_refusal := ledger_account_refusal(credit_account.status, false,
        ledger_credits_exceed_debits(credit_account.limited,
          credit_account.credits_posted + posted_fen, credit_account.credits_pending + pending_fen,
          credit_account.debits_posted));
      IF ledger_refusal_rank(debit_refusal) < ledger_refusal_rank(credit_refusal)
          OR (debit_refusal = credit_refusal AND debit_id < credit_id) THEN
        refusal := debit_refusal; refused_account_id := debit_id;
      ELSIF credit_refusal IS NOT NULL THEN
        refusal := credit_refusal; refused_account_id := credit_id;
      END IF;
    END IF;
  END IF;

  IF refusal IS NULL THEN
    IF NOT is_posted THEN
      pending_timeout := (p_item->>'o')::timestamptz;
    END IF;
    INSERT INTO ledger_transfers (idempotency_key, content_hash, kind, code, debit_account_ids,
        credit_account_ids, amounts, pending_id, timeout_at, metadata, created_at)
      VALUES (transfer_key, request_hash, p_item->>'t', p_item->>'c', ARRAY[debit_id],
        ARRAY[credit_id], ARRAY[amount_fen], NULL, pending_timeout, p_item->'m', p_now)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id INTO new_transfer_id;
  END IF;
  IF new_transfer_id IS NULL THEN
    -- Refused, or the key exists: a retry of an earlier transfer answers as that transfer.
    SELECT id, content_hash, created_at INTO existing
      FROM ledger_transfers WHERE idempotency_key = transfer_key;
    IF FOUND THEN
      RETURN jsonb_build_object('r', CASE WHEN existing.content_hash = request_hash
        THEN 'exists' ELSE 'IDEMPOTENCY_CONFLICT' END, 'id', existing.id, 'at', existing.created_at);
    END IF;
    IF refused_account_id IS NULL THEN
      RETURN jsonb_build_object('r', refusal);
    END IF;
    RETURN jsonb_build_object('r', refusal, 'account', refused_account_id);
  END IF;

  UPDATE ledger_accounts SET debits_posted = debits_posted + posted_fen,
      debits_pending = debits_pending + pending_fen, version = version + 1
    WHERE id = debit_id
    RETURNING version, credits_posted - debits_posted AS balance, debits_pending, credits_pending
    INTO debit_after;
  UPDATE ledger_accounts SET credits_posted = credits_posted + posted_fen,
      credits_pending = credits_pending + pending_fen, version = version + 1
    WHERE id = credit_id
    RETURNING version, credits_posted - debits_posted AS balance, debits_pending, credits_pending
    INTO credit_after;
  IF NOT is_posted THEN
    INSERT INTO ledger_pending_open (transfer_id, timeout_at) VALUES (new_transfer_id, pending_timeout);
  END IF;
  INSERT INTO ledger_entries (account_id, account_version, transfer_id, side, posted_delta,
      pending_delta, balance_after, debits_pending_after, credits_pending_after, created_at)
    VALUES
      (debit_id, debit_after.version, new_transfer_id, 'D', posted_fen, pending_fen,
        debit_after.balance, debit_after.debits_pending, debit_after.credits_pending, p_now),
      (credit_id, credit_after.version, new_transfer_id, 'C', posted_fen, pending_fen,
        credit_after.balance, credit_after.debits_pending, credit_after.credits_pending, p_now);
  RETURN jsonb_build_object('r', 'ok', 'id', new_transfer_id, 'at', p_now);
END $$;
