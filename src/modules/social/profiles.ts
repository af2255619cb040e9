/**
 * What others see of a user in chat: a nickname if they set one, else the real name masked the
 * way transfers show it (*伟), else the masked phone. And the setting "find me by phone".
 */
import { maskPhone, type User } from '../identity/index.ts'
import type { SocialContext } from './context.ts'

export interface SocialProfile {
  userId: string
  nickname: string | null
  findableByPhone: boolean
}

export interface PersonView {
  userId: string
  displayName: string
}

/** 张三丰 → **丰: the name a payer sees before a transfer, no more. */
export function maskRealName(name: string): string {
  const characters = Array.from(name)
  if (characters.length <= 1) return '*'
  return '*'.repeat(characters.length - 1) + characters[characters.length - 1]
}

function displayName(user: User, nickname: string | null): string {
  if (nickname !== null) return nickname
  if (user.realName !== null) return maskRealName(user.realName)
  return maskPhone(user.phone)
}

export async function getProfile(ctx: SocialContext, userId: string): Promise<SocialProfile> {
  const row = await ctx.db
    .selectFrom('social_profiles')
    .select(['nickname', 'findable_by_phone'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return {
    userId,
    nickname: row?.nickname ?? null,
    findableByPhone: row?.findable_by_phone ?? true,
  }
}

/** Creates the row if missing so counters and settings have somewhere to live. */
export async function ensureProfile(
  db: SocialContext['db'],
  userId: string,
  nowMs: number,
): Promise<void> {
  await db
    .insertInto('social_profiles')
    .values({ user_id: userId, nickname: null, updated_at: new Date(nowMs) })
    .onConflict((conflict) => conflict.column('user_id').doNothing())
    .execute()
}

export async function updateProfile(
  ctx: SocialContext,
  userId: string,
  change: { nickname?: string | null; findableByPhone?: boolean },
): Promise<SocialProfile> {
  await ctx.identity.getUser(userId)
  await ensureProfile(ctx.db, userId, ctx.clock.nowMs())
  await ctx.db
    .updateTable('social_profiles')
    .set({
      ...(change.nickname !== undefined ? { nickname: change.nickname?.trim() || null } : {}),
      ...(change.findableByPhone !== undefined
        ? { findable_by_phone: change.findableByPhone }
        : {}),
      updated_at: new Date(ctx.clock.nowMs()),
    })
    .where('user_id', '=', userId)
    .execute()
  return getProfile(ctx, userId)
}

/** Display names of these users, in the order asked (unknown ids left out); callers bound it. */
export async function people(
  ctx: SocialContext,
  userIds: readonly string[],
): Promise<PersonView[]> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return []
  const [users, profiles] = await Promise.all([
    ctx.identity.getUsers(ids),
    ctx.db
      .selectFrom('social_profiles')
      .select(['user_id', 'nickname'])
      .where('user_id', 'in', ids)
      .execute(),
  ])
  const nicknames = new Map(profiles.map((row) => [row.user_id, row.nickname]))
  const byId = new Map(users.map((user) => [user.id, user]))
  return ids.flatMap((id) => {
    const user = byId.get(id)
    return user === undefined
      ? []
      : [{ userId: id, displayName: displayName(user, nicknames.get(id) ?? null) }]
  })
}
