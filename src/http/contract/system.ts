/** Health and readiness. */
import { type Static, Type } from 'typebox'
import { Count } from './common.ts'

export const Health = Type.Object({ status: Type.Literal('ok') })

export const Readiness = Type.Object({
  status: Type.Enum(['ready', 'not_ready']),
  database: Type.String(),
  migrations: Count(),
  pendingMigrations: Type.Array(Type.String()),
  reason: Type.Optional(Type.String()),
})
export type Readiness = Static<typeof Readiness>
