/** The developer SMS outbox (dev mode only). */
import { type Static, Type } from 'typebox'
import { RowId, TimestampMs } from './common.ts'

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
