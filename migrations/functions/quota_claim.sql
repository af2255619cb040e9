-- Repeatable (re-applied by migrate() when this text changes).
--
-- Claims several quota counters in one round trip (src/modules/quota/claims.ts): for each item,
-- in the order given (the caller sorts by key, so two multi-counter claims cannot deadlock), it
-- creates the counter if new, locks it (FOR UPDATE), sees a replay of the same claim id under
-- that lock and counts it once, checks the limit against the locked value, and adds the amount.
-- It stops at the first counter without room and gives back the claims it made before it (an
-- inner block that rolls back to its start), so one call is all or nothing by itself: the caller
-- may send it alone, without BEGIN/COMMIT, or inside its own transaction, which stays usable.
-- Before this function the same steps were five statements per counter, plus BEGIN and COMMIT
-- (the payments profile counted them).
--
-- p_claims: [{ i: claim id, k: counter key, a: amount, l: limit, p: partial (take what is left) }]
-- Returns an array with one result per item claimed:
--   { r: 'ok', claimed, usedBefore }          a new claim
--   { r: 'exists', claimed, usedBefore, k }   a replay (k is the key the first claim was on)
-- or, when a counter had no room, only [{ r: 'exceeded', k, used }] for that counter.
DROP FUNCTION IF EXISTS quota_claim(jsonb, timestamptz);
CREATE FUNCTION quota_claim(p_claims jsonb, p_now timestamptz)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  claim_key text;
  claim_amount bigint;
  used_now bigint;
  room bigint;
  granted bigint;
  earlier_amount bigint;
  earlier_key text;
  results jsonb := '[]'::jsonb;
  exceeded jsonb;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(p_claims) LOOP
    claim_key := item->>'k';
    claim_amount := (item->>'a')::bigint;
    SELECT used INTO used_now FROM quota_counters WHERE key = claim_key FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO quota_counters (key, used, updated_at) VALUES (claim_key, 0, p_now)
      ON CONFLICT (key) DO NOTHING;
      SELECT used INTO used_now FROM quota_counters WHERE key = claim_key FOR UPDATE;
    END IF;
    SELECT amount, counter_key INTO earlier_amount, earlier_key
    FROM quota_claims WHERE id = item->>'i';
    IF FOUND THEN
      results := results || jsonb_build_array(jsonb_build_object(
        'r', 'exists', 'claimed', earlier_amount, 'usedBefore', used_now - earlier_amount,
        'k', earlier_key));
      CONTINUE;
    END IF;
    room := greatest(0, (item->>'l')::bigint - used_now);
    granted := CASE WHEN (item->>'p')::boolean THEN least(claim_amount, room) ELSE claim_amount END;
    IF granted > room THEN
      exceeded := jsonb_build_object('r', 'exceeded', 'k', claim_key, 'used', used_now);
      RAISE EXCEPTION 'quota % exceeded', claim_key USING ERRCODE = '{{sqlstate.quotaRefused}}';
    END IF;
    INSERT INTO quota_claims (id, counter_key, amount, claimed_at, released_at)
    VALUES (item->>'i', claim_key, granted, p_now, NULL);
    IF granted > 0 THEN
      UPDATE quota_counters SET used = used + granted, updated_at = p_now WHERE key = claim_key;
    END IF;
    results := results || jsonb_build_array(jsonb_build_object(
      'r', 'ok', 'claimed', granted, 'usedBefore', used_now));
  END LOOP;
  RETURN results;
EXCEPTION WHEN SQLSTATE '{{sqlstate.quotaRefused}}' THEN
  -- Our own refusal: the claims this call made are rolled back with the block.
  RETURN jsonb_build_array(exceeded);
END;
$$;
