import { DomainError } from '../../shared/errors.ts'

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

/** Accepts "13800000001", "+86 138 0000 0001", "86-13800000001"; returns the 11 digits. */
export function normalizePhone(input: unknown): string {
  if (typeof input !== 'string' || input.length > 32) throw new DomainError('PHONE_INVALID')
  let digits = input.replace(/[\s-]/g, '')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2)
  if (!MAINLAND_MOBILE.test(digits)) throw new DomainError('PHONE_INVALID')
  return digits
}

/** 138****0001: what support staff and notices show. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}
