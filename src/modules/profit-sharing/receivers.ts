/**
 * Who a merchant may share with (receivers/add, receivers/delete): another Lingqian merchant
 * (MERCHANT_ID, its mchid; the name must be its legal name, as WeChat requires) or a wallet user
 * (PERSONAL_OPENID; the caller resolves the openid to the user). Adding again updates the
 * relation and brings a deleted receiver back; deleting is idempotent. Names are kept encrypted
 * with the data key.
 */
import type { Selectable } from 'kysely'
import { DomainError } from '../../shared/errors.ts'
import type { ProfitSharingContext } from './context.ts'
import type { ProfitSharingTables } from './profit-sharing-tables.ts'

export const RECEIVER_TYPES = ['MERCHANT_ID', 'PERSONAL_OPENID'] as const
export type ReceiverType = (typeof RECEIVER_TYPES)[number]

export const RELATION_TYPES = [
  'SERVICE_PROVIDER',
  'STORE',
  'STAFF',
  'STORE_OWNER',
  'PARTNER',
  'HEADQUARTER',
  'BRAND',
  'DISTRIBUTOR',
  'USER',
  'SUPPLIER',
  'CUSTOM',
] as const
export type RelationType = (typeof RELATION_TYPES)[number]

export type ReceiverTarget =
  | { type: 'MERCHANT_ID'; account: string }
  | { type: 'PERSONAL_OPENID'; account: string; userId: string }

export interface ReceiverInput {
  appId: string
  target: ReceiverTarget
  /** Plain text (the wire decrypts it first). */
  name?: string | undefined
  relationType: RelationType
  customRelation?: string | undefined
}

export interface Receiver {
  type: ReceiverType
  account: string
  name: string | null
  relationType: RelationType
  customRelation: string | null
  receiverMerchantId: string | null
  receiverUserId: string | null
}

type ReceiverRow = Selectable<ProfitSharingTables['profit_sharing_receivers']>

function toReceiver(ctx: ProfitSharingContext, row: ReceiverRow): Receiver {
  return {
    type: row.type as ReceiverType,
    account: row.account,
    name: row.name_enc === null ? null : ctx.secrets.decrypt(row.name_enc),
    relationType: row.relation_type as RelationType,
    customRelation: row.custom_relation,
    receiverMerchantId: row.receiver_merchant_id,
    receiverUserId: row.receiver_user_id,
  }
}

async function checkMerchantReceiver(
  ctx: ProfitSharingContext,
  merchantId: string,
  account: string,
  name: string | undefined,
): Promise<void> {
  if (account === merchantId) {
    throw new DomainError('INVALID_REQUEST', {
      field: 'account',
      issue: 'cannot share with itself',
    })
  }
  const receiver = await ctx.merchants.get(account).catch(() => undefined)
  if (receiver === undefined) {
    throw new DomainError('INVALID_REQUEST', { field: 'account', issue: 'no such merchant' })
  }
  if (name === undefined || name !== receiver.legalName) {
    throw new DomainError('PROFIT_SHARING_NAME_MISMATCH', { field: 'name' })
  }
}

export async function addReceiver(
  ctx: ProfitSharingContext,
  merchantId: string,
  input: ReceiverInput,
): Promise<Receiver> {
  const { target } = input
  if (target.type === 'MERCHANT_ID') {
    await checkMerchantReceiver(ctx, merchantId, target.account, input.name)
  }
  if (input.relationType === 'CUSTOM' && !input.customRelation) {
    throw new DomainError('INVALID_REQUEST', { field: 'custom_relation', issue: 'required' })
  }
  const nowDate = new Date(ctx.clock.nowMs())
  const values = {
    appid: input.appId,
    receiver_merchant_id: target.type === 'MERCHANT_ID' ? target.account : null,
    receiver_user_id: target.type === 'PERSONAL_OPENID' ? target.userId : null,
    name_enc: input.name === undefined ? null : ctx.secrets.encrypt(input.name),
    relation_type: input.relationType,
    custom_relation: input.relationType === 'CUSTOM' ? (input.customRelation ?? null) : null,
    updated_at: nowDate,
    deleted_at: null,
  }
  const row = await ctx.db
    .insertInto('profit_sharing_receivers')
    .values({
      merchant_id: merchantId,
      type: target.type,
      account: target.account,
      created_at: nowDate,
      ...values,
    })
    .onConflict((conflict) =>
      conflict.columns(['merchant_id', 'type', 'account']).doUpdateSet(values),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  return toReceiver(ctx, row)
}

export async function deleteReceiver(
  ctx: ProfitSharingContext,
  merchantId: string,
  type: ReceiverType,
  account: string,
): Promise<void> {
  await ctx.db
    .updateTable('profit_sharing_receivers')
    .set({ deleted_at: new Date(ctx.clock.nowMs()) })
    .where('merchant_id', '=', merchantId)
    .where('type', '=', type)
    .where('account', '=', account)
    .where('deleted_at', 'is', null)
    .execute()
}

/** The merchant's current receiver, or PROFIT_SHARING_RECEIVER_UNKNOWN. */
export async function activeReceiver(
  ctx: ProfitSharingContext,
  merchantId: string,
  type: string,
  account: string,
): Promise<Receiver> {
  const row = await ctx.db
    .selectFrom('profit_sharing_receivers')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('type', '=', type)
    .where('account', '=', account)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('PROFIT_SHARING_RECEIVER_UNKNOWN', { type, account })
  return toReceiver(ctx, row)
}
