/** Operators as the console names them next to what they did (never a bare op_… id). */
import type { AuditEntry } from '../audit/index.ts'
import type { OpsContext } from './context.ts'
import type { OperatorRole } from './roles.ts'

export interface OperatorName {
  id: string
  displayName: string
  role: OperatorRole
}

/** Display names of the operators acting in `entries` (an unknown id is left out). */
export async function operatorNames(
  ctx: OpsContext,
  entries: readonly AuditEntry[],
): Promise<OperatorName[]> {
  const ids = [
    ...new Set(
      entries.flatMap((entry) =>
        entry.actor.kind === 'operator' && entry.actor.id !== undefined ? [entry.actor.id] : [],
      ),
    ),
  ]
  if (ids.length === 0) return []
  const rows = await ctx.db
    .selectFrom('operators')
    .select(['id', 'display_name', 'role'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    role: row.role as OperatorRole,
  }))
}
