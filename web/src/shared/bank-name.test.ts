import { describe, expect, it } from 'vitest'
import { bankNameText } from './bank-name'
import { translate } from './i18n'
import type { Lang, MessageKey, MessageVars } from './i18n'

const t = (lang: Lang) => (key: MessageKey, vars?: MessageVars) => translate(lang, key, vars)

describe('bank names by code', () => {
  it('names each bank the wallet supports, in both languages', () => {
    expect(bankNameText(t('zh'), 'ABC')).toBe('中国农业银行')
    expect(bankNameText(t('en'), 'ABC')).toBe('Agricultural Bank of China')
    for (const code of ['ICBC', 'CCB', 'ABC', 'BOC', 'CMB', 'BOCOM']) {
      expect(bankNameText(t('zh'), code)).not.toBe(code)
    }
  })

  it('shows a code it has no name for as written', () => {
    expect(bankNameText(t('zh'), 'PSBC')).toBe('PSBC')
    expect(bankNameText(t('zh'), 'constructor')).toBe('constructor')
  })
})
