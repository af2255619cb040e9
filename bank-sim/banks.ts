/**
 * @module banks
 * The six simulated banks and their quick-pay (快捷支付) limits. A bank applies these to every
 * online debit of its cards, on top of the limits the holder set on the card; the tighter one
 * wins. Figures are plausible defaults, not any bank's published tariff.
 */
import { SUPPORTED_BANK_CODES, type SupportedBankCode, lookupBin } from '../src/shared/bank-card.ts'

export interface BankLimits {
  singleLimitFen: number
  dailyLimitFen: number
}

const YUAN = 100

export const BANK_QUICK_PAY_LIMITS: Readonly<Record<SupportedBankCode, BankLimits>> = {
  ICBC: { singleLimitFen: 50_000 * YUAN, dailyLimitFen: 50_000 * YUAN },
  CCB: { singleLimitFen: 50_000 * YUAN, dailyLimitFen: 100_000 * YUAN },
  ABC: { singleLimitFen: 20_000 * YUAN, dailyLimitFen: 50_000 * YUAN },
  BOC: { singleLimitFen: 50_000 * YUAN, dailyLimitFen: 100_000 * YUAN },
  CMB: { singleLimitFen: 50_000 * YUAN, dailyLimitFen: 200_000 * YUAN },
  BOCOM: { singleLimitFen: 50_000 * YUAN, dailyLimitFen: 100_000 * YUAN },
}

/**
 * The simulated bank that issued this card number, whatever the card kind: a prepaid ICBC card
 * still belongs to ICBC (which then says CARD_NOT_FOUND). Undefined for other banks.
 */
export function issuingBank(cardNumber: string): SupportedBankCode | undefined {
  const bankCode = lookupBin(cardNumber)?.bankCode
  if (bankCode === undefined) return undefined
  return SUPPORTED_BANK_CODES.find((code) => code === bankCode)
}
