/** Self-service freeze (挂失). */
import { type Static, Type } from 'typebox'
import { Phone, SmsCode, strict } from './common.ts'

export const FreezeRequest = Type.Object({ phone: Phone, code: SmsCode }, strict)
export type FreezeRequest = Static<typeof FreezeRequest>

export const Frozen = Type.Object({ frozen: Type.Literal(true) })
export type Frozen = Static<typeof Frozen>
