/**
 * Real-name verification (实名认证): the ID number is checked (format, checksum, region, birth
 * date), the name is checked against it through the identity-verification adapter, the age and
 * the number of accounts per ID are checked, and the account becomes class I. The ID number is
 * stored encrypted (C2 data) with a keyed hash for counting accounts without decrypting.
 */
import { sql } from 'kysely'
import { normalizePersonName } from '../../adapters/identity-verification/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { ageOn, maskIdNumber, parseIdNumber } from '../../shared/id-number.ts'
import { LIMITS } from '../../shared/limits.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { addNotice } from './notices.ts'
import { maskPhone } from './phone.ts'
import { type SecurityContext, userEvent } from './security-context.ts'
import { getUser, type User } from './users.ts'

const DAY_MS = 24 * 3600_000
/** Long enough for 欧阳 + a minority name with its middle dots; far below any column limit. */
const REAL_NAME_LENGTH_MAX = 50

export interface RealNameRequest {
  userId: string
  realName: unknown
  idNumber: unknown
  ip?: string
}

/** The keyed hash that identifies a person across accounts (same input → same hash). */
export function idNumberHash(ctx: SecurityContext, idNumber: string): string {
  return ctx.secrets.keyedHash(`id_number:${idNumber}`)
}

/**
 * Verifies the caller's real name and makes the account class I.
 *
 * @example await verifyRealName(ctx, { userId, realName: '张伟', idNumber: '110105198803120110' })
 */
export async function verifyRealName(
  ctx: SecurityContext,
  request: RealNameRequest,
): Promise<User> {
  const user = await getUser(ctx, request.userId)
  if (user.verified) throw new DomainError('ALREADY_VERIFIED')
  await enforceFailureLimit(ctx, user.id)
  const realName = typeof request.realName === 'string' ? request.realName.trim() : ''
  if (normalizePersonName(realName).length === 0 || realName.length > REAL_NAME_LENGTH_MAX) {
    throw new DomainError('INVALID_REQUEST', { reason: 'realName' })
  }
  const today = shanghaiDate(ctx.clock.nowMs())
  const parsed = parseIdNumber(typeof request.idNumber === 'string' ? request.idNumber : '', today)
  if (!parsed.ok) throw new DomainError('ID_NUMBER_INVALID', { reason: parsed.reason })
  const match = await ctx.verifier.verify(realName, parsed.idNumber)
  if (match !== 'MATCH') {
    // Counted, so the form cannot be used to find out whose number is whose. The two answers
    // differ only as the register's own do (库中无此号 / 不一致): a real verifier tells them apart.
    const reason = match === 'UNKNOWN' ? 'NO_RECORD' : 'NAME_MISMATCH'
    await ctx.audit.record(userEvent(user.id, 'kyc.failed', { reason }, request.ip))
    throw new DomainError(match === 'UNKNOWN' ? 'ID_NUMBER_NOT_FOUND' : 'ID_NAME_MISMATCH')
  }
  const { idNumber, birthDate } = parsed
  const minAgeYears = ctx.securityRules.minAgeYears
  const ageYears = ageOn(birthDate, today)
  if (ageYears < minAgeYears) throw new DomainError('UNDERAGE', { minAgeYears, ageYears })
  const hash = idNumberHash(ctx, idNumber)
  await saveVerification(ctx, user.id, { realName, idNumber, hash, birthDate })
  const verified = await getUser(ctx, user.id)
  const masked = maskIdNumber(idNumber)
  await addNotice(ctx, verified, 'real_name_verified', { idNumber: masked })
  await noticeOtherAccounts(ctx, verified, hash, masked)
  const detail = { idNumber: masked, accountClass: 1 }
  await ctx.audit.record(userEvent(user.id, 'kyc.verified', detail, request.ip))
  return verified
}

/**
 * The ID's other accounts are told (notice + SMS) that one more account now uses it: someone
 * verifying a stolen ID should not go unnoticed by its holder.
 */
async function noticeOtherAccounts(
  ctx: SecurityContext,
  verified: User,
  hash: string,
  maskedIdNumber: string,
): Promise<void> {
  const others = await ctx.db
    .selectFrom('users')
    .select(['id', 'phone'])
    .where('id_number_hash', '=', hash)
    .where('id', '!=', verified.id)
    .execute()
  const detail = { idNumber: maskedIdNumber, phone: maskPhone(verified.phone) }
  for (const other of others) await addNotice(ctx, other, 'id_number_reused', detail)
}

/**
 * Of `candidates` (e.g. the offline register's residents), the first `limit` whose ID number no
 * account has verified yet: what demo mode offers a newcomer as a free simulated identity.
 */
export async function unusedIdentities<Candidate extends { idNumber: string }>(
  ctx: SecurityContext,
  candidates: readonly Candidate[],
  limit: number,
): Promise<Candidate[]> {
  if (candidates.length === 0) return []
  const hashes = candidates.map((candidate) => idNumberHash(ctx, candidate.idNumber))
  const used = await ctx.db
    .selectFrom('users')
    .select('id_number_hash')
    .where('id_number_hash', 'in', hashes)
    .execute()
  const usedHashes = new Set(used.map((row) => row.id_number_hash))
  return candidates
    .filter((_candidate, index) => !usedHashes.has(hashes[index] ?? ''))
    .slice(0, limit)
}

/**
 * Counts the accounts of this ID and stores the record in one transaction, holding an advisory
 * lock on the ID's hash: two accounts verifying the same ID at once cannot both take the last
 * place.
 */
async function saveVerification(
  ctx: SecurityContext,
  userId: string,
  record: { realName: string; idNumber: string; hash: string; birthDate: string },
): Promise<void> {
  const idAccountsMax = ctx.securityRules.idAccountsMax
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`lq:id:${record.hash}`}))`.execute(trx)
    const counted = await trx
      .selectFrom('users')
      .select(sql<number>`count(*)::bigint`.as('accounts'))
      .where('id_number_hash', '=', record.hash)
      .executeTakeFirstOrThrow()
    if (Number(counted.accounts) >= idAccountsMax) {
      throw new DomainError('ID_ACCOUNT_LIMIT', { idAccountsMax })
    }
    const updated = await trx
      .updateTable('users')
      .set({
        real_name: record.realName,
        id_number_enc: ctx.secrets.encrypt(record.idNumber),
        id_number_hash: record.hash,
        birth_date: record.birthDate,
        verified_at: new Date(ctx.clock.nowMs()),
        account_class: sql<number>`greatest(account_class, 1)`,
      })
      .where('id', '=', userId)
      .where('verified_at', 'is', null)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) throw new DomainError('ALREADY_VERIFIED')
  })
}

async function enforceFailureLimit(ctx: SecurityContext, userId: string): Promise<void> {
  const nowMs = ctx.clock.nowMs()
  const recent = await ctx.audit.listForUser(userId, { limit: LIMITS.pageSizeMax })
  const failures = recent.filter(
    (entry) => entry.action === 'kyc.failed' && entry.createdAtMs > nowMs - DAY_MS,
  )
  const failuresMax = ctx.securityRules.realNameFailuresPerDayMax
  if (failures.length < failuresMax) return
  // Newest first: a place frees when the oldest counted failure is a day old.
  const oldestCounted = failures[failuresMax - 1]?.createdAtMs ?? nowMs
  const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted + DAY_MS - nowMs) / 1000))
  throw new DomainError('FREQUENCY_LIMITED', { retryAfterSeconds, limit: 'real_name_day' })
}
