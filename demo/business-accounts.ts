/**
 * @module business-accounts
 * Business (对公) accounts the simulated banks hold for merchants: where T+1 settlement pays
 * the demo merchants out, and a pool of open accounts for merchants created without a card
 * (`lingqian merchant create` without --card picks one). The bank simulator loads them on its
 * first start with the residents' cards; they only receive money (settlement credits).
 *
 * | account name | card number | bank | for |
 * | --- | --- | --- | --- |
 * | 上海零钱咖啡有限公司 | 6222020000009000019 | ICBC | the demo café's settlement card |
 * | 杭州零钱百货有限公司 | 6217000000009000021 | CCB | the demo shop's settlement card |
 * | 零钱演示商户 (pool of 100) | ICBC 622202…, sequence 910000–910099 | ICBC | CLI-created merchants |
 */
import type { DebitCardRecord } from './cards.ts'
import { makeLuhnCardNumber } from '../src/shared/bank-card.ts'

export interface BusinessAccount {
  accountName: string
  /** 统一社会信用代码: the business's id at the bank (the holder key). */
  creditCode: string
  card: DebitCardRecord
}

const LIMIT_FEN = 100_000_000

function account(
  accountName: string,
  creditCode: string,
  bin: string,
  bankCode: DebitCardRecord['bankCode'],
  seq: number,
): BusinessAccount {
  return {
    accountName,
    creditCode,
    card: {
      cardNumber: makeLuhnCardNumber(bin, 19, seq),
      bankCode,
      holderIdNumber: creditCode,
      reservedPhone: '',
      state: 'ACTIVE',
      singleLimitFen: LIMIT_FEN,
      dailyLimitFen: LIMIT_FEN,
      cardType: 'DEBIT',
      balanceFen: 0,
    },
  }
}

export const DEMO_BUSINESS_ACCOUNTS: readonly BusinessAccount[] = [
  account('上海零钱咖啡有限公司', '91310000LQCAFE0001', '622202', 'ICBC', 900_001),
  account('杭州零钱百货有限公司', '91330100LQSHOP0002', '621700', 'CCB', 900_002),
]

export const SPARE_BUSINESS_ACCOUNT_COUNT = 100

export const SPARE_BUSINESS_ACCOUNTS: readonly BusinessAccount[] = Array.from(
  { length: SPARE_BUSINESS_ACCOUNT_COUNT },
  (_, index) =>
    account(
      '零钱演示商户',
      `91310000LQPOOL${String(index).padStart(4, '0')}`,
      '622202',
      'ICBC',
      910_000 + index,
    ),
)

export const BUSINESS_ACCOUNTS: readonly BusinessAccount[] = [
  ...DEMO_BUSINESS_ACCOUNTS,
  ...SPARE_BUSINESS_ACCOUNTS,
]
