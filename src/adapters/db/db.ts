/**
 * @module db
 * One SQL dialect (PostgreSQL 15 subset) over two engines: embedded PGlite by default, a real
 * PostgreSQL server when DATABASE_URL is set. Kysely sits on both; modules query through it and
 * own their tables. Migration scripts run through `execScript` (the simple protocol), because
 * Kysely's extended protocol cannot run multi-statement DDL.
 */
import type { Kysely } from 'kysely'
import { AssertionError } from '../../shared/assert.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'

export type DatabaseKind = 'pglite' | 'postgres'

/**
 * The shared Kysely handle. Each module narrows it to its own tables (`Kysely<LedgerTables>`),
 * so no module's types leak into another's.
 */
// biome-ignore lint: Kysely's table map is composed per module, see above.
export type Db = Kysely<any>

export interface DatabaseHandle {
  readonly kind: DatabaseKind
  readonly db: Db
  /** Runs a multi-statement script without parameters (migrations, test fixtures). */
  execScript(script: string): Promise<void>
  /** Runs `work` on one pinned connection (session-level locks need the same session). */
  withSession<T>(work: (execScript: (script: string) => Promise<void>) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * int8 comes back as a string from node-postgres and as number-or-BigInt from PGlite. We force
 * one representation: a JavaScript number, asserted exact. Ids and fen amounts stay far below
 * 2^53; anything larger is a bug that must stop the request rather than round silently.
 */
export function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) {
    throw new AssertionError(`int8 value ${text} is outside the safe integer range`)
  }
  return value
}

/** SQLSTATEs after which the whole transaction may simply be tried again. */
export function isRetryableDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === SQLSTATE.deadlockDetected || code === SQLSTATE.serializationFailure
}
