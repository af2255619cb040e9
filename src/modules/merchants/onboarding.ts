/**
 * Onboarding a merchant in one call: the merchant row, its ledger accounts and its owner's
 * sign-in. Every step is idempotent, so a retry with the same creation key (or a re-run of the
 * demo seed) finishes what a crashed call left and creates nothing twice. The owner's generated
 * password is returned only by the call that created the owner: it is shown once.
 */
import type { AuditActorKind } from '../../shared/audit-codes.ts'
import { DomainError } from '../../shared/errors.ts'
import { openMerchantAccounts } from './accounts.ts'
import type { MerchantsContext } from './context.ts'
import {
  getMerchant,
  insertMerchant,
  type Merchant,
  type MerchantInput,
  updateMerchantStatus,
} from './merchant-records.ts'
import type { MerchantStatus } from './roles.ts'
import {
  addCashier,
  generateStaffPassword,
  insertStaff,
  ownerUsername,
  type Staff,
} from './staff.ts'

/** Who asked: an operator in the console, or the system (CLI, demo seed). */
export interface MerchantActor {
  kind: Extract<AuditActorKind, 'operator' | 'system'>
  id?: string
  ip?: string | undefined
}

export interface OnboardedMerchant {
  merchant: Merchant
  created: boolean
  owner: { username: string; password: string | null }
}

export async function onboardMerchant(
  ctx: MerchantsContext,
  actor: MerchantActor,
  input: MerchantInput,
): Promise<OnboardedMerchant> {
  const { merchant, created } = await insertMerchant(ctx, input)
  await openMerchantAccounts(ctx, merchant.id)
  const password = input.owner?.password ?? generateStaffPassword()
  const owner = await insertStaff(
    ctx,
    {
      merchantId: merchant.id,
      username: input.owner?.username ?? ownerUsername(merchant.id),
      displayName: merchant.storeName,
      role: 'owner',
    },
    password,
  )
  if (created) {
    await ctx.audit.record({
      userId: null,
      actor: { kind: actor.kind, ...(actor.id ? { id: actor.id } : {}) },
      action: 'merchant.created',
      detail: { merchantId: merchant.id, username: owner.staff.username },
      ...(actor.ip ? { ip: actor.ip } : {}),
    })
  }
  return {
    merchant,
    created,
    owner: { username: owner.staff.username, password: owner.created ? password : null },
  }
}

export async function changeMerchantStatus(
  ctx: MerchantsContext,
  actor: MerchantActor,
  request: { merchantId: string; status: MerchantStatus; reason: string },
): Promise<Merchant> {
  const { merchant, changed } = await updateMerchantStatus(ctx, request.merchantId, request.status)
  if (changed) {
    await ctx.audit.record({
      userId: null,
      actor: { kind: actor.kind, ...(actor.id ? { id: actor.id } : {}) },
      action: request.status === 'suspended' ? 'merchant.suspended' : 'merchant.activated',
      detail: { merchantId: merchant.id, reason: request.reason.slice(0, 500) },
      ...(actor.ip ? { ip: actor.ip } : {}),
    })
  }
  return merchant
}

/** The owner adds a cashier; a suspended merchant changes nothing until it is active again. */
export async function addCashierToMerchant(
  ctx: MerchantsContext,
  owner: Staff,
  input: { username: string; displayName: string; password: string },
): Promise<Staff> {
  const merchant = await getMerchant(ctx, owner.merchantId)
  if (merchant.status !== 'active') throw new DomainError('MERCHANT_SUSPENDED')
  return addCashier(ctx, owner, input)
}
