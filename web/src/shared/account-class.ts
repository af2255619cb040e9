import type { MessageKey } from './i18n'

import type { AccountClass } from '@contract/profile'

export type { AccountClass }

/** 未实名 / Ⅰ类 / Ⅱ类 / Ⅲ类: the payment-account class (PBoC 2015 No. 43) in words. */
export const ACCOUNT_CLASS_KEY: Record<AccountClass, MessageKey> = {
  0: 'accountClass.0',
  1: 'accountClass.1',
  2: 'accountClass.2',
  3: 'accountClass.3',
}
