/**
 * Merchant staff accounts: an owner created with the merchant (its password generated and shown
 * once), cashiers the owner adds. Usernames are global (one sign-in page for every shop),
 * normalised to lower case; passwords are argon2id with the operators' cost.
 */
import type { Selectable } from 'kysely'
import { assert } from '../../shared/assert.ts'
import { randomId, randomToken } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { hashPassword } from '../ops/index.ts'
import type { MerchantsContext } from './context.ts'
import type { MerchantsTables } from './merchants-tables.ts'
import { isStaffRole, type StaffRole } from './roles.ts'

export const STAFF_PASSWORD_LENGTH_MIN = 8
export const STAFF_PASSWORD_LENGTH_MAX = 128
export const STAFF_USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,39}$/

export interface Staff {
  id: string
  merchantId: string
  username: string
  displayName: string
  role: StaffRole
}

/** A new account's sign-in: the password exists only in this value, never stored in the clear. */
export interface StaffSignInCredentials {
  username: string
  password: string
}

export function toStaff(row: Selectable<MerchantsTables['merchant_staff']>): Staff {
  assert(isStaffRole(row.role), `merchant staff ${row.id} has unknown role ${row.role}`)
  return {
    id: row.id,
    merchantId: row.merchant_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
  }
}

export function normalizeStaffUsername(username: string): string {
  return username.trim().toLowerCase()
}

/** The owner's username: the mchid and '.owner', so the shop's id is the first thing typed. */
export function ownerUsername(merchantId: string): string {
  return `${merchantId}.owner`
}

/** 16 characters of base64url: ~96 bits, typed once and then changed or kept in a manager. */
export function generateStaffPassword(): string {
  return randomToken(12)
}

export async function findStaffByUsername(ctx: MerchantsContext, username: string) {
  return ctx.db
    .selectFrom('merchant_staff')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst()
}

/**
 * Creates the account unless the username exists. Returns the password only when this call
 * created the account (a repeat cannot reveal or reset a password).
 */
export async function insertStaff(
  ctx: MerchantsContext,
  input: { merchantId: string; username: string; displayName: string; role: StaffRole },
  password: string,
): Promise<{ staff: Staff; created: boolean }> {
  const username = normalizeStaffUsername(input.username)
  if (!STAFF_USERNAME_PATTERN.test(username)) {
    throw new DomainError('INVALID_REQUEST', { field: 'username' })
  }
  if (password.length < STAFF_PASSWORD_LENGTH_MIN || password.length > STAFF_PASSWORD_LENGTH_MAX) {
    throw new DomainError('INVALID_REQUEST', {
      field: 'password',
      lengthMin: STAFF_PASSWORD_LENGTH_MIN,
    })
  }
  const existing = await findStaffByUsername(ctx, username)
  if (existing !== undefined) return { staff: toStaff(existing), created: false }
  const inserted = await ctx.db
    .insertInto('merchant_staff')
    .values({
      id: randomId('ms', 16),
      merchant_id: input.merchantId,
      username,
      display_name: input.displayName.trim().slice(0, 64) || username,
      role: input.role,
      password_hash: await hashPassword(password),
      created_at: new Date(ctx.clock.nowMs()),
    })
    .onConflict((conflict) => conflict.column('username').doNothing())
    .executeTakeFirst()
  const row = await findStaffByUsername(ctx, username)
  assert(row !== undefined, 'the staff account exists after insert')
  return { staff: toStaff(row), created: Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 }
}

/** Only the merchant's owner adds cashiers; the username must be free. */
export async function addCashier(
  ctx: MerchantsContext,
  owner: Staff,
  input: { username: string; displayName: string; password: string },
): Promise<Staff> {
  if (owner.role !== 'owner') throw new DomainError('FORBIDDEN', { permission: 'staff.add' })
  const { staff, created } = await insertStaff(
    ctx,
    {
      merchantId: owner.merchantId,
      username: input.username,
      displayName: input.displayName,
      role: 'cashier',
    },
    input.password,
  )
  if (!created) throw new DomainError('MERCHANT_USERNAME_TAKEN')
  return staff
}

export async function listStaff(ctx: MerchantsContext, merchantId: string): Promise<Staff[]> {
  const rows = await ctx.db
    .selectFrom('merchant_staff')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  // The owner first, then cashiers in the order they were added.
  const staff = rows.map(toStaff)
  return [
    ...staff.filter((one) => one.role === 'owner'),
    ...staff.filter((one) => one.role !== 'owner'),
  ]
}
