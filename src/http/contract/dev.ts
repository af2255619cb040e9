/** The developer SMS outbox (dev mode only). */
import { type Static, Type } from 'typebox'
import { Nullable, RowId, TimestampMs } from './common.ts'

export const OutboxQuery = Type.Object({ phone: Type.Optional(Type.String({ maxLength: 20 })) })

export const OutboxMessages = Type.Object({
  messages: Type.Array(
    Type.Object({
      id: RowId(),
      phone: Type.String(),
      body: Type.String(),
      createdAtMs: TimestampMs(),
    }),
  ),
})
export type OutboxMessages = Static<typeof OutboxMessages>

/** Demo mode: a simulated resident no account has verified yet, to fill in the real-name form. */
export const DemoIdentity = Type.Object({
  realName: Type.String(),
  idNumber: Type.String(),
  birthDate: Type.String(),
  /** The resident's debit card at the simulated bank, and the phone the bank has for it. */
  debitCard: Nullable(Type.Object({ cardNumber: Type.String(), reservedPhone: Type.String() })),
})
export type DemoIdentity = Static<typeof DemoIdentity>
