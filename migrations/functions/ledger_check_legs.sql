-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001).
--
-- Checks a new multi-leg transfer against its (already locked) accounts, with the rules of
-- ledger_rules.sql. Returns NULL when it may proceed, else {"r": refusal code, "account": id}.
-- Each account is judged on its state after the whole transfer (its posted credits count,
-- pending ones do not), the same state the table's CHECK constraints see. Precedence: unknown
-- account, currency mismatch, then ledger_refusal_rank (status, then limits; lowest id first).
DROP FUNCTION IF EXISTS ledger_check_legs(bigint[], bigint[], bigint[], boolean);
CREATE FUNCTION ledger_check_legs(
  p_debit_account_ids bigint[], p_credit_account_ids bigint[], p_amounts_fen bigint[],
  p_is_posted boolean
) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
  -- Per distinct account (slot j): its id, the sums it is debited and credited, whether it
  -- exists, and its currency.
  account_ids bigint[] := '{}';
  debit_sums bigint[] := '{}';
  credit_sums bigint[] := '{}';
  found_accounts boolean[] := '{}';
  currencies text[] := '{}';
  leg_index int;
  slot int;
  other_slot int;
  account record;
  account_refusal text;
  refusal text;
  refused_account_id bigint;
BEGIN
  FOR leg_index IN 1..cardinality(p_debit_account_ids) LOOP
    slot := array_position(account_ids, p_debit_account_ids[leg_index]);
    IF slot IS NULL THEN
      account_ids := account_ids || p_debit_account_ids[leg_index];
      slot := cardinality(account_ids);
      debit_sums[slot] := 0; credit_sums[slot] := 0;
      found_accounts[slot] := false;
    END IF;
    debit_sums[slot] := debit_sums[slot] + p_amounts_fen[leg_index];
    slot := array_position(account_ids, p_credit_account_ids[leg_index]);
    IF slot IS NULL THEN
      account_ids := account_ids || p_credit_account_ids[leg_index];
      slot := cardinality(account_ids);
      debit_sums[slot] := 0; credit_sums[slot] := 0;
      found_accounts[slot] := false;
    END IF;
    credit_sums[slot] := credit_sums[slot] + p_amounts_fen[leg_index];
  END LOOP;

  FOR account IN SELECT id, status, currency, debits_must_not_exceed_credits,
      credits_must_not_exceed_debits, debits_posted, credits_posted, debits_pending,
      credits_pending
    FROM ledger_accounts WHERE id = ANY(account_ids) ORDER BY id
  LOOP
    slot := array_position(account_ids, account.id);
    found_accounts[slot] := true;
    currencies[slot] := account.currency;
    account_refusal := ledger_account_refusal(account.status,
      ledger_debits_exceed_credits(account.debits_must_not_exceed_credits,
        account.debits_posted + CASE WHEN p_is_posted THEN debit_sums[slot] ELSE 0 END,
        account.debits_pending + CASE WHEN p_is_posted THEN 0 ELSE debit_sums[slot] END,
        account.credits_posted + CASE WHEN p_is_posted THEN credit_sums[slot] ELSE 0 END),
      ledger_credits_exceed_debits(account.credits_must_not_exceed_debits,
        account.credits_posted + CASE WHEN p_is_posted THEN credit_sums[slot] ELSE 0 END,
        account.credits_pending + CASE WHEN p_is_posted THEN 0 ELSE credit_sums[slot] END,
        account.debits_posted + CASE WHEN p_is_posted THEN debit_sums[slot] ELSE 0 END));
    -- Rows come in id order, so a strictly lower rank is needed to replace an earlier account.
    IF ledger_refusal_rank(account_refusal) < ledger_refusal_rank(refusal) THEN
      refusal := account_refusal; refused_account_id := account.id;
    END IF;
  END LOOP;

  FOR slot IN 1..cardinality(account_ids) LOOP
    IF NOT found_accounts[slot] THEN
      RETURN jsonb_build_object('r', 'ACCOUNT_NOT_FOUND', 'account', account_ids[slot]);
    END IF;
  END LOOP;
  FOR leg_index IN 1..cardinality(p_debit_account_ids) LOOP
    slot := array_position(account_ids, p_debit_account_ids[leg_index]);
    other_slot := array_position(account_ids, p_credit_account_ids[leg_index]);
    IF currencies[slot] <> currencies[other_slot] THEN
      RETURN jsonb_build_object('r', 'CURRENCY_MISMATCH', 'account',
        p_credit_account_ids[leg_index]);
    END IF;
  END LOOP;
  IF refusal IS NOT NULL THEN
    RETURN jsonb_build_object('r', refusal, 'account', refused_account_id);
  END IF;
  RETURN NULL;
END $$;
