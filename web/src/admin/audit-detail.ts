/**
 * An audit entry's `detail` in the reader's language: each known key by its label, each value
 * by what it is (a time, an amount, a status, a coded reason), free text as written.
 */
import type { AuditView } from '@contract/admin'
import type { I18n, Lang } from '../shared/i18n'
import { formatDateTime } from '../shared/format'
import { ACCOUNT_CLASS_KEY } from '../shared/account-class'
import { messages } from '../shared/messages'
import { USER_STATUS_KEY } from './status-keys'
import { formatFenGrouped } from './money-format'
import {
  AUDIT_DETAIL_CODE_LABELS,
  AUDIT_DETAIL_KEY_LABELS,
  JOB_KIND_LABELS,
  labelOf,
} from './labels'

export interface DetailPart {
  key: string
  label: string
  value: string
}

const YES_NO = { zh: ['是', '否'], en: ['yes', 'no'] } as const
const MINUTES = { zh: '分钟', en: 'min' } as const

function isKey<T extends object>(table: T, key: unknown): key is keyof T {
  return (typeof key === 'string' || typeof key === 'number') && Object.hasOwn(table, key)
}

/** A bank's name by its code (ICBC → 中国工商银行); a bank without a name shows its code. */
export function bankText(bankCode: string, t: I18n['t']): string {
  const key = `bank.${bankCode}`
  return isKey(messages, key) ? t(key) : bankCode
}

function valueText(key: string, value: unknown, t: I18n['t'], lang: Lang): string {
  if (typeof value === 'boolean') return YES_NO[lang][value ? 0 : 1]
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    if (key.endsWith('AtMs')) return formatDateTime(value, lang)
    if (key.endsWith('Fen')) return formatFenGrouped(value)
    if (key.endsWith('Ms')) return `${Math.round(value / 60_000)} ${MINUTES[lang]}`
    // from/to of a raised account class, accountClass of a verification.
    if (/^(from|to|accountClass)$/.test(key) && isKey(ACCOUNT_CLASS_KEY, value)) {
      return t(ACCOUNT_CLASS_KEY[value])
    }
    return String(value)
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return nestedText(value as Record<string, unknown>, t, lang)
  }
  if (typeof value === 'string') {
    if (key === 'bankCode') return bankText(value, t)
    if (key === 'jobKind') return labelOf(JOB_KIND_LABELS, value, lang)
    if (/^(from|to)$/.test(key) && isKey(USER_STATUS_KEY, value)) return t(USER_STATUS_KEY[value])
    return labelOf(AUDIT_DETAIL_CODE_LABELS, value, lang)
  }
  return JSON.stringify(value)
}

/** { 1: { period, limitFen } } → Ⅰ类账户（周期：累计，限额：¥1,000.00）. */
function nestedText(value: Record<string, unknown>, t: I18n['t'], lang: Lang): string {
  const [open, close, separator, colon] =
    lang === 'zh' ? ['（', '）', '，', '：'] : [' (', ')', ', ', ': ']
  return Object.entries(value)
    .map(([key, inner]) => {
      const name = isKey(ACCOUNT_CLASS_KEY, Number(key))
        ? t(ACCOUNT_CLASS_KEY[Number(key) as keyof typeof ACCOUNT_CLASS_KEY])
        : labelOf(AUDIT_DETAIL_KEY_LABELS, key, lang)
      if (typeof inner === 'object' && inner !== null) {
        return `${name}${open}${nestedText(inner as Record<string, unknown>, t, lang)}${close}`
      }
      return `${name}${colon}${valueText(key, inner, t, lang)}`
    })
    .join(separator)
}

export function auditDetailParts(
  detail: AuditView['detail'],
  t: I18n['t'],
  lang: Lang,
): DetailPart[] {
  if (detail === null) return []
  return Object.entries(detail).map(([key, value]) => ({
    key,
    label: labelOf(AUDIT_DETAIL_KEY_LABELS, key, lang),
    value: valueText(key, value, t, lang),
  }))
}

/** `label：value · label：value`, compact enough for a table cell. */
export function auditDetailText(detail: AuditView['detail'], t: I18n['t'], lang: Lang): string {
  const separator = lang === 'zh' ? '：' : ': '
  return auditDetailParts(detail, t, lang)
    .map((part) => `${part.label}${separator}${part.value}`)
    .join(' · ')
}
