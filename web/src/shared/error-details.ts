import { ApiError } from './api'
import { formatDateTime } from './format'
import type { I18n, MessageKey } from './i18n'
import { formatFen } from './money'

const WEAK_PIN_REASON: Readonly<Record<string, MessageKey>> = {
  ALL_SAME: 'pin.weak.ALL_SAME',
  SEQUENCE: 'pin.weak.SEQUENCE',
  BIRTH_DATE: 'pin.weak.BIRTH_DATE',
  NOT_SIX_DIGITS: 'pin.weak.NOT_SIX_DIGITS',
}

const ID_NUMBER_REASON: Readonly<Record<string, MessageKey>> = {
  FORMAT: 'idNumber.reason.FORMAT',
  CHECKSUM: 'idNumber.reason.CHECKSUM',
  BIRTH_DATE: 'idNumber.reason.BIRTH_DATE',
  REGION: 'idNumber.reason.REGION',
}

const BANK_LIMIT_SCOPE: Readonly<Record<string, MessageKey>> = {
  SINGLE: 'error.detail.bankLimit.SINGLE',
  DAILY: 'error.detail.bankLimit.DAILY',
}

function lookup(table: Readonly<Record<string, MessageKey>>, key: string | undefined) {
  return key === undefined ? undefined : table[key]
}

/** An amount in `details` as money text, e.g. `limitFen: 50000` → "¥500.00". */
function fenDetail(error: ApiError, name: string): string | undefined {
  const fen = error.detailNumber(name)
  return fen === undefined || !Number.isSafeInteger(fen) ? undefined : formatFen(fen)
}

/** 该卡单笔限额 ¥500.00，今日还可用 ¥1000.00: the bank's limit and what is left of it. */
function bankLimitText(error: ApiError, t: I18n['t']): string | undefined {
  const limit = fenDetail(error, 'limitFen')
  const remaining = fenDetail(error, 'remainingFen')
  const parts: string[] = []
  if (limit !== undefined) {
    const key = lookup(BANK_LIMIT_SCOPE, error.detailString('scope')) ?? 'error.detail.bankLimit'
    parts.push(t(key, { limit }))
  }
  if (remaining !== undefined) parts.push(t('error.detail.remainingToday', { remaining }))
  return parts.length === 0 ? undefined : parts.join(' · ')
}

/** The wallet's own limits (daily top-up/withdrawal total, account-class balance limit). */
function walletLimitText(error: ApiError, t: I18n['t']): string | undefined {
  const limit = fenDetail(error, 'limitFen')
  const remaining = fenDetail(error, 'remainingFen')
  if (limit === undefined || remaining === undefined) return undefined
  const daily = error.detailString('period') === 'DAY'
  const key = daily ? 'error.detail.dayLimit' : 'error.detail.limitRemaining'
  return t(key, { limit, remaining })
}

/**
 * The part of an error's `details` worth telling the user, in words: how long to wait, how many
 * tries are left, why a PIN is too weak, which bank limit an amount hit. Undefined when there is
 * nothing to add.
 */
export function errorDetailText(error: unknown, { t, lang }: Pick<I18n, 't' | 'lang'>) {
  if (!(error instanceof ApiError)) return undefined
  switch (error.code) {
    case 'FREQUENCY_LIMITED': {
      const seconds = error.detailNumber('retryAfterSeconds')
      if (seconds === undefined) return undefined
      return seconds >= 120
        ? t('error.detail.retryAfterMinutes', { minutes: Math.ceil(seconds / 60) })
        : t('error.detail.retryAfter', { seconds })
    }
    case 'SMS_CODE_WRONG':
    case 'PIN_WRONG': {
      const attemptsLeft = error.detailNumber('attemptsLeft')
      if (attemptsLeft === undefined) return undefined
      // The last wrong try burned the code: say so (a new one can be sent at once).
      if (attemptsLeft === 0 && error.code === 'SMS_CODE_WRONG') return t('sms.burned')
      return t('error.detail.attemptsLeft', { attemptsLeft })
    }
    case 'PIN_LOCKED': {
      const unlockAtMs = error.detailNumber('unlockAtMs')
      if (unlockAtMs === undefined) return undefined
      return t('error.detail.unlockAt', { time: formatDateTime(unlockAtMs, lang) })
    }
    case 'PAYMENT_PASSWORD_WEAK': {
      const key = lookup(WEAK_PIN_REASON, error.detailString('reason'))
      return key === undefined ? undefined : t(key)
    }
    case 'ID_NUMBER_INVALID': {
      const key = lookup(ID_NUMBER_REASON, error.detailString('reason'))
      return key === undefined ? undefined : t(key)
    }
    case 'CARD_INFO_MISMATCH':
      // Only a credit card has an expiry date and a CVN to check again.
      return error.detailString('cardType') === 'CREDIT' ? t('error.detail.checkCredit') : undefined
    case 'BANK_LIMIT_EXCEEDED':
      return bankLimitText(error, t)
    case 'LIMIT_EXCEEDED':
      return walletLimitText(error, t)
    case 'INVALID_AMOUNT': {
      const max = fenDetail(error, 'maxFen')
      return max === undefined ? undefined : t('error.detail.maxAmount', { max })
    }
    case 'UNDERAGE': {
      const minAge = error.detailNumber('minAgeYears')
      const age = error.detailNumber('ageYears')
      return minAge === undefined || age === undefined
        ? undefined
        : t('error.detail.minAge', { minAge, age })
    }
    case 'INVALID_REQUEST':
      // Most reasons here are for developers; these are the user's to fix.
      if (error.detailString('reason') === 'PASSKEYS_NEED_A_HOST_NAME') {
        return t('security.passkeys.needHostName')
      }
      return error.detailString('reason') === 'SAME_AS_OLD' ? t('pin.sameAsOld') : undefined
    default:
      return undefined
  }
}
