/**
 * Binding bank cards: the number is checked (Luhn, BIN table), the holder must be the verified
 * user, the bank verifies the card, and the bank's reserved phone receives an SMS code; only
 * when all of that passes is the card bound. Numbers are stored encrypted, shown as last 4.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import { assert } from '../../shared/assert.ts'
import {
  isCardNumberFormat,
  lookupBin,
  luhnValid,
  normalizeCardNumber,
  SUPPORTED_BANKS,
} from '../../shared/bank-card.ts'
import { randomId, type SecretBox } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import type { AuditLog } from '../audit/index.ts'
import { type IdentityService, maskPhone, normalizePhone } from '../identity/index.ts'
import { publicBankDetails, walletCodeForBank } from './bank-errors.ts'
import type { CardsTables } from './cards-tables.ts'

export interface CardRules {
  /** One card on at most this many accounts (wallet-rules.md §0). */
  accountsPerCardMax: number
  cardsPerAccountMax: number
  bindRequestTtlMs: number
}

export const DEFAULT_CARD_RULES: CardRules = {
  accountsPerCardMax: 5,
  cardsPerAccountMax: 10,
  bindRequestTtlMs: 10 * 60_000,
}

export interface Card {
  id: string
  bankCode: string
  bankName: { zh: string; en: string }
  cardType: 'DEBIT' | 'CREDIT'
  last4: string
  isDefault: boolean
  createdAtMs: number
}

export interface CardsDeps {
  database: Db
  clock: Clock
  secrets: SecretBox
  identity: IdentityService
  audit: AuditLog
  bank: BankConnector
  rules?: Partial<CardRules>
  /** Called after a card in the holder's own name is bound (raises the account class). */
  onCardBound?: (userId: string) => Promise<void>
}

function bankName(bankCode: string): { zh: string; en: string } {
  const bank = SUPPORTED_BANKS.find((candidate) => candidate.bankCode === bankCode)
  return bank === undefined
    ? { zh: bankCode, en: bankCode }
    : { zh: bank.bankNameZh, en: bank.bankNameEn }
}

export function createCardsService(deps: CardsDeps) {
  const db = deps.database as Kysely<CardsTables>
  const rules = { ...DEFAULT_CARD_RULES, ...deps.rules }

  function toCard(row: CardsTables['bank_cards']): Card {
    return {
      id: row.id,
      bankCode: row.bank_code,
      bankName: bankName(row.bank_code),
      cardType: row.card_type as Card['cardType'],
      last4: row.last4,
      isDefault: row.is_default,
      createdAtMs: new Date(row.created_at).getTime(),
    }
  }

  async function checkBindLimits(userId: string, numberHash: string): Promise<void> {
    const bound = await db
      .selectFrom('bank_cards')
      .select(['user_id'])
      .where('card_number_hash', '=', numberHash)
      .where('status', '=', 'bound')
      .execute()
    if (bound.some((row) => row.user_id === userId)) throw new DomainError('CARD_ALREADY_BOUND')
    if (bound.length >= rules.accountsPerCardMax)
      throw new DomainError('CARD_BIND_LIMIT', { scope: 'CARD' })
    const mine = await db
      .selectFrom('bank_cards')
      .select(db.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('status', '=', 'bound')
      .executeTakeFirst()
    if (Number(mine?.count ?? 0) >= rules.cardsPerAccountMax)
      throw new DomainError('CARD_BIND_LIMIT', { scope: 'ACCOUNT' })
  }

  /** Step 1: check the card with the bank and text a code to its reserved phone. */
  async function startBinding(
    userId: string,
    request: { cardNumber: string; phone: string; expiry?: string; cvn?: string },
    ip?: string,
  ) {
    const holder = await deps.identity.getRealNameRecord(userId)
    if (holder === undefined) throw new DomainError('KYC_REQUIRED')
    const cardNumber = normalizeCardNumber(request.cardNumber)
    if (!isCardNumberFormat(cardNumber) || !luhnValid(cardNumber))
      throw new DomainError('CARD_NUMBER_INVALID')
    const bin = lookupBin(cardNumber)
    if (bin === undefined || !bin.supported) throw new DomainError('CARD_NOT_SUPPORTED')
    const phone = normalizePhone(request.phone)
    const numberHash = deps.secrets.keyedHash(`card:${cardNumber}`)
    await checkBindLimits(userId, numberHash)
    const verified = await deps.bank.verifyCard({
      cardNumber,
      holderName: holder.realName,
      idNumber: holder.idNumber,
      phone,
      ...(request.expiry ? { expiry: request.expiry } : {}),
      ...(request.cvn ? { cvn: request.cvn } : {}),
    })
    if (!verified.ok)
      throw new DomainError(walletCodeForBank(verified.code), publicBankDetails(verified.details))
    const nowMs = deps.clock.nowMs()
    const id = randomId('br', 16)
    await db
      .insertInto('card_bind_requests')
      .values({
        id,
        user_id: userId,
        card_number_enc: deps.secrets.encrypt(cardNumber),
        card_number_hash: numberHash,
        bank_code: verified.bankCode,
        card_type: verified.cardType,
        last4: verified.last4,
        reserved_phone: phone,
        created_at: new Date(nowMs),
        expires_at: new Date(nowMs + rules.bindRequestTtlMs),
        consumed_at: null,
      })
      .execute()
    const sent = await deps.identity.sendCode(phone, 'bind_card', ip)
    return {
      bindRequestId: id,
      bankCode: verified.bankCode,
      bankName: bankName(verified.bankCode),
      cardType: verified.cardType,
      last4: verified.last4,
      phoneMasked: maskPhone(phone),
      expiresInSeconds: sent.expiresInSeconds,
      resendAfterSeconds: sent.resendAfterSeconds,
    }
  }

  /** Step 2: the code from the reserved phone binds the card. */
  async function confirmBinding(
    userId: string,
    request: { bindRequestId: string; smsCode: string },
  ): Promise<Card> {
    const pending = await db
      .selectFrom('card_bind_requests')
      .selectAll()
      .where('id', '=', request.bindRequestId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (pending === undefined) throw new DomainError('NOT_FOUND', { resource: 'bind_request' })
    if (
      pending.consumed_at !== null ||
      new Date(pending.expires_at).getTime() <= deps.clock.nowMs()
    ) {
      throw new DomainError('SMS_CODE_EXPIRED')
    }
    await deps.identity.useCode(pending.reserved_phone, 'bind_card', request.smsCode)
    await checkBindLimits(userId, pending.card_number_hash)
    const hasCards = await db
      .selectFrom('bank_cards')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', '=', 'bound')
      .executeTakeFirst()
    const id = randomId('card', 16)
    await db
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
        created_at: new Date(deps.clock.nowMs()),
        unbound_at: null,
      })
      .execute()
    await db
      .updateTable('card_bind_requests')
      .set({ consumed_at: new Date(deps.clock.nowMs()) })
      .where('id', '=', pending.id)
      .execute()
    await deps.audit.record({
      userId,
      actor: { kind: 'user', id: userId },
      action: 'card.bound',
      detail: { bankCode: pending.bank_code, last4: pending.last4 },
    })
    // The bank checked name + ID against the holder: a same-name card raises the account class.
    await deps.onCardBound?.(userId)
    return getCard(userId, id)
  }

  async function listCards(userId: string): Promise<Card[]> {
    const rows = await db
      .selectFrom('bank_cards')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', '=', 'bound')
      .orderBy('is_default', 'desc')
      .orderBy('created_at')
      .execute()
    return rows.map(toCard)
  }

  async function getCard(userId: string, cardId: string): Promise<Card> {
    const row = await db
      .selectFrom('bank_cards')
      .selectAll()
      .where('id', '=', cardId)
      .where('user_id', '=', userId)
      .where('status', '=', 'bound')
      .executeTakeFirst()
    if (row === undefined) throw new DomainError('CARD_NOT_FOUND')
    return toCard(row)
  }

  /** The full number, for the bank connector only (never returned to a client). */
  /**
   * `includeUnbound` is for settling an operation begun before the card was unbound: the bank
   * request already exists and must be resolved against the same card.
   */
  async function cardForBank(
    userId: string,
    cardId: string,
    options: { includeUnbound?: boolean } = {},
  ): Promise<Card & { cardNumber: string }> {
    let query = db
      .selectFrom('bank_cards')
      .selectAll()
      .where('id', '=', cardId)
      .where('user_id', '=', userId)
    if (options.includeUnbound !== true) query = query.where('status', '=', 'bound')
    const row = await query.executeTakeFirst()
    if (row === undefined) throw new DomainError('CARD_NOT_FOUND')
    return { ...toCard(row), cardNumber: deps.secrets.decrypt(row.card_number_enc) }
  }

  async function setDefault(userId: string, cardId: string): Promise<Card> {
    await getCard(userId, cardId)
    await db
      .updateTable('bank_cards')
      .set({ is_default: false })
      .where('user_id', '=', userId)
      .where('is_default', '=', true)
      .execute()
    await db.updateTable('bank_cards').set({ is_default: true }).where('id', '=', cardId).execute()
    return getCard(userId, cardId)
  }

  /** `confirm` checks the payment password; it runs before anything changes. */
  async function unbind(
    userId: string,
    cardId: string,
    confirm: () => Promise<void>,
  ): Promise<void> {
    const card = await getCard(userId, cardId)
    await confirm()
    await db
      .updateTable('bank_cards')
      .set({ status: 'unbound', is_default: false, unbound_at: new Date(deps.clock.nowMs()) })
      .where('id', '=', cardId)
      .execute()
    if (card.isDefault) {
      const next = await db
        .selectFrom('bank_cards')
        .select('id')
        .where('user_id', '=', userId)
        .where('status', '=', 'bound')
        .orderBy('created_at')
        .executeTakeFirst()
      if (next !== undefined)
        await db
          .updateTable('bank_cards')
          .set({ is_default: true })
          .where('id', '=', next.id)
          .execute()
    }
    await deps.audit.record({
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
  async function checkOwnsBoundCard(userId: string, cardNumber: string | undefined): Promise<void> {
    const bound = await db
      .selectFrom('bank_cards')
      .select('card_number_hash')
      .where('user_id', '=', userId)
      .where('status', '=', 'bound')
      .execute()
    if (bound.length === 0) return
    if (cardNumber === undefined)
      throw new DomainError('CARD_DETAILS_REQUIRED', { field: 'cardNumber' })
    const hash = deps.secrets.keyedHash(`card:${normalizeCardNumber(cardNumber)}`)
    if (!bound.some((row) => row.card_number_hash === hash))
      throw new DomainError('CARD_INFO_MISMATCH')
  }

  return {
    startBinding,
    confirmBinding,
    listCards,
    getCard,
    cardForBank,
    setDefault,
    unbind,
    checkOwnsBoundCard,
  }
}

export type CardsService = ReturnType<typeof createCardsService>
