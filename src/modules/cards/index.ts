/**
 * @module cards
 * Bank cards in the wallet: bind (bank verification + SMS to the reserved phone), list, set
 * default, unbind. Card numbers are encrypted at rest and shown as bank + last 4.
 *
 * @example
 * const cards = createCardsService({ database: db, clock, secrets, identity, audit, bank })
 * const started = await cards.startBinding(userId, { cardNumber, phone })
 * const card = await cards.confirmBinding(userId, { bindRequestId: started.bindRequestId, smsCode })
 */
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { AuditLog } from '../audit/index.ts'
import type { IdentityService } from '../identity/index.ts'
import { confirmBinding, startBinding } from './binding.ts'
import {
  cardForBank,
  checkOwnsBoundCard,
  getCard,
  listCards,
  setDefault,
  unbind,
} from './card-list.ts'
import { type CardRules, type CardsContext, DEFAULT_CARD_RULES } from './context.ts'

export { publicBankDetails, walletCodeForBank } from './bank-errors.ts'
export { type Card, type CardRules, DEFAULT_CARD_RULES } from './context.ts'

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

export function createCardsService(deps: CardsDeps) {
  const ctx: CardsContext = {
    db: deps.database as CardsContext['db'],
    clock: deps.clock,
    secrets: deps.secrets,
    identity: deps.identity,
    audit: deps.audit,
    bank: deps.bank,
    rules: { ...DEFAULT_CARD_RULES, ...deps.rules },
    ...(deps.onCardBound ? { onCardBound: deps.onCardBound } : {}),
  }
  return {
    /** Step 1: the bank verifies the card; an SMS code goes to its reserved phone. */
    startBinding: (userId: string, request: Parameters<typeof startBinding>[2], ip?: string) =>
      startBinding(ctx, userId, request, ip),
    /** Step 2: the code binds the card. */
    confirmBinding: (userId: string, request: { bindRequestId: string; smsCode: string }) =>
      confirmBinding(ctx, userId, request),
    listCards: (userId: string) => listCards(ctx, userId),
    getCard: (userId: string, cardId: string) => getCard(ctx, userId, cardId),
    /** The full number, for the bank connector only (never returned to a client). */
    cardForBank: (userId: string, cardId: string, options?: { includeUnbound?: boolean }) =>
      cardForBank(ctx, userId, cardId, options),
    setDefault: (userId: string, cardId: string) => setDefault(ctx, userId, cardId),
    unbind: (userId: string, cardId: string, confirm: () => Promise<void>) =>
      unbind(ctx, userId, cardId, confirm),
    checkOwnsBoundCard: (userId: string, cardNumber: string | undefined) =>
      checkOwnsBoundCard(ctx, userId, cardNumber),
  }
}

export type CardsService = ReturnType<typeof createCardsService>
