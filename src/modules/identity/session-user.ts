/**
 * The caller of a request in one round trip: the live session for a token together with its
 * user (a join, instead of one query for the session and another for the user). Every
 * authenticated request pays this once (src/http/auth.ts memoises it per request).
 */
import { tokenHash } from '../../shared/crypto.ts'
import type { IdentityContext } from './context.ts'
import { resolveSession, type Session } from './sessions.ts'
import { toUser, type User, type UserRow } from './users.ts'

/** As in sessions.ts: last_seen is written at most once a minute. */
const LAST_SEEN_RESOLUTION_MS = 60_000

export async function resolveSessionUser(
  ctx: IdentityContext,
  token: string,
): Promise<{ session: Session; user: User } | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const nowMs = ctx.clock.nowMs()
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.device_id as session_device_id',
      'sessions.device_name as session_device_name',
      'sessions.ip as session_ip',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at as session_last_seen_at',
    ])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', new Date(nowMs))
    .executeTakeFirst()
  if (row === undefined) return undefined
  const lastSeenAtMs = new Date(row.session_last_seen_at).getTime()
  if (nowMs - lastSeenAtMs > LAST_SEEN_RESOLUTION_MS) {
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(nowMs) })
      .where('id', '=', row.session_id)
      .execute()
  }
  const session: Session = {
    id: row.session_id,
    userId: row.id,
    deviceId: row.session_device_id,
    deviceName: row.session_device_name,
    ip: row.session_ip,
    createdAtMs: new Date(row.session_created_at).getTime(),
    lastSeenAtMs,
  }
  return { session, user: toUser(row as UserRow) }
}

/** The identity service's session lookups: by token alone, and with the user in one round trip. */
export function sessionLookups(ctx: IdentityContext) {
  return {
    resolveSession: (token: string) => resolveSession(ctx, token),
    /** The session and its user in one round trip (the HTTP layer's authentication). */
    resolveSessionUser: (token: string) => resolveSessionUser(ctx, token),
  }
}
