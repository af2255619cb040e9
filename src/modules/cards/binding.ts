/**
 * Binding bank cards: the number is checked (Luhn, BIN table), the holder must be the verified
 * user, the bank verifies the card, and the bank's reserved phone receives an SMS code; only
 * when all of that passes is the card bound. Numbers are stored encrypted, shown as last 4.
 */
import {
  isCardNumberFormat,
  lookupBin,
  luhnValid,
  normalizeCardNumber,
} from '../../shared/bank-card.ts'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { maskPhone, normalizePhone } from '../identity/index.ts'
import { publicBankDetails, walletCodeForBank } from './bank-errors.ts'
import { getCard } from './card-list.ts'
import { bankName, type Card, type CardsContext, cardNumberHash } from './context.ts'

async function checkBindLimits(
  ctx: CardsContext,
  userId: string,
  numberHash: string,
): Promise<void> {
  const bound = await ctx.db
    .selectFrom('bank_cards')
    .select(['user_id'])
    .where('card_number_hash', '=', numberHash)
    .where('status', '=', 'bound')
    .execute()
  if (bound.some((row) => row.user_id === userId)) throw new DomainError('CARD_ALREADY_BOUND')
  if (bound.length >= ctx.rules.accountsPerCardMax)
    throw new DomainError('CARD_BIND_LIMIT', { scope: 'CARD' })
  const mine = await ctx.db
    .selectFrom('bank_cards')
    .select(ctx.db.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('status', '=', 'bound')
    .executeTakeFirst()
  if (Number(mine?.count ?? 0) >= ctx.rules.cardsPerAccountMax)
    throw new DomainError('CARD_BIND_LIMIT', { scope: 'ACCOUNT' })
}

/** Step 1: check the card with the bank and text a code to its reserved phone. */
export async function startBinding(
  ctx: CardsContext,
  userId: string,
  request: { cardNumber: string; phone: string; expiry?: string; cvn?: string },
  ip?: string,
) {
  const holder = await ctx.identity.getRealNameRecord(userId)
  if (holder === undefined) throw new DomainError('KYC_REQUIRED')
  const cardNumber = normalizeCardNumber(request.cardNumber)
  if (!isCardNumberFormat(cardNumber) || !luhnValid(cardNumber))
    throw new DomainError('CARD_NUMBER_INVALID')
  const bin = lookupBin(cardNumber)
  if (bin === undefined || !bin.supported) throw new DomainError('CARD_NOT_SUPPORTED')
  const phone = normalizePhone(request.phone)
  const numberHash = cardNumberHash(ctx, cardNumber)
  await checkBindLimits(ctx, userId, numberHash)
  const verified = await ctx.bank.verifyCard({
    cardNumber,
    holderName: holder.realName,
    idNumber: holder.idNumber,
    phone,
    ...(request.expiry ? { expiry: request.expiry } : {}),
    ...(request.cvn ? { cvn: request.cvn } : {}),
  })
  if (!verified.ok) {
    const code = walletCodeForBank(verified.code)
    const details = publicBankDetails(verified.details)
    // Only a credit card has an expiry date and a CVN to check again.
    if (code === 'CARD_INFO_MISMATCH') details.cardType = bin.cardType
    throw new DomainError(code, details)
  }
  const nowMs = ctx.clock.nowMs()
  let sent: { expiresInSeconds: number; resendAfterSeconds: number }
  try {
    sent = await ctx.identity.sendCode(phone, 'bind_card', ip)
  } catch (error) {
    // Back on the code step within the resend wait: the code already sent still binds this card.
    const resumed = await resumableRequest(ctx, error, { userId, numberHash, phone, nowMs })
    if (resumed === undefined) throw error
    return resumed
  }
  const id = randomId('br', 16)
  await ctx.db
    .insertInto('card_bind_requests')
    .values({
      id,
      user_id: userId,
      card_number_enc: ctx.secrets.encrypt(cardNumber),
      card_number_hash: numberHash,
      bank_code: verified.bankCode,
      card_type: verified.cardType,
      last4: verified.last4,
      reserved_phone: phone,
      created_at: new Date(nowMs),
      expires_at: new Date(nowMs + ctx.rules.bindRequestTtlMs),
      consumed_at: null,
    })
    .execute()
  return {
    bindRequestId: id,
    bankCode: verified.bankCode,
    bankName: bankName(verified.bankCode),
    cardType: verified.cardType,
    last4: verified.last4,
    phoneMasked: maskPhone(phone),
    expiresInSeconds: sent.expiresInSeconds,
    resendAfterSeconds: sent.resendAfterSeconds,
    resumed: false,
  }
}

/**
 * The user's pending request for this card and reserved phone, when a new code was refused only
 * because the last one was sent under a minute ago (FREQUENCY_LIMITED, limit `resend`).
 */
async function resumableRequest(
  ctx: CardsContext,
  error: unknown,
  where: { userId: string; numberHash: string; phone: string; nowMs: number },
) {
  if (!(error instanceof DomainError) || error.code !== 'FREQUENCY_LIMITED') return undefined
  if (error.details.limit !== 'resend') return undefined
  const pending = await ctx.db
    .selectFrom('card_bind_requests')
    .selectAll()
    .where('user_id', '=', where.userId)
    .where('card_number_hash', '=', where.numberHash)
    .where('reserved_phone', '=', where.phone)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', new Date(where.nowMs))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (pending === undefined) return undefined
  const expiresAtMs = new Date(pending.expires_at).getTime()
  return {
    bindRequestId: pending.id,
    bankCode: pending.bank_code,
    bankName: bankName(pending.bank_code),
    cardType: pending.card_type,
    last4: pending.last4,
    phoneMasked: maskPhone(pending.reserved_phone),
    expiresInSeconds: Math.max(1, Math.floor((expiresAtMs - where.nowMs) / 1000)),
    resendAfterSeconds: Number(error.details.retryAfterSeconds ?? 60),
    resumed: true,
  }
}

/** Step 2: the code from the reserved phone binds the card. */
export async function confirmBinding(
  ctx: CardsContext,
  userId: string,
  request: { bindRequestId: string; smsCode: string },
): Promise<Card> {
  const pending = await ctx.db
    .selectFrom('card_bind_requests')
    .selectAll()
    .where('id', '=', request.bindRequestId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (pending === undefined) throw new DomainError('NOT_FOUND', { resource: 'bind_request' })
  if (pending.consumed_at !== null || new Date(pending.expires_at).getTime() <= ctx.clock.nowMs()) {
    throw new DomainError('SMS_CODE_EXPIRED')
  }
  await ctx.identity.useCode(pending.reserved_phone, 'bind_card', request.smsCode)
  await checkBindLimits(ctx, userId, pending.card_number_hash)
  const hasCards = await ctx.db
    .selectFrom('bank_cards')
    .select('id')
    .where('user_id', '=', userId)
    .where('status', '=', 'bound')
    .executeTakeFirst()
  const id = randomId('card', 16)
  await ctx.db
    .insertInto('bank_cards')
    .values({
      id,
      user_id: userId,
      bank_code: pending.bank_code,
      card_type: pending.card_type,
      last4: pending.last4,
      card_number_enc: pending.card_number_enc,
      card_number_hash: pending.card_number_hash,
      is_default: hasCards === undefined,
      status: 'bound',
      created_at: new Date(ctx.clock.nowMs()),
      unbound_at: null,
    })
    .execute()
  await ctx.db
    .updateTable('card_bind_requests')
    .set({ consumed_at: new Date(ctx.clock.nowMs()) })
    .where('id', '=', pending.id)
    .execute()
  await ctx.audit.record({
    userId,
    actor: { kind: 'user', id: userId },
    action: 'card.bound',
    detail: { bankCode: pending.bank_code, last4: pending.last4 },
  })
  // The bank checked name + ID against the holder: a same-name card raises the account class.
  await ctx.onCardBound?.(userId)
  return getCard(ctx, userId, id)
}
