/** Changing the account's phone number. */
import { type Static, Type } from 'typebox'
import { Phone, SmsCode, strict } from './common.ts'

export const PhoneChangeRequest = Type.Object(
  { oldCode: SmsCode, newPhone: Phone, newCode: SmsCode },
  strict,
)
export type PhoneChangeRequest = Static<typeof PhoneChangeRequest>
