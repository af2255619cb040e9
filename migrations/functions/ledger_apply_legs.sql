-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001).
--
-- Applies a transfer's legs to its (already locked) accounts and writes one entry per (account,
-- side). p_posted_fen[i] is added to the posted side and p_pending_fen[i] (signed: a resolution
-- releases a hold) to the pending side of both accounts of leg i. An account debited and
-- credited in one transfer gets its D entry first, then its C entry. Plain per-row statements
-- with cached plans: on this path, set-based CTEs cost more to plan than to run (measured
-- 0.4-0.9 ms per call on PG 15).
DROP FUNCTION IF EXISTS ledger_apply_legs(bigint, bigint[], bigint[], bigint[], bigint[],
  timestamptz);
CREATE FUNCTION ledger_apply_legs(
  p_transfer_id bigint, p_debit_account_ids bigint[], p_credit_account_ids bigint[],
  p_posted_fen bigint[], p_pending_fen bigint[], p_now timestamptz
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  -- Per distinct account (slot j): what it is debited and credited, posted and pending, and
  -- whether it has a D and a C entry.
  account_ids bigint[] := '{}';
  debit_posted bigint[] := '{}';
  debit_pending bigint[] := '{}';
  credit_posted bigint[] := '{}';
  credit_pending bigint[] := '{}';
  is_debited boolean[] := '{}';
  is_credited boolean[] := '{}';
  leg_index int;
  slot int;
  updated record;
  -- The entries to write, one per (account, side), as parallel arrays for one INSERT.
  entry_account_ids bigint[] := '{}';
  entry_versions bigint[] := '{}';
  entry_sides "char"[] := '{}';
  entry_posted bigint[] := '{}';
  entry_pending bigint[] := '{}';
  entry_balances bigint[] := '{}';
  entry_debits_pending bigint[] := '{}';
  entry_credits_pending bigint[] := '{}';
BEGIN
  FOR leg_index IN 1..cardinality(p_debit_account_ids) LOOP
    slot := array_position(account_ids, p_debit_account_ids[leg_index]);
    IF slot IS NULL THEN
      account_ids := account_ids || p_debit_account_ids[leg_index];
      slot := cardinality(account_ids);
      debit_posted[slot] := 0; debit_pending[slot] := 0;
      credit_posted[slot] := 0; credit_pending[slot] := 0;
      is_debited[slot] := false; is_credited[slot] := false;
    END IF;
    debit_posted[slot] := debit_posted[slot] + p_posted_fen[leg_index];
    debit_pending[slot] := debit_pending[slot] + p_pending_fen[leg_index];
    is_debited[slot] := true;
    slot := array_position(account_ids, p_credit_account_ids[leg_index]);
    IF slot IS NULL THEN
      account_ids := account_ids || p_credit_account_ids[leg_index];
      slot := cardinality(account_ids);
      debit_posted[slot] := 0; debit_pending[slot] := 0;
      credit_posted[slot] := 0; credit_pending[slot] := 0;
      is_debited[slot] := false; is_credited[slot] := false;
    END IF;
    credit_posted[slot] := credit_posted[slot] + p_posted_fen[leg_index];
    credit_pending[slot] := credit_pending[slot] + p_pending_fen[leg_index];
    is_credited[slot] := true;
  END LOOP;

  FOR slot IN 1..cardinality(account_ids) LOOP
    UPDATE ledger_accounts SET
        debits_posted = debits_posted + debit_posted[slot],
        debits_pending = debits_pending + debit_pending[slot],
        credits_posted = credits_posted + credit_posted[slot],
        credits_pending = credits_pending + credit_pending[slot],
        version = version + is_debited[slot]::int + is_credited[slot]::int
      WHERE id = account_ids[slot]
      RETURNING version, debits_posted, credits_posted, debits_pending, credits_pending
      INTO updated;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'ledger account % vanished', account_ids[slot]
        USING ERRCODE = '{{sqlstate.invariantBroken}}';
    END IF;
    IF is_debited[slot] THEN
      entry_account_ids := entry_account_ids || account_ids[slot];
      entry_sides := entry_sides || 'D'::"char";
      entry_posted := entry_posted || debit_posted[slot];
      entry_pending := entry_pending || debit_pending[slot];
      IF is_credited[slot] THEN
        -- The C entry follows; the D entry's "after" excludes it.
        entry_versions := entry_versions || (updated.version - 1);
        entry_balances := entry_balances
          || (updated.credits_posted - credit_posted[slot] - updated.debits_posted);
        entry_credits_pending := entry_credits_pending
          || (updated.credits_pending - credit_pending[slot]);
      ELSE
        entry_versions := entry_versions || updated.version;
        entry_balances := entry_balances || (updated.credits_posted - updated.debits_posted);
        entry_credits_pending := entry_credits_pending || updated.credits_pending;
      END IF;
      entry_debits_pending := entry_debits_pending || updated.debits_pending;
    END IF;
    IF is_credited[slot] THEN
      entry_account_ids := entry_account_ids || account_ids[slot];
      entry_sides := entry_sides || 'C'::"char";
      entry_posted := entry_posted || credit_posted[slot];
      entry_pending := entry_pending || credit_pending[slot];
      entry_versions := entry_versions || updated.version;
      entry_balances := entry_balances || (updated.credits_posted - updated.debits_posted);
      entry_debits_pending := entry_debits_pending || updated.debits_pending;
      entry_credits_pending := entry_credits_pending || updated.credits_pending;
    END IF;
  END LOOP;

  INSERT INTO ledger_entries (account_id, account_version, transfer_id, side, posted_delta,
      pending_delta, balance_after, debits_pending_after, credits_pending_after, created_at)
    SELECT e.account_id, e.version, p_transfer_id, e.side, e.posted, e.pending, e.balance,
        e.debits_pending, e.credits_pending, p_now
    FROM unnest(entry_account_ids, entry_versions, entry_sides, entry_posted, entry_pending,
        entry_balances, entry_debits_pending, entry_credits_pending)
      AS e(account_id, version, side, posted, pending, balance, debits_pending, credits_pending);
END $$;
