/** Signed-in devices (sessions). */
import { type Static, Type } from 'typebox'
import { Count, Id, Nullable, TimestampMs } from './common.ts'

export const SessionView = Type.Object({
  id: Type.String(),
  deviceName: Type.String(),
  ip: Nullable(Type.String()),
  createdAtMs: TimestampMs(),
  lastSeenAtMs: TimestampMs(),
  current: Type.Boolean(),
})
export type SessionView = Static<typeof SessionView>

export const SessionList = Type.Object({ sessions: Type.Array(SessionView) })
export type SessionList = Static<typeof SessionList>

export const SessionParams = Type.Object({ sessionId: Id })

export const SignedOutEverywhere = Type.Object({ signedOut: Count() })
export type SignedOutEverywhere = Static<typeof SignedOutEverywhere>
