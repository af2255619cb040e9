/**
 * The user's bound cards: the list, one card, the full number for the bank connector, the
 * default card, unbinding, and the card check of 找回支付密码.
 */
import { assert } from '../../shared/assert.ts'
import { normalizeCardNumber } from '../../shared/bank-card.ts'
import { DomainError } from '../../shared/errors.ts'
import { type Card, type CardsContext, cardNumberHash, toCard } from './context.ts'

export async function listCards(ctx: CardsContext, userId: string): Promise<Card[]> {
  const rows = await ctx.db
    .selectFrom('bank_cards')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'bound')
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .execute()
  return rows.map(toCard)
}

export async function getCard(ctx: CardsContext, userId: string, cardId: string): Promise<Card> {
  const row = await ctx.db
    .selectFrom('bank_cards')
    .selectAll()
    .where('id', '=', cardId)
    .where('user_id', '=', userId)
    .where('status', '=', 'bound')
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('CARD_NOT_FOUND')
  return toCard(row)
}

/**
 * The full number, for the bank connector only (never returned to a client). `includeUnbound`
 * is for settling an operation begun before the card was unbound: the bank request already
 * exists and must be resolved against the same card.
 */
export async function cardForBank(
  ctx: CardsContext,
  userId: string,
  cardId: string,
  options: { includeUnbound?: boolean } = {},
): Promise<Card & { cardNumber: string }> {
  let query = ctx.db
    .selectFrom('bank_cards')
    .selectAll()
    .where('id', '=', cardId)
    .where('user_id', '=', userId)
  if (options.includeUnbound !== true) query = query.where('status', '=', 'bound')
  const row = await query.executeTakeFirst()
  if (row === undefined) throw new DomainError('CARD_NOT_FOUND')
  return { ...toCard(row), cardNumber: ctx.secrets.decrypt(row.card_number_enc) }
}

export async function setDefault(ctx: CardsContext, userId: string, cardId: string): Promise<Card> {
  await getCard(ctx, userId, cardId)
  await ctx.db
    .updateTable('bank_cards')
    .set({ is_default: false })
    .where('user_id', '=', userId)
    .where('is_default', '=', true)
    .execute()
  await ctx.db
    .updateTable('bank_cards')
    .set({ is_default: true })
    .where('id', '=', cardId)
    .execute()
  return getCard(ctx, userId, cardId)
}

/** `confirm` checks the payment password; it runs before anything changes. */
export async function unbind(
  ctx: CardsContext,
  userId: string,
  cardId: string,
  confirm: () => Promise<void>,
): Promise<void> {
  const card = await getCard(ctx, userId, cardId)
  await confirm()
  await ctx.db
    .updateTable('bank_cards')
    .set({ status: 'unbound', is_default: false, unbound_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', cardId)
    .execute()
  if (card.isDefault) {
    const next = await ctx.db
      .selectFrom('bank_cards')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', '=', 'bound')
      .orderBy('created_at')
      .executeTakeFirst()
    if (next !== undefined)
      await ctx.db
        .updateTable('bank_cards')
        .set({ is_default: true })
        .where('id', '=', next.id)
        .execute()
  }
  await ctx.audit.record({
    userId,
    actor: { kind: 'user', id: userId },
    action: 'card.unbound',
    detail: { bankCode: card.bankCode, last4: card.last4 },
  })
  assert(card.id === cardId, 'unbound the card asked for')
}

/**
 * 找回支付密码 asks for one of the user's bound cards when there are any: proof the caller
 * holds more than the phone. Users without cards pass (SMS + ID number still apply).
 */
export async function checkOwnsBoundCard(
  ctx: CardsContext,
  userId: string,
  cardNumber: string | undefined,
): Promise<void> {
  const bound = await ctx.db
    .selectFrom('bank_cards')
    .select('card_number_hash')
    .where('user_id', '=', userId)
    .where('status', '=', 'bound')
    .execute()
  if (bound.length === 0) return
  if (cardNumber === undefined)
    throw new DomainError('CARD_DETAILS_REQUIRED', { field: 'cardNumber' })
  const hash = cardNumberHash(ctx, normalizeCardNumber(cardNumber))
  if (!bound.some((row) => row.card_number_hash === hash))
    throw new DomainError('CARD_INFO_MISMATCH')
}
