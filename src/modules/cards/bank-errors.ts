/** The bank's refusal codes, translated to the wallet's stable codes (each says what to do). */
import type { ErrorCode } from '../../shared/errors.ts'

const BANK_TO_WALLET: Record<string, ErrorCode> = {
  CARD_NOT_FOUND: 'CARD_INFO_MISMATCH',
  CARD_INFO_MISMATCH: 'CARD_INFO_MISMATCH',
  CARD_PHONE_MISMATCH: 'CARD_PHONE_MISMATCH',
  CREDIT_CARD_DETAILS_REQUIRED: 'CARD_DETAILS_REQUIRED',
  CARD_CANCELLED: 'CARD_CANCELLED',
  CARD_EXPIRED: 'CARD_EXPIRED',
  CARD_ONLINE_DISABLED: 'CARD_ONLINE_DISABLED',
  CARD_LOCAL_ONLY: 'CARD_LOCAL_ONLY',
  CARD_FROZEN: 'CARD_FROZEN',
  BANK_NOT_FOUND: 'CARD_NOT_SUPPORTED',
  NOT_A_DEBIT_CARD: 'CARD_TYPE_NOT_ALLOWED',
  NOT_A_CREDIT_CARD: 'CARD_TYPE_NOT_ALLOWED',
  BANK_UNAVAILABLE: 'BANK_UNAVAILABLE',
  BANK_LIMIT_EXCEEDED: 'BANK_LIMIT_EXCEEDED',
  INSUFFICIENT_FUNDS: 'BANK_INSUFFICIENT_FUNDS',
}

export function walletCodeForBank(code: string): ErrorCode {
  return BANK_TO_WALLET[code] ?? 'BANK_DECLINED'
}

/** Bank details safe to pass on (limits), nothing that identifies the holder. */
export function publicBankDetails(details: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {}
  for (const key of ['scope', 'limitFen', 'remainingFen'] as const) {
    if (details[key] !== undefined) kept[key] = details[key]
  }
  return kept
}
