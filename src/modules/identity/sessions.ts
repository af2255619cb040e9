/**
 * Sessions: random opaque tokens, stored as sha256 hashes; one per signed-in device. The web app
 * carries the token in an HttpOnly cookie, API clients in `Authorization: Bearer`.
 */
import { randomId, randomToken, tokenHash } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import type { IdentityContext } from './context.ts'

export interface Session {
  id: string
  userId: string
  deviceId: string
  deviceName: string
  ip: string | null
  createdAtMs: number
  lastSeenAtMs: number
}

/** Touching last_seen on every request would write on every read; once a minute is enough. */
const LAST_SEEN_RESOLUTION_MS = 60_000

export async function createSession(
  ctx: IdentityContext,
  request: { userId: string; deviceId: string; deviceName: string; ip?: string },
): Promise<{ session: Session; token: string }> {
  const nowMs = ctx.clock.nowMs()
  const token = randomToken(32)
  const id = randomId('s', 20)
  await ctx.db
    .insertInto('sessions')
    .values({
      id,
      user_id: request.userId,
      token_hash: tokenHash(token),
      device_id: request.deviceId,
      device_name: request.deviceName,
      ip: request.ip ?? null,
      created_at: new Date(nowMs),
      last_seen_at: new Date(nowMs),
      expires_at: new Date(nowMs + ctx.rules.sessionTtlMs),
      revoked_at: null,
    })
    .execute()
  return {
    token,
    session: {
      id,
      userId: request.userId,
      deviceId: request.deviceId,
      deviceName: request.deviceName,
      ip: request.ip ?? null,
      createdAtMs: nowMs,
      lastSeenAtMs: nowMs,
    },
  }
}

/** The live session for a token, or undefined (unknown, expired or signed out). */
export async function resolveSession(
  ctx: IdentityContext,
  token: string,
): Promise<Session | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const nowMs = ctx.clock.nowMs()
  const row = await ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date(nowMs))
    .executeTakeFirst()
  if (row === undefined) return undefined
  if (nowMs - new Date(row.last_seen_at).getTime() > LAST_SEEN_RESOLUTION_MS) {
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(nowMs) })
      .where('id', '=', row.id)
      .execute()
  }
  return {
    id: row.id,
    userId: row.user_id,
    deviceId: row.device_id,
    deviceName: row.device_name,
    ip: row.ip,
    createdAtMs: new Date(row.created_at).getTime(),
    lastSeenAtMs: new Date(row.last_seen_at).getTime(),
  }
}

export async function listSessions(ctx: IdentityContext, userId: string): Promise<Session[]> {
  const rows = await ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date(ctx.clock.nowMs()))
    .orderBy('last_seen_at', 'desc')
    .limit(100)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    deviceId: row.device_id,
    deviceName: row.device_name,
    ip: row.ip,
    createdAtMs: new Date(row.created_at).getTime(),
    lastSeenAtMs: new Date(row.last_seen_at).getTime(),
  }))
}

/** Signs one session out; only its owner may (others get NOT_FOUND and learn nothing). */
export async function revokeSession(
  ctx: IdentityContext,
  userId: string,
  sessionId: string,
): Promise<void> {
  const result = await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', { resource: 'session' })
}

export async function revokeAllSessions(ctx: IdentityContext, userId: string): Promise<number> {
  const result = await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: new Date(ctx.clock.nowMs()) })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
