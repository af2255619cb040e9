import { localeOf } from './i18n'
import type { Lang } from './i18n'

/** Date and time in the reader's language, e.g. 2026/11/22 14:03 or 11/22/2026, 2:03 PM. */
export function formatDateTime(ms: number, lang: Lang): string {
  return new Date(ms).toLocaleString(localeOf(lang), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** 138****0001: how the wallet shows a phone number on screen (shoulder-surfing). */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone
}

/** Digits only, at most `max` of them: for code and PIN inputs. */
export function digitsOnly(text: string, max: number): string {
  return text.replace(/\D/g, '').slice(0, max)
}

/** A mainland mobile number without spaces or dashes (the server normalizes +86 itself). */
export function normalizePhoneInput(text: string): string {
  return text.replace(/[\s-]/g, '')
}

export function looksLikeMobile(text: string): boolean {
  return /^(\+?86)?1[3-9]\d{9}$/.test(normalizePhoneInput(text))
}

/** Upper-case X and no spaces: how ID numbers are printed and how the server compares them. */
export function normalizeIdNumber(text: string): string {
  return text.replace(/\s/g, '').toUpperCase()
}

/** 张* or 欧阳**: enough to recognise one's own name, not enough to read it over a shoulder. */
export function maskName(name: string): string {
  const [first = '', ...rest] = Array.from(name)
  return rest.length === 0 ? name : `${first}${'*'.repeat(rest.length)}`
}

/**
 * Date and time in Shanghai (UTC+8) in the reader's language, whatever the reader's own zone:
 * when a job runs is the server's business day, as the ledger and the banks count it.
 */
export function formatShanghaiDateTime(ms: number, lang: Lang): string {
  return new Date(ms).toLocaleString(localeOf(lang), {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
}

/** YYYY-MM-DD of `ms` in Shanghai: the calendar day the ledger and the banks settle by. */
export function shanghaiDate(ms: number): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms))
}
