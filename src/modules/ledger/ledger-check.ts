/**
 * The ledger's invariants, checked against the whole database (`lingqian ledger check`, and after
 * tests). Each query returns the rows that break a rule; an empty report means the books hold.
 */
import { sql } from 'kysely'
import type { Db } from '../../adapters/db/index.ts'

export interface LedgerCheckReport {
  ok: boolean
  problems: string[]
  stats: { accounts: number; transfers: number; entries: number; openPending: number }
}

/** Problems listed per rule at most, so a badly broken database still gives a short report. */
const PROBLEMS_PER_RULE_MAX = 20

const RULES: { name: string; query: string }[] = [
  {
    name: 'balances sum to zero per currency',
    query: `SELECT currency, sum(credits_posted - debits_posted)::text AS posted_sum,
        sum(credits_pending)::text AS credits_pending, sum(debits_pending)::text AS debits_pending
      FROM ledger_accounts GROUP BY currency
      HAVING sum(credits_posted - debits_posted) <> 0 OR sum(credits_pending) <> sum(debits_pending)`,
  },
  {
    name: 'stored balance equals the sum of its entries',
    query: `SELECT a.id,
        a.debits_posted, coalesce(e.dp, 0)::text AS entries_debits_posted,
        a.credits_posted, coalesce(e.cp, 0)::text AS entries_credits_posted,
        a.debits_pending, coalesce(e.dpe, 0)::text AS entries_debits_pending,
        a.credits_pending, coalesce(e.cpe, 0)::text AS entries_credits_pending,
        a.version, coalesce(e.n, 0) AS entries, coalesce(e.max_version, 0) AS max_version
      FROM ledger_accounts a LEFT JOIN (
        SELECT account_id,
          sum(posted_delta) FILTER (WHERE side = 'D') AS dp,
          sum(posted_delta) FILTER (WHERE side = 'C') AS cp,
          sum(pending_delta) FILTER (WHERE side = 'D') AS dpe,
          sum(pending_delta) FILTER (WHERE side = 'C') AS cpe,
          count(*) AS n, max(account_version) AS max_version
        FROM ledger_entries GROUP BY account_id) e ON e.account_id = a.id
      WHERE a.debits_posted <> coalesce(e.dp, 0) OR a.credits_posted <> coalesce(e.cp, 0)
        OR a.debits_pending <> coalesce(e.dpe, 0) OR a.credits_pending <> coalesce(e.cpe, 0)
        OR a.version <> coalesce(e.n, 0) OR a.version <> coalesce(e.max_version, 0)`,
  },
  {
    name: 'entry balance_after follows from the previous entry',
    query: `SELECT account_id, account_version FROM (
        SELECT account_id, account_version, balance_after,
          lag(balance_after, 1, 0::bigint) OVER w
            + CASE side WHEN 'C' THEN posted_delta ELSE -posted_delta END AS expected
        FROM ledger_entries WINDOW w AS (PARTITION BY account_id ORDER BY account_version)
      ) x WHERE balance_after <> expected`,
  },
  {
    name: 'no flagged account is past its limit',
    query: `SELECT id FROM ledger_accounts
      WHERE (debits_must_not_exceed_credits AND debits_posted + debits_pending > credits_posted)
         OR (credits_must_not_exceed_debits AND credits_posted + credits_pending > debits_posted)`,
  },
  {
    name: "every transfer's legs balance and match its entries",
    query: `SELECT t.id FROM ledger_transfers t
      LEFT JOIN (
        SELECT transfer_id,
          sum(posted_delta) FILTER (WHERE side = 'D') AS dp,
          sum(posted_delta) FILTER (WHERE side = 'C') AS cp,
          sum(pending_delta) FILTER (WHERE side = 'D') AS dpe,
          sum(pending_delta) FILTER (WHERE side = 'C') AS cpe
        FROM ledger_entries GROUP BY transfer_id) e ON e.transfer_id = t.id
      CROSS JOIN LATERAL (SELECT sum(a) AS legs_sum FROM unnest(t.amounts) AS a) l
      WHERE e.transfer_id IS NULL OR e.dp <> e.cp OR e.dpe <> e.cpe
        OR (t.kind IN ('posted', 'post') AND e.dp <> l.legs_sum)
        OR (t.kind = 'pending' AND e.dpe <> l.legs_sum)
        OR (t.kind IN ('void', 'expire') AND (e.dp <> 0 OR e.dpe <> -l.legs_sum))`,
  },
  {
    name: 'open holds are exactly the unresolved pending transfers',
    query: `SELECT t.id, o.transfer_id AS open_id FROM
        (SELECT p.id FROM ledger_transfers p WHERE p.kind = 'pending' AND NOT EXISTS (
           SELECT 1 FROM ledger_transfers r WHERE r.pending_id = p.id)) t
        FULL JOIN ledger_pending_open o ON o.transfer_id = t.id
      WHERE t.id IS NULL OR o.transfer_id IS NULL`,
  },
]

export async function checkLedger(db: Db): Promise<LedgerCheckReport> {
  const problems: string[] = []
  for (const rule of RULES) {
    const result = await sql
      .raw<Record<string, unknown>>(`${rule.query} LIMIT ${PROBLEMS_PER_RULE_MAX}`)
      .execute(db)
    for (const row of result.rows) problems.push(`${rule.name}: ${JSON.stringify(row)}`)
  }
  const counts = await sql<{ accounts: number; transfers: number; entries: number; open: number }>`
    SELECT (SELECT count(*) FROM ledger_accounts)::int8 AS accounts,
      (SELECT count(*) FROM ledger_transfers)::int8 AS transfers,
      (SELECT count(*) FROM ledger_entries)::int8 AS entries,
      (SELECT count(*) FROM ledger_pending_open)::int8 AS open`.execute(db)
  const row = counts.rows[0]
  return {
    ok: problems.length === 0,
    problems,
    stats: {
      accounts: Number(row?.accounts ?? 0),
      transfers: Number(row?.transfers ?? 0),
      entries: Number(row?.entries ?? 0),
      openPending: Number(row?.open ?? 0),
    },
  }
}
