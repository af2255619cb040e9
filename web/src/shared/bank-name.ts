import type { I18n, MessageKey } from './i18n'
import { messages } from './messages'

/**
 * A bank's name by its code (ABC → 中国农业银行), as the card list shows it: for records that
 * carry only the code (money movements, audit details). A bank without a name shows its code.
 */
export function bankNameText(t: I18n['t'], bankCode: string): string {
  const key = `bank.${bankCode}`
  return Object.hasOwn(messages, key) ? t(key as MessageKey) : bankCode
}
