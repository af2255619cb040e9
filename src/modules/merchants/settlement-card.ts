/**
 * The merchant's settlement bank card. The bank simulator's verify call checks a person (name,
 * ID number, reserved phone), which a shop's business account does not have, so the number is
 * checked here as binding does before the bank: format, Luhn and a supported BIN. It is stored
 * sealed with the data key and only ever shown as bank + last 4.
 */
import {
  isCardNumberFormat,
  lookupBin,
  luhnValid,
  normalizeCardNumber,
  SUPPORTED_BANKS,
} from '../../shared/bank-card.ts'
import { DomainError } from '../../shared/errors.ts'

export interface SettlementCard {
  bankCode: string
  bankName: { zh: string; en: string }
  cardType: string
  last4: string
  /** '中国工商银行 (尾号 1234)' style text needs both languages: the console builds it. */
  masked: string
}

export interface CheckedSettlementCard {
  cardNumber: string
  bankCode: string
  cardType: string
  last4: string
}

export function checkSettlementCard(input: string): CheckedSettlementCard {
  const cardNumber = normalizeCardNumber(input)
  if (!isCardNumberFormat(cardNumber) || !luhnValid(cardNumber)) {
    throw new DomainError('CARD_NUMBER_INVALID')
  }
  const bin = lookupBin(cardNumber)
  if (bin === undefined || !bin.supported || bin.cardType !== 'DEBIT') {
    // Settlement pays money in: only a debit card of a bank the platform clears with.
    throw new DomainError('CARD_NOT_SUPPORTED')
  }
  return { cardNumber, bankCode: bin.bankCode, cardType: bin.cardType, last4: cardNumber.slice(-4) }
}

export function settlementCardView(row: {
  settlement_bank_code: string
  settlement_card_type: string
  settlement_last4: string
}): SettlementCard {
  const bank = SUPPORTED_BANKS.find((candidate) => candidate.bankCode === row.settlement_bank_code)
  return {
    bankCode: row.settlement_bank_code,
    bankName: bank
      ? { zh: bank.bankNameZh, en: bank.bankNameEn }
      : { zh: row.settlement_bank_code, en: row.settlement_bank_code },
    cardType: row.settlement_card_type,
    last4: row.settlement_last4,
    masked: `**** ${row.settlement_last4}`,
  }
}
