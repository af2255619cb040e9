/**
 * Merchants: created (idempotent by the caller's creation key), looked up, listed and searched,
 * suspended and activated. The id is a 10-digit mchid, as the WeChat Pay v3 API names merchants.
 */
import type { Selectable } from 'kysely'
import { assert } from '../../shared/assert.ts'
import { randomDigits } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { isMerchantCategoryCode } from '../../shared/merchant-categories.ts'
import type { MerchantsContext } from './context.ts'
import { FEE_RATE_BP_MAX } from './fees.ts'
import type { MerchantsTables } from './merchants-tables.ts'
import { isMerchantStatus, type MerchantStatus } from './roles.ts'
import { checkSettlementCard, type SettlementCard, settlementCardView } from './settlement-card.ts'

export const MERCHANT_SEARCH_RESULTS_MAX = 50
export const LEGAL_NAME_LENGTH_MAX = 100
export const STORE_NAME_LENGTH_MAX = 64

export interface Merchant {
  id: string
  legalName: string
  storeName: string
  category: string
  settlementCard: SettlementCard
  status: MerchantStatus
  feeRateBp: number
  createdAtMs: number
  updatedAtMs: number
}

export interface MerchantInput {
  /** The same key creates the same merchant once (a retry returns the first). */
  creationKey: string
  legalName: string
  storeName: string
  category: string
  settlementCardNumber: string
  feeRateBp?: number | undefined
  /** The owner's sign-in; by default `<mchid>.owner` with a generated password (demo: fixed). */
  owner?: { username: string; password: string } | undefined
}

type MerchantRow = Selectable<MerchantsTables['merchants']>

export function toMerchant(row: MerchantRow): Merchant {
  assert(isMerchantStatus(row.status), `merchant ${row.id} has unknown status ${row.status}`)
  return {
    id: row.id,
    legalName: row.legal_name,
    storeName: row.store_name,
    category: row.category,
    settlementCard: settlementCardView(row),
    status: row.status,
    feeRateBp: row.fee_rate_bp,
    createdAtMs: new Date(row.created_at).getTime(),
    updatedAtMs: new Date(row.updated_at).getTime(),
  }
}

function checkedInput(ctx: MerchantsContext, input: MerchantInput) {
  const legalName = input.legalName.trim()
  const storeName = input.storeName.trim()
  if (legalName.length === 0 || legalName.length > LEGAL_NAME_LENGTH_MAX) {
    throw new DomainError('INVALID_REQUEST', { field: 'legalName' })
  }
  if (storeName.length === 0 || storeName.length > STORE_NAME_LENGTH_MAX) {
    throw new DomainError('INVALID_REQUEST', { field: 'storeName' })
  }
  if (!isMerchantCategoryCode(input.category)) {
    throw new DomainError('INVALID_REQUEST', { field: 'category' })
  }
  const feeRateBp = input.feeRateBp ?? ctx.rules.defaultFeeRateBp
  if (!Number.isInteger(feeRateBp) || feeRateBp < 0 || feeRateBp > FEE_RATE_BP_MAX) {
    throw new DomainError('INVALID_REQUEST', { field: 'feeRateBp' })
  }
  const key = input.creationKey.trim()
  if (key.length === 0 || key.length > 100) {
    throw new DomainError('INVALID_REQUEST', { field: 'creationKey' })
  }
  const card = checkSettlementCard(input.settlementCardNumber)
  return { key, legalName, storeName, category: input.category, feeRateBp, card }
}

/**
 * Inserts the merchant unless its creation key exists; returns the merchant under that key and
 * whether this call created it. A random mchid that happens to be taken is drawn again.
 */
export async function insertMerchant(
  ctx: MerchantsContext,
  input: MerchantInput,
): Promise<{ merchant: Merchant; created: boolean }> {
  const checked = checkedInput(ctx, input)
  const existing = await findByCreationKey(ctx, checked.key)
  if (existing !== undefined) return { merchant: toMerchant(existing), created: false }
  const now = new Date(ctx.clock.nowMs())
  for (let draw = 0; draw < 5; draw++) {
    const inserted = await ctx.db
      .insertInto('merchants')
      .values({
        id: `1${randomDigits(9)}`,
        creation_key: checked.key,
        legal_name: checked.legalName,
        store_name: checked.storeName,
        category: checked.category,
        settlement_bank_code: checked.card.bankCode,
        settlement_card_type: checked.card.cardType,
        settlement_last4: checked.card.last4,
        settlement_card_enc: ctx.secrets.encrypt(checked.card.cardNumber),
        status: 'active',
        fee_rate_bp: checked.feeRateBp,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst()
    const row = await findByCreationKey(ctx, checked.key)
    if (row !== undefined) {
      return { merchant: toMerchant(row), created: Number(inserted.numInsertedOrUpdatedRows) > 0 }
    }
  }
  throw new Error('no free mchid after 5 draws')
}

function findByCreationKey(ctx: MerchantsContext, key: string) {
  return ctx.db
    .selectFrom('merchants')
    .selectAll()
    .where('creation_key', '=', key)
    .executeTakeFirst()
}

export async function getMerchant(ctx: MerchantsContext, merchantId: string): Promise<Merchant> {
  const row = await ctx.db
    .selectFrom('merchants')
    .selectAll()
    .where('id', '=', merchantId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('MERCHANT_NOT_FOUND')
  return toMerchant(row)
}

/** Newest first; `query` matches the mchid exactly or a part of the legal or store name. */
export async function searchMerchants(
  ctx: MerchantsContext,
  query: string | undefined,
): Promise<Merchant[]> {
  const text = query?.trim() ?? ''
  let select = ctx.db.selectFrom('merchants').selectAll()
  if (text.length > 0) {
    const pattern = `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
    select = select.where((eb) =>
      eb.or([
        eb('id', '=', text),
        eb('legal_name', 'ilike', pattern),
        eb('store_name', 'ilike', pattern),
      ]),
    )
  }
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(MERCHANT_SEARCH_RESULTS_MAX)
    .execute()
  return rows.map(toMerchant)
}

/** Sets the status; returns the merchant and whether it changed (a repeat is a no-op). */
export async function updateMerchantStatus(
  ctx: MerchantsContext,
  merchantId: string,
  status: MerchantStatus,
): Promise<{ merchant: Merchant; changed: boolean }> {
  const updated = await ctx.db
    .updateTable('merchants')
    .set({ status, updated_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', merchantId)
    .where('status', '<>', status)
    .returningAll()
    .executeTakeFirst()
  if (updated !== undefined) return { merchant: toMerchant(updated), changed: true }
  return { merchant: await getMerchant(ctx, merchantId), changed: false }
}

/** Every merchant in mchid order, a page at a time (the settlement job walks them all). */
export async function listMerchantPage(
  ctx: MerchantsContext,
  page: { afterId?: string; limit: number },
): Promise<Merchant[]> {
  let select = ctx.db.selectFrom('merchants').selectAll()
  if (page.afterId !== undefined) select = select.where('id', '>', page.afterId)
  const rows = await select
    .orderBy('id')
    .limit(Math.min(Math.max(page.limit, 1), 500))
    .execute()
  return rows.map(toMerchant)
}

/** The settlement card's number, unsealed for the bank call that pays the merchant out. */
export async function settlementCardNumber(
  ctx: MerchantsContext,
  merchantId: string,
): Promise<string> {
  const row = await ctx.db
    .selectFrom('merchants')
    .select('settlement_card_enc')
    .where('id', '=', merchantId)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('MERCHANT_NOT_FOUND')
  return ctx.secrets.decrypt(row.settlement_card_enc)
}
