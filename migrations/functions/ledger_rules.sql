-- Repeatable (re-applied by migrate() when this text changes; edit here, never in 0001/0004).
--
-- The ledger's acceptance rules, each written once, as small LANGUAGE sql IMMUTABLE functions
-- the planner inlines into the statements that call them (no call cost once a plan is cached).
-- The per-transfer path (ledger_create_single, ledger_check_legs, ledger_create_one) and the set
-- path (ledger_apply_simple_batch) both decide with them. Limits come from LIMITS in
-- src/shared/limits.ts (substituted by migrate()), which transfer-request.ts checks as well.

-- A leg's amount: at least 1 fen, at most LIMITS.transferAmountFenMax.
CREATE OR REPLACE FUNCTION ledger_amount_is_valid(amount_fen bigint)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(amount_fen > 0 AND amount_fen <= {{limit.transferAmountFenMax}}, false)
$$;

-- A leg names both accounts, and two different ones.
CREATE OR REPLACE FUNCTION ledger_leg_accounts_are_valid(debit_account_id bigint,
  credit_account_id bigint)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(debit_account_id <> credit_account_id, false)
$$;

-- A transfer has 1 to LIMITS.transferLegsMax legs.
CREATE OR REPLACE FUNCTION ledger_leg_count_is_valid(leg_count integer)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(leg_count BETWEEN 1 AND {{limit.transferLegsMax}}, false)
$$;

-- A batch call carries 1 to LIMITS.transferBatchMax transfers.
CREATE OR REPLACE FUNCTION ledger_batch_size_is_valid(transfer_count integer)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(transfer_count BETWEEN 1 AND {{limit.transferBatchMax}}, false)
$$;

-- A debits_must_not_exceed_credits account, given its state after the transfer: pending debits
-- count with posted ones (a hold reduces what can be spent), pending credits do not.
CREATE OR REPLACE FUNCTION ledger_debits_exceed_credits(must_not_exceed boolean,
  debits_posted bigint, debits_pending bigint, credits_posted bigint)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(must_not_exceed AND debits_posted + debits_pending > credits_posted, false)
$$;

-- The mirror image, for a credits_must_not_exceed_debits account after the transfer.
CREATE OR REPLACE FUNCTION ledger_credits_exceed_debits(must_not_exceed boolean,
  credits_posted bigint, credits_pending bigint, debits_posted bigint)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(must_not_exceed AND credits_posted + credits_pending > debits_posted, false)
$$;

-- What one account of a transfer refuses it with, NULL when it accepts: its status first (closed,
-- then frozen), then its limit.
CREATE OR REPLACE FUNCTION ledger_account_refusal(status text, debits_exceed_credits boolean,
  credits_exceed_debits boolean)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN status = 'closed' THEN 'ACCOUNT_CLOSED'
    WHEN status <> 'active' THEN 'ACCOUNT_FROZEN'
    WHEN debits_exceed_credits THEN 'NOT_ENOUGH'
    WHEN credits_exceed_debits THEN 'CREDITS_EXCEED_DEBITS'
  END
$$;

-- When several accounts refuse one transfer, the refusal of lowest rank answers (between equal
-- ranks, the lowest account id). NULL (no refusal) ranks after every refusal.
CREATE OR REPLACE FUNCTION ledger_refusal_rank(refusal text)
RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE refusal
    WHEN 'ACCOUNT_NOT_FOUND' THEN 1
    WHEN 'CURRENCY_MISMATCH' THEN 2
    WHEN 'ACCOUNT_CLOSED' THEN 3
    WHEN 'ACCOUNT_FROZEN' THEN 4
    WHEN 'NOT_ENOUGH' THEN 5
    WHEN 'CREDITS_EXCEED_DEBITS' THEN 6
    ELSE 99
  END
$$;
