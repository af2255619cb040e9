/**
 * Campaigns: a merchant's amount off over a threshold, with a per-user cap, a total budget and
 * dates, funded by the merchant (its marketing account) or the platform. Created idempotently by
 * the console's key; the running-campaign limit is claimed in the same transaction as the row
 * and given back when the campaign ends.
 */
import type { Selectable } from 'kysely'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { QuotaExceededError } from '../quota/index.ts'
import type { CouponsContext, CouponsDb } from './context.ts'
import type { CouponsTables } from './coupons-tables.ts'

export const CAMPAIGN_NAME_LENGTH_MAX = 40
export const PER_USER_MAX_LIMIT = 100
export const CAMPAIGN_LIST_MAX = 100
export const FUNDERS = ['merchant', 'platform'] as const
export type Funder = (typeof FUNDERS)[number]

export interface Campaign {
  id: string
  merchantId: string
  name: string
  thresholdFen: number
  discountFen: number
  perUserMax: number
  budgetFen: number
  /** Budget claimed by payments (released ones given back), and what is left of it. */
  budgetUsedFen: number
  budgetRemainingFen: number
  /** Payments holding one of its coupons (released ones not counted). */
  redemptions: number
  startsAtMs: number
  endsAtMs: number
  fundedBy: Funder
  status: 'active' | 'ended'
  createdAtMs: number
  endedAtMs: number | null
}

export interface CampaignInput {
  creationKey: string
  name: string
  thresholdFen: number
  discountFen: number
  perUserMax: number
  budgetFen: number
  startsAtMs: number
  endsAtMs: number
  fundedBy?: Funder
}

type CampaignRow = Selectable<CouponsTables['coupon_campaigns']>

export const budgetCounter = (campaignId: string) => `coupon:${campaignId}:budget`
export const userCounter = (campaignId: string, userId: string) =>
  `coupon:${campaignId}:user:${userId}`
const activeCounter = (merchantId: string) => `coupon-campaigns:${merchantId}`
const activeClaim = (campaignId: string) => `coupon:${campaignId}:active`

export function toCampaign(row: CampaignRow, budgetUsedFen: number, redemptions = 0): Campaign {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    name: row.name,
    thresholdFen: Number(row.threshold_fen),
    discountFen: Number(row.discount_fen),
    perUserMax: Number(row.per_user_max),
    budgetFen: Number(row.budget_fen),
    budgetUsedFen,
    budgetRemainingFen: Math.max(0, Number(row.budget_fen) - budgetUsedFen),
    redemptions,
    startsAtMs: new Date(row.starts_at).getTime(),
    endsAtMs: new Date(row.ends_at).getTime(),
    fundedBy: row.funded_by as Funder,
    status: row.status as Campaign['status'],
    createdAtMs: new Date(row.created_at).getTime(),
    endedAtMs: row.ended_at === null ? null : new Date(row.ended_at).getTime(),
  }
}

export async function withBudgetUsed(
  ctx: CouponsContext,
  rows: readonly CampaignRow[],
): Promise<Campaign[]> {
  if (rows.length === 0) return []
  const used = await ctx.quota.used(rows.map((row) => budgetCounter(row.id)))
  const counts = await ctx.db
    .selectFrom('coupon_redemptions')
    .select(['campaign_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where(
      'campaign_id',
      'in',
      rows.map((row) => row.id),
    )
    .where('status', '=', 'claimed')
    .groupBy('campaign_id')
    .execute()
  const redemptions = new Map(counts.map((count) => [count.campaign_id, Number(count.count)]))
  return rows.map((row) =>
    toCampaign(row, used.get(budgetCounter(row.id)) ?? 0, redemptions.get(row.id) ?? 0),
  )
}

function invalid(field: string, details: Record<string, unknown> = {}): never {
  throw new DomainError('INVALID_REQUEST', { field, ...details })
}

function checkInput(ctx: CouponsContext, input: CampaignInput): void {
  const { rules } = ctx
  const name = input.name.trim()
  if (name.length === 0 || name.length > CAMPAIGN_NAME_LENGTH_MAX) invalid('name')
  if (!/^[\w.:-]{1,64}$/.test(input.creationKey)) invalid('creationKey')
  const fen = (value: number, max: number) =>
    Number.isSafeInteger(value) && value >= 1 && value <= max
  if (!fen(input.discountFen, rules.discountFenMax)) invalid('discountFen')
  if (!fen(input.thresholdFen, rules.budgetFenMax) || input.thresholdFen <= input.discountFen) {
    invalid('thresholdFen', { reason: 'the threshold must be above the discount' })
  }
  if (!fen(input.budgetFen, rules.budgetFenMax) || input.budgetFen < input.discountFen) {
    invalid('budgetFen', { reason: 'the budget must cover at least one discount' })
  }
  if (!Number.isInteger(input.perUserMax) || input.perUserMax < 1) invalid('perUserMax')
  if (input.perUserMax > PER_USER_MAX_LIMIT) invalid('perUserMax')
  const durationMs = input.endsAtMs - input.startsAtMs
  if (!Number.isSafeInteger(input.startsAtMs) || !Number.isSafeInteger(input.endsAtMs)) {
    invalid('startsAtMs')
  }
  if (durationMs <= 0 || durationMs > rules.durationMsMax) invalid('endsAtMs')
  if (input.endsAtMs <= ctx.clock.nowMs()) invalid('endsAtMs', { reason: 'already over' })
}

export async function createCampaign(
  ctx: CouponsContext,
  actor: { merchantId: string; staffId: string },
  input: CampaignInput,
): Promise<Campaign> {
  checkInput(ctx, input)
  const existing = await findByKey(ctx, actor.merchantId, input.creationKey)
  if (existing !== undefined) return (await withBudgetUsed(ctx, [existing]))[0] as Campaign
  const merchant = await ctx.merchants.get(actor.merchantId)
  if (merchant.status !== 'active') throw new DomainError('MERCHANT_SUSPENDED')
  await endExpiredCampaigns(ctx, actor.merchantId)
  const id = randomId('cp', 16)
  const nowMs = ctx.clock.nowMs()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.quota.claim(
        [
          {
            claimId: activeClaim(id),
            counterKey: activeCounter(actor.merchantId),
            amount: 1,
            limit: ctx.rules.activeCampaignsMax,
          },
        ],
        trx,
      )
      await trx
        .insertInto('coupon_campaigns')
        .values({
          id,
          merchant_id: actor.merchantId,
          creation_key: input.creationKey,
          name: input.name.trim(),
          threshold_fen: input.thresholdFen,
          discount_fen: input.discountFen,
          per_user_max: input.perUserMax,
          budget_fen: input.budgetFen,
          starts_at: new Date(input.startsAtMs),
          ends_at: new Date(input.endsAtMs),
          funded_by: input.fundedBy ?? 'merchant',
          status: 'active',
          created_by: actor.staffId,
          created_at: new Date(nowMs),
          ended_at: null,
        })
        .execute()
    })
  } catch (error) {
    if (error instanceof QuotaExceededError) {
      throw new DomainError('COUPON_CAMPAIGNS_LIMIT', { limit: ctx.rules.activeCampaignsMax })
    }
    // The same key created concurrently: answer with that campaign.
    const raced = await findByKey(ctx, actor.merchantId, input.creationKey)
    if (raced === undefined) throw error
    return (await withBudgetUsed(ctx, [raced]))[0] as Campaign
  }
  if (input.fundedBy !== 'platform') await ctx.merchants.marketingAccount(actor.merchantId)
  return getCampaign(ctx, id)
}

function findByKey(ctx: CouponsContext, merchantId: string, key: string) {
  return ctx.db
    .selectFrom('coupon_campaigns')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('creation_key', '=', key)
    .executeTakeFirst()
}

/** `executor`: the caller's transaction when inside one (PGlite has a single connection). */
export async function campaignRow(
  ctx: CouponsContext,
  campaignId: string,
  executor: CouponsDb = ctx.db,
): Promise<CampaignRow> {
  const row = await executor
    .selectFrom('coupon_campaigns')
    .selectAll()
    .where('id', '=', campaignId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('COUPON_NOT_FOUND')
  return row
}

export async function getCampaign(ctx: CouponsContext, campaignId: string): Promise<Campaign> {
  return (await withBudgetUsed(ctx, [await campaignRow(ctx, campaignId)]))[0] as Campaign
}

/** Newest first. */
export async function listCampaigns(ctx: CouponsContext, merchantId: string): Promise<Campaign[]> {
  const rows = await ctx.db
    .selectFrom('coupon_campaigns')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(CAMPAIGN_LIST_MAX)
    .execute()
  return withBudgetUsed(ctx, rows)
}

/** Ends it now (a repeat is a no-op); payments already holding a coupon keep it. */
export async function endCampaign(
  ctx: CouponsContext,
  merchantId: string,
  campaignId: string,
): Promise<Campaign> {
  const row = await campaignRow(ctx, campaignId)
  if (row.merchant_id !== merchantId) throw new DomainError('COUPON_NOT_FOUND')
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('coupon_campaigns')
      .set({ status: 'ended', ended_at: new Date(ctx.clock.nowMs()) })
      .where('id', '=', campaignId)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (ended.numUpdatedRows > 0n) await ctx.quota.release([activeClaim(campaignId)], trx)
  })
  return getCampaign(ctx, campaignId)
}

/** Campaigns past their end date give their running slot back (checked before each create). */
async function endExpiredCampaigns(ctx: CouponsContext, merchantId: string): Promise<void> {
  const expired = await ctx.db
    .selectFrom('coupon_campaigns')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('status', '=', 'active')
    .where('ends_at', '<=', new Date(ctx.clock.nowMs()))
    .limit(CAMPAIGN_LIST_MAX)
    .execute()
  for (const row of expired) await endCampaign(ctx, merchantId, row.id)
}
