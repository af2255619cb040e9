/**
 * @module sqlstate
 * Every SQLSTATE the system raises or reacts to, once, each code with one meaning. The SQL
 * functions in `migrations/functions/` name them as `{{sqlstate.name}}` (migrate() substitutes
 * the code), and the TypeScript that classifies database errors reads this same table, so a code
 * cannot mean one thing in SQL and another in TypeScript. `src/adapters/db/migrate-sqlstate.test.ts` checks
 * that the SQL uses no code outside the table and the table lists none that nothing uses.
 */
export const SQLSTATE = {
  /** An UPDATE, DELETE or TRUNCATE of an append-only row: the ledger journal or the audit log. */
  appendOnlyRow: 'P0901',
  /** A ledger invariant broke inside a write (an account vanished, counts disagree): a bug. */
  invariantBroken: 'P0902',
  /**
   * The set path gives its batch to the per-transfer path. Raised and caught inside one ledger
   * function call; it never reaches a client.
   */
  handOverToPerTransferPath: 'P0903',
  /**
   * A quota counter had no room: raised and caught inside one quota_claim call, to roll back the
   * counters it claimed before; it never reaches a client.
   */
  quotaRefused: 'P0904',
  /** A malformed batch call: not an array, too many transfers, arrays of unequal length. */
  invalidParameterValue: '22023',
  /** A unique index refused a row (an idempotency key that exists). */
  uniqueViolation: '23505',
  /** The transaction may simply be tried again: a deadlock was broken by aborting it. */
  deadlockDetected: '40P01',
  /** The transaction may simply be tried again: it could not be serialized. */
  serializationFailure: '40001',
} as const

export type SqlStateName = keyof typeof SQLSTATE
export type SqlState = (typeof SQLSTATE)[SqlStateName]

/** SQLSTATE classes (the first two characters), for errors classified by class. */
export const SQLSTATE_CLASS = {
  /** Class 22, data exception (out of range, invalid text, bad date): the input's fault. */
  dataException: '22',
} as const
