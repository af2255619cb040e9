import { translate } from '../../shared/i18n'
import type { I18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import type { Balance, BankCard } from '../api'
import { cardLabel } from '../money/labels'
import type { MethodOption } from './pay-api'

const bothLangs = (label: (i18n: Pick<I18n, 't' | 'lang'>) => string) => ({
  zh: label({ lang: 'zh', t: (key, vars) => translate('zh', key, vars) }),
  en: label({ lang: 'en', t: (key, vars) => translate('en', key, vars) }),
})

/**
 * The methods for confirming a payment the cashier started (USERPAYING): there is no checkout
 * then, so they are made here from the balance and the bound cards. The balance is unavailable
 * when it cannot cover the amount; a card's bank limits are the bank's to judge on confirm.
 */
export function pendingMethodOptions(
  amountFen: number,
  balance: Balance,
  cards: readonly BankCard[],
): MethodOption[] {
  const enough = balance.availableFen >= amountFen
  const balanceOption: MethodOption = {
    method: { kind: 'balance' },
    label: bothLangs(({ t }) =>
      t('pay.method.balanceWith', { amount: formatFen(balance.availableFen) }),
    ),
    available: enough,
    reason: enough
      ? null
      : {
          code: 'NOT_ENOUGH',
          message: bothLangs(({ t }) => t('pay.method.notEnough')),
          details: { availableFen: balance.availableFen },
        },
  }
  const cardOptions = cards.map((card): MethodOption => ({
    method: { kind: 'card', cardId: card.id, bankCode: card.bankCode, last4: card.last4 },
    label: bothLangs((i18n) => cardLabel(i18n, card)),
    available: true,
    reason: null,
  }))
  return [balanceOption, ...cardOptions]
}
