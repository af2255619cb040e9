/** Sign-up/sign-in by SMS code. */
import { type Static, Type } from 'typebox'
import { SMS_PURPOSES } from '../../shared/purposes.ts'
import { Count, Phone, SmsCode, strict } from './common.ts'
import { UserView } from './profile.ts'

export const SmsPurpose = Type.Enum(SMS_PURPOSES)
export type SmsPurpose = Static<typeof SmsPurpose>

export const SmsCodeRequest = Type.Object({ phone: Phone, purpose: SmsPurpose }, strict)
export type SmsCodeRequest = Static<typeof SmsCodeRequest>

export const SmsCodeSent = Type.Object({
  expiresInSeconds: Count(),
  resendAfterSeconds: Count(),
})
export type SmsCodeSent = Static<typeof SmsCodeSent>

export const SignInRequest = Type.Object(
  { phone: Phone, code: SmsCode, deviceName: Type.Optional(Type.String({ maxLength: 64 })) },
  strict,
)
export type SignInRequest = Static<typeof SignInRequest>

export const SignInResult = Type.Object({
  token: Type.String(),
  sessionId: Type.String(),
  user: UserView,
  created: Type.Boolean(),
  newDevice: Type.Boolean(),
})
export type SignInResult = Static<typeof SignInResult>
