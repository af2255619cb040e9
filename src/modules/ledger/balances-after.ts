/** Balance-after lookups for read models (the record list shows the balance after each line). */
import type { Kysely } from 'kysely'
import { assert } from '../../shared/assert.ts'
import { LIMITS } from '../../shared/limits.ts'
import type { LedgerTables } from './ledger-tables.ts'

/** The account's posted balance right after each of `transferIds`. */
export async function balancesAfter(
  db: Kysely<LedgerTables>,
  accountId: number,
  transferIds: readonly number[],
): Promise<Map<number, number>> {
  assert(transferIds.length <= LIMITS.pageSizeMax, 'transfer ids')
  if (transferIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['transfer_id', 'balance_after'])
    .where('account_id', '=', accountId)
    .where('transfer_id', 'in', [...transferIds])
    .execute()
  return new Map(rows.map((row) => [Number(row.transfer_id), Number(row.balance_after)]))
}
