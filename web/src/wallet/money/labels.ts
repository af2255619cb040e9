import type { I18n, MessageKey } from '../../shared/i18n'
import { bankNameText } from '../../shared/bank-name'
import { messages } from '../../shared/messages'
import type { BankCard, Operation, OperationKind, OperationStatus } from '../api'

export const OPERATION_KIND_KEY: Record<OperationKind, MessageKey> = {
  TOPUP: 'operation.kind.TOPUP',
  WITHDRAW: 'operation.kind.WITHDRAW',
}

export const OPERATION_STATUS_KEY: Record<OperationStatus, MessageKey> = {
  PROCESSING: 'operation.status.PROCESSING',
  SUCCEEDED: 'operation.status.SUCCEEDED',
  FAILED: 'operation.status.FAILED',
}

/** The status pill's colour, reusing the appeal pills: amber, green, red. */
export const OPERATION_PILL: Record<OperationStatus, string> = {
  PROCESSING: 'pending',
  SUCCEEDED: 'approved',
  FAILED: 'rejected',
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key)
}

/** 储蓄卡 / 信用卡; another kind the server may add shows as its code. */
export function cardTypeText(t: I18n['t'], cardType: string): string {
  const key = `card.type.${cardType}`
  return isMessageKey(key) ? t(key) : cardType
}

/** 中国工商银行储蓄卡（0018）. */
export function cardLabel(
  { t, lang }: Pick<I18n, 't' | 'lang'>,
  card: Pick<BankCard, 'bankName' | 'last4'> & { cardType: string },
): string {
  const bank = card.bankName[lang]
  return t('card.label', { bank, type: cardTypeText(t, card.cardType), last4: card.last4 })
}

/**
 * The card of an operation: the full label while the card is still bound, else the bank's name
 * (an operation carries only the card id and bank code).
 */
export function operationCardText(
  i18n: Pick<I18n, 't' | 'lang'>,
  operation: Operation,
  cards: readonly BankCard[],
): string {
  const card = cards.find((candidate) => candidate.id === operation.card.id)
  if (card !== undefined) return cardLabel(i18n, card)
  // The card was unbound since: the record still carries the bank and last 4.
  return `${bankNameText(i18n.t, operation.card.bankCode)} (${operation.card.last4})`
}
