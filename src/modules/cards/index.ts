/**
 * @module cards
 * Bank cards in the wallet: bind (bank verification + SMS to the reserved phone), list, set
 * default, unbind. Card numbers are encrypted at rest and shown as bank + last 4.
 */
export {
  type Card,
  type CardRules,
  type CardsDeps,
  type CardsService,
  createCardsService,
  DEFAULT_CARD_RULES,
} from './cards.ts'
export { publicBankDetails, walletCodeForBank } from './bank-errors.ts'
