import { ApiError } from './api'
import { formatDateTime } from './format'
import type { I18n, MessageKey } from './i18n'

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

function lookup(table: Readonly<Record<string, MessageKey>>, key: string | undefined) {
  return key === undefined ? undefined : table[key]
}

/**
 * The part of an error's `details` worth telling the user, in words: how long to wait, how many
 * tries are left, why a PIN is too weak. Undefined when there is nothing to add.
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
    case 'INVALID_REQUEST':
      // Most reasons here are for developers; this one is the user's to fix.
      return error.detailString('reason') === 'SAME_AS_OLD' ? t('pin.sameAsOld') : undefined
    default:
      return undefined
  }
}
