/** What every cards function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import { SUPPORTED_BANKS } from '../../shared/bank-card.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { AuditLog } from '../audit/index.ts'
import type { IdentityService } from '../identity/index.ts'
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

export interface CardsContext {
  db: Kysely<CardsTables>
  clock: Clock
  secrets: SecretBox
  identity: IdentityService
  audit: AuditLog
  bank: BankConnector
  rules: CardRules
  /** Called after a card in the holder's own name is bound (raises the account class). */
  onCardBound?: (userId: string) => Promise<void>
}

export function bankName(bankCode: string): { zh: string; en: string } {
  const bank = SUPPORTED_BANKS.find((candidate) => candidate.bankCode === bankCode)
  return bank === undefined
    ? { zh: bankCode, en: bankCode }
    : { zh: bank.bankNameZh, en: bank.bankNameEn }
}

export function toCard(row: CardsTables['bank_cards']): Card {
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

/** The keyed hash that finds a card number without decrypting every row. */
export function cardNumberHash(ctx: CardsContext, cardNumber: string): string {
  return ctx.secrets.keyedHash(`card:${cardNumber}`)
}
