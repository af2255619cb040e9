/**
 * Finding users by what a caller reads out or types: a user id, a full phone, its last 4 digits,
 * or an exact real name (the operator console's search; identity owns the users table, so the
 * query lives here and the console only masks what it shows).
 */
import type { IdentityContext } from './context.ts'
import { normalizePhone } from './phone.ts'
import { toUser, type User } from './users.ts'

/** The shape of ids made by findOrCreateUser (randomId('u', 20)), with room for older ones. */
const USER_ID_PATTERN = /^u_[a-z0-9]{16,32}$/
export const USER_SEARCH_RESULTS_MAX = 50

export function isUserId(text: string): boolean {
  return USER_ID_PATTERN.test(text)
}

interface UserCriterion {
  column: 'id' | 'phone' | 'real_name'
  operator: '=' | 'like'
  value: string
}

/**
 * What the query looks like decides where to look: a user id, a full phone, 4 digits (the end
 * of a phone, what callers read out), otherwise an exact real name.
 */
function userCriterion(text: string): UserCriterion | undefined {
  if (text === '') return undefined
  if (isUserId(text)) return { column: 'id', operator: '=', value: text }
  // The 4 digits are checked to be digits, so they cannot smuggle LIKE wildcards in.
  if (/^\d{4}$/.test(text)) return { column: 'phone', operator: 'like', value: `%${text}` }
  try {
    return { column: 'phone', operator: '=', value: normalizePhone(text) }
  } catch {
    return { column: 'real_name', operator: '=', value: text }
  }
}

/** Newest users first, at most USER_SEARCH_RESULTS_MAX; an empty query lists the newest users. */
export async function searchUsers(ctx: IdentityContext, query: string): Promise<User[]> {
  const criterion = userCriterion(query.trim())
  let select = ctx.db.selectFrom('users').selectAll()
  if (criterion !== undefined) {
    select = select.where(criterion.column, criterion.operator, criterion.value)
  }
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(USER_SEARCH_RESULTS_MAX)
    .execute()
  return rows.map(toUser)
}
