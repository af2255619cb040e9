/**
 * The identity service: sign-up/sign-in by SMS, sessions and devices, phone change, self-service
 * freeze (挂失) and appeals. Real-name checks, payment passwords, passkeys and payment
 * confirmation build on the same context (see their own files).
 */
import { DomainError } from '../../shared/errors.ts'
import type { StatusReasonCode } from '../../shared/audit-codes.ts'
import { randomId } from '../../shared/crypto.ts'
import { createAppealService } from './appeals.ts'
import { sessionLookups } from './session-user.ts'
import type { IdentityContext } from './context.ts'
import { addNotice, listNotices, type NoticeKind } from './notices.ts'
import { normalizePhone } from './phone.ts'
import { searchUsers } from './user-search.ts'
import { createSession, listSessions, revokeAllSessions, revokeSession } from './sessions.ts'
import {
  checkSmsCode,
  claimPhoneChangeAttempt,
  consumeSmsCode,
  issueSmsCode,
  markSmsCodeUsed,
  type SmsPurpose,
} from './sms-codes.ts'
import {
  findOrCreateUser,
  findUserByPhone,
  getUser,
  getUsers,
  setUserStatus,
  type User,
  type UserStatus,
} from './users.ts'

/** Purposes a signed-out caller may ask a code for; the others need a signed-in user. */
const NOT_SENT_NO_ACCOUNT =
  '该号码没有零钱账户，未发送验证码（页面照常显示“已发送”，以免泄露谁有账户）。' +
  ' No account has this number: no code was sent (the page says "sent" anyway, so it does not' +
  ' reveal who has an account).'
const SIGNED_OUT_PURPOSES: ReadonlySet<SmsPurpose> = new Set(['sign_in', 'freeze'])

export interface DeviceInfo {
  deviceId: string
  deviceName: string
  ip?: string
}

interface OperatorStatusChange {
  userId: string
  status: UserStatus
  reason: string
  operatorId: string
  /** The demo seed acts as the system, so the audit log does not show a missing operator. */
  actorKind?: 'operator' | 'system'
}

export function createIdentityService(ctx: IdentityContext) {
  async function requestSmsCode(request: {
    phone: unknown
    purpose: SmsPurpose
    ip?: string
    userId?: string
  }) {
    const phone = normalizePhone(request.phone)
    if (!SIGNED_OUT_PURPOSES.has(request.purpose)) {
      if (request.userId === undefined) throw new DomainError('UNAUTHENTICATED')
      const user = await getUser(ctx, request.userId)
      // A signed-in user may only ask codes for their own phone (or the new one when changing).
      if (request.purpose !== 'change_phone_new' && user.phone !== phone)
        throw new DomainError('FORBIDDEN')
    }
    // Freezing a number without an account: answer exactly as for a real one (same limits and
    // timings), so the form cannot be used to find who has an account; only the outbox says so.
    const unregistered =
      request.purpose === 'freeze' && (await findUserByPhone(ctx, phone)) === undefined
    return issueSmsCode(ctx, {
      phone,
      purpose: request.purpose,
      ...(request.ip ? { ip: request.ip } : {}),
      ...(unregistered ? { notSentBecause: NOT_SENT_NO_ACCOUNT } : {}),
    })
  }

  async function signIn(request: { phone: unknown; code: unknown } & DeviceInfo) {
    const phone = normalizePhone(request.phone)
    await consumeSmsCode(ctx, { phone, purpose: 'sign_in', code: request.code })
    const { user, created } = await findOrCreateUser(ctx, phone)
    const known = await ctx.db
      .selectFrom('user_devices')
      .select('device_id')
      .where('user_id', '=', user.id)
      .where('device_id', '=', request.deviceId)
      .executeTakeFirst()
    const newDevice = known === undefined
    if (newDevice) {
      await ctx.db
        .insertInto('user_devices')
        .values({
          user_id: user.id,
          device_id: request.deviceId,
          first_seen_at: new Date(ctx.clock.nowMs()),
        })
        .onConflict((conflict) => conflict.columns(['user_id', 'device_id']).doNothing())
        .execute()
      // The very first device of a new account is not news to its owner.
      if (!created)
        await addNotice(ctx, user, 'new_device', {
          deviceName: request.deviceName,
          ip: request.ip ?? null,
        })
    }
    const { session, token } = await createSession(ctx, {
      userId: user.id,
      deviceId: request.deviceId,
      deviceName: request.deviceName,
      ...(request.ip ? { ip: request.ip } : {}),
    })
    await ctx.audit.record({
      userId: user.id,
      actor: { kind: 'user', id: user.id },
      action: created ? 'user.signed_up' : 'session.signed_in',
      detail: { deviceName: request.deviceName, newDevice },
      ...(request.ip ? { ip: request.ip } : {}),
    })
    return { user, session, token, created, newDevice }
  }

  async function signOutEverywhere(userId: string, ip?: string): Promise<number> {
    const count = await revokeAllSessions(ctx, userId)
    const user = await getUser(ctx, userId)
    await addNotice(ctx, user, 'signed_out_everywhere')
    await ctx.audit.record({
      userId,
      actor: { kind: 'user', id: userId },
      action: 'session.signed_out_everywhere',
      detail: { sessions: count },
      ...(ip ? { ip } : {}),
    })
    return count
  }

  /** Both numbers are verified: the old one proves ownership, the new one that it is reachable. */
  async function changePhone(request: {
    userId: string
    oldCode: unknown
    newPhone: unknown
    newCode: unknown
    ip?: string
  }): Promise<User> {
    const user = await getUser(ctx, request.userId)
    const newPhone = normalizePhone(request.newPhone)
    if (newPhone === user.phone)
      throw new DomainError('INVALID_REQUEST', { reason: 'the new number is the current one' })
    await claimPhoneChangeAttempt(ctx, user.id)
    const oldCodeId = await checkSmsCode(ctx, {
      phone: user.phone,
      purpose: 'change_phone_old',
      code: request.oldCode,
    })
    const newCodeId = await checkSmsCode(ctx, {
      phone: newPhone,
      purpose: 'change_phone_new',
      code: request.newCode,
    })
    await markSmsCodeUsed(ctx, oldCodeId)
    await markSmsCodeUsed(ctx, newCodeId)
    // Only now (both codes right and used up): no one else learns whether a number is taken.
    if ((await findUserByPhone(ctx, newPhone)) !== undefined) throw new DomainError('PHONE_IN_USE')
    await ctx.db.updateTable('users').set({ phone: newPhone }).where('id', '=', user.id).execute()
    // Tell the old number too: if this was not the owner, that is where they will notice.
    await addNotice(ctx, user, 'phone_changed', {
      newPhone: `${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`,
    })
    await ctx.audit.record({
      userId: user.id,
      actor: { kind: 'user', id: user.id },
      action: 'user.phone_changed',
      ...(request.ip ? { ip: request.ip } : {}),
    })
    return getUser(ctx, user.id)
  }

  /** 挂失: works signed out (lost phone); freezes at once and signs out every device. */
  async function freezeBySms(request: {
    phone: unknown
    code: unknown
    ip?: string
  }): Promise<void> {
    const phone = normalizePhone(request.phone)
    await consumeSmsCode(ctx, { phone, purpose: 'freeze', code: request.code })
    const user = await findUserByPhone(ctx, phone)
    if (user === undefined) throw new DomainError('SMS_CODE_EXPIRED')
    await setUserStatus(ctx, user.id, 'frozen', 'self_freeze' satisfies StatusReasonCode)
    const sessions = await revokeAllSessions(ctx, user.id)
    await addNotice(ctx, user, 'account_frozen', { by: 'self' })
    await ctx.audit.record({
      userId: user.id,
      actor: { kind: 'user', id: user.id },
      action: 'account.frozen',
      detail: { by: 'self', sessionsRevoked: sessions },
      ...(request.ip ? { ip: request.ip } : {}),
    })
  }

  /** An operator freezes, restricts or restores an account, with a reason the user sees. */
  async function setStatusByOperator(request: OperatorStatusChange): Promise<User> {
    const before = await getUser(ctx, request.userId)
    const user = await setUserStatus(ctx, request.userId, request.status, request.reason)
    if (request.status === 'frozen') await revokeAllSessions(ctx, user.id)
    const kind =
      request.status === 'frozen'
        ? 'account_frozen'
        : request.status === 'restricted'
          ? 'account_restricted'
          : 'account_restored'
    await addNotice(ctx, user, kind, { reason: request.reason, by: 'operator' })
    await ctx.audit.record({
      userId: user.id,
      actor: { kind: request.actorKind ?? 'operator', id: request.operatorId },
      action: `account.${request.status === 'normal' ? 'restored' : request.status}`,
      detail: { reason: request.reason, from: before.status },
    })
    return user
  }

  /** The verified name and ID number (decrypted) for checks such as card binding. */
  async function getRealNameRecord(
    userId: string,
  ): Promise<{ realName: string; idNumber: string } | undefined> {
    const row = await ctx.db
      .selectFrom('users')
      .select(['real_name', 'id_number_enc', 'verified_at'])
      .where('id', '=', userId)
      .executeTakeFirst()
    if (
      row === undefined ||
      row.verified_at === null ||
      row.real_name === null ||
      row.id_number_enc === null
    )
      return undefined
    return { realName: row.real_name, idNumber: ctx.secrets.decrypt(row.id_number_enc) }
  }

  return {
    getRealNameRecord,
    /** For other modules: send a code to any phone (e.g. a card's reserved phone). */
    sendCode: (phone: string, purpose: SmsPurpose, ip?: string) =>
      issueSmsCode(ctx, { phone, purpose, ...(ip ? { ip } : {}) }),
    /** For other modules: check and use up a code. */
    useCode: (phone: string, purpose: SmsPurpose, code: unknown) =>
      consumeSmsCode(ctx, { phone, purpose, code }),
    requestSmsCode,
    signIn,
    ...sessionLookups(ctx),
    signOut: (userId: string, sessionId: string) => revokeSession(ctx, userId, sessionId),
    listSessions: (userId: string) => listSessions(ctx, userId),
    signOutEverywhere,
    changePhone,
    freezeBySms,
    setStatusByOperator,
    getUser: (userId: string) => getUser(ctx, userId),
    findUserByPhone: (phone: string) => findUserByPhone(ctx, phone),
    /** Several users at once (chat member lists); unknown ids are left out. */
    getUsers: (userIds: readonly string[]) => getUsers(ctx, userIds),
    searchUsers: (query: string) => searchUsers(ctx, query),
    /** Creates the user for a phone if there is none (demo seeding; sign-in does this itself). */
    ensureUser: async (phone: string) => (await findOrCreateUser(ctx, normalizePhone(phone))).user,
    listNotices: (userId: string) => listNotices(ctx, userId),
    /** For other modules (refunds, transfers…): a notice to the user, texted as well. */
    notify: async (userId: string, kind: NoticeKind, detail?: Record<string, unknown>) =>
      addNotice(ctx, await getUser(ctx, userId), kind, detail ?? null),
    newAppealId: () => randomId('ap', 16),
    appeals: createAppealService(ctx, { setStatusByOperator }),
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>
