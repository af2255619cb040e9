import type { Selectable } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import { randomId } from '../../shared/crypto.ts'
import type { IdentityContext } from './context.ts'
import type { IdentityTables } from './identity-tables.ts'

export type UserStatus = 'normal' | 'restricted' | 'frozen'
export type UserRow = Selectable<IdentityTables['users']>

export interface User {
  id: string
  phone: string
  status: UserStatus
  statusReason: string | null
  realName: string | null
  birthDate: string | null
  verified: boolean
  accountClass: 0 | 1 | 2 | 3
  secondFactorEnabled: boolean
  createdAtMs: number
}

export function toUser(row: UserRow): User {
  const birth = row.birth_date
  return {
    id: row.id,
    phone: row.phone,
    status: row.status as UserStatus,
    statusReason: row.status_reason,
    realName: row.real_name,
    birthDate:
      birth === null ? null : typeof birth === 'string' ? birth.slice(0, 10) : isoDate(birth),
    verified: row.verified_at !== null,
    accountClass: Number(row.account_class) as User['accountClass'],
    secondFactorEnabled: row.second_factor_enabled,
    createdAtMs: new Date(row.created_at).getTime(),
  }
}

function isoDate(date: Date): string {
  // `date` columns come back as local-midnight Dates from node-postgres; read them back locally.
  const month = String(date.getMonth() + 1).padStart(2, '0')
  const day = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${month}-${day}`
}

export async function findUserByPhone(
  ctx: IdentityContext,
  phone: string,
): Promise<User | undefined> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('phone', '=', phone)
    .executeTakeFirst()
  return row === undefined ? undefined : toUser(row)
}

export async function getUser(ctx: IdentityContext, userId: string): Promise<User> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'user' })
  return toUser(row)
}

/** The users with these ids (unknown ids left out); callers bound the list. */
export async function getUsers(ctx: IdentityContext, userIds: readonly string[]): Promise<User[]> {
  if (userIds.length === 0) return []
  const rows = await ctx.db.selectFrom('users').selectAll().where('id', 'in', userIds).execute()
  return rows.map(toUser)
}

/** Finds the user with this phone, creating one on first sign-in (sign-up and sign-in are one step). */
export async function findOrCreateUser(
  ctx: IdentityContext,
  phone: string,
): Promise<{ user: User; created: boolean }> {
  const existing = await findUserByPhone(ctx, phone)
  if (existing !== undefined) return { user: existing, created: false }
  await ctx.db
    .insertInto('users')
    .values({
      id: randomId('u', 20),
      phone,
      status: 'normal',
      status_reason: null,
      real_name: null,
      id_number_enc: null,
      id_number_hash: null,
      birth_date: null,
      verified_at: null,
      account_class: 0,
      second_factor_enabled: false,
      created_at: new Date(ctx.clock.nowMs()),
    })
    .onConflict((conflict) => conflict.column('phone').doNothing())
    .execute()
  const user = await findUserByPhone(ctx, phone)
  if (user === undefined) throw new Error('user vanished after insert')
  return { user, created: true }
}

export async function setUserStatus(
  ctx: IdentityContext,
  userId: string,
  status: UserStatus,
  reason: string | null,
): Promise<User> {
  const result = await ctx.db
    .updateTable('users')
    .set({ status, status_reason: reason })
    .where('id', '=', userId)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', { resource: 'user' })
  return getUser(ctx, userId)
}
