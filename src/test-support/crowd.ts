/**
 * Many users at once, for red-packet storms: verified (account class I) people with a session
 * and a balance account, and a group conversation holding them, written in bulk SQL (signing up
 * 2,000 people over HTTP would take minutes and measure sign-in, not red packets). Also used by
 * the benchmark (bench/redpackets.ts) against a server's database.
 */
import { sql, type Kysely } from 'kysely'
import { randomId, randomToken, tokenHash } from '../shared/crypto.ts'

export interface CrowdMember {
  userId: string
  token: string
  auth: { authorization: string }
}

const ROWS_PER_INSERT = 500

/** `count` verified users with a live session each; phones start at 19<prefix>…. */
export async function createCrowd(
  db: Kysely<unknown>,
  count: number,
  nowMs: number,
  phonePrefix = Math.floor(Math.random() * 900 + 100),
): Promise<CrowdMember[]> {
  const members: CrowdMember[] = []
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const batch = Array.from({ length: Math.min(ROWS_PER_INSERT, count - start) }, () => ({
      userId: randomId('u', 20),
      token: randomToken(32),
    }))
    const now = new Date(nowMs).toISOString()
    const expires = new Date(nowMs + 30 * 24 * 3600_000).toISOString()
    const users = batch.map(
      (member, index) =>
        sql`(${member.userId}, ${`19${phonePrefix}${String(start + index).padStart(6, '0')}`},
          'normal', ${`群友${start + index}`}, ${now}::timestamptz, 1, false, ${now}::timestamptz)`,
    )
    await sql`INSERT INTO users (id, phone, status, real_name, verified_at, account_class,
        second_factor_enabled, created_at) VALUES ${sql.join(users)}`.execute(db)
    const sessions = batch.map(
      (member) =>
        sql`(${randomId('s', 20)}, ${member.userId}, ${tokenHash(member.token)}, 'crowd-device',
          'Crowd', ${now}::timestamptz, ${now}::timestamptz, ${expires}::timestamptz)`,
    )
    await sql`INSERT INTO sessions (id, user_id, token_hash, device_id, device_name, created_at,
        last_seen_at, expires_at) VALUES ${sql.join(sessions)}`.execute(db)
    const accounts = batch.map(
      (member) =>
        sql`('user', ${member.userId}, 'balance', 'CNY', 'active', true, false, ${now}::timestamptz)`,
    )
    await sql`INSERT INTO ledger_accounts (owner_kind, owner_id, purpose, currency, status,
        debits_must_not_exceed_credits, credits_must_not_exceed_debits, created_at)
        VALUES ${sql.join(accounts)}`.execute(db)
    for (const member of batch)
      members.push({ ...member, auth: { authorization: `Bearer ${member.token}` } })
  }
  return members
}

/** A group conversation of `memberIds` (no size rule: storms go past the chat's 500). */
export async function createCrowdGroup(
  db: Kysely<unknown>,
  creatorId: string,
  memberIds: readonly string[],
  nowMs: number,
): Promise<string> {
  const id = randomId('cv', 16)
  const ids = [...new Set([creatorId, ...memberIds])]
  const now = new Date(nowMs).toISOString()
  await sql`INSERT INTO chat_conversations (id, kind, direct_key, title, created_by, member_count,
      activity_at, created_at) VALUES (${id}, 'group', NULL, '红包群', ${creatorId}, ${ids.length},
      ${now}::timestamptz, ${now}::timestamptz)`.execute(db)
  for (let start = 0; start < ids.length; start += ROWS_PER_INSERT) {
    const rows = ids
      .slice(start, start + ROWS_PER_INSERT)
      .map((userId) => sql`(${id}, ${userId}, ${now}::timestamptz)`)
    await sql`INSERT INTO chat_members (conversation_id, user_id, joined_at)
        VALUES ${sql.join(rows)}`.execute(db)
  }
  return id
}
