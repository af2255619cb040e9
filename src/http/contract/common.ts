/**
 * The API contract's shared pieces: the error envelope, localized text, the integer kinds.
 * Contract files import only typebox and pure `src/shared` files, never a module: the web apps
 * type-check them through `import type`, so nothing here may need Node or a database.
 */
import { type Static, type TSchema, Type } from 'typebox'
import { ERROR_MESSAGES, type ErrorCode } from '../../shared/errors.ts'
import { LIMITS } from '../../shared/limits.ts'

/** True when A and B are the same type; routes use it to pin contract lists to the modules'. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[]

export const Localized = Type.Object({ zh: Type.String(), en: Type.String() })
export type Localized = Static<typeof Localized>

/** Facts that go with a message (attemptsLeft, retryAfterSeconds…); open by design. */
export const Details = Type.Record(Type.String(), Type.Unknown())

export const ErrorBody = Type.Object(
  {
    code: Type.Enum(ERROR_CODES, { description: 'A stable code of the error registry' }),
    message: Localized,
    details: Type.Optional(Details),
  },
  { $id: 'ErrorBody' },
)
export type ErrorBody = Static<typeof ErrorBody>

/** Responses every authenticated route can give besides its own. */
export const AUTH_ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
}
/** …plus the bank's refusals and its being unreachable, for routes that call a bank. */
export const BANK_ERRORS = { ...AUTH_ERRORS, 422: ErrorBody, 503: ErrorBody }

export const Nullable = <Schema extends TSchema>(schema: Schema) =>
  Type.Union([schema, Type.Null()])

// Every integer is bounded: an unbounded one let 1e20 or 9e15 through to the database (500).
/**
 * 9999-12-31T23:59:59.999Z: the last instant with a four-digit year. Later ones (a Date goes to
 * year 275760) serialize as +275760-… text the database refuses.
 */
export const TIMESTAMP_MS_MAX = 253_402_300_799_999
/** Row ids and counters: what a JavaScript number holds exactly. */
export const SAFE_INTEGER_MAX = Number.MAX_SAFE_INTEGER

/** An instant in epoch milliseconds. */
export const TimestampMs = () => Type.Integer({ minimum: 0, maximum: TIMESTAMP_MS_MAX })
/** A sum of money in fen (分) the server reports (balances, fees, totals), never negative. */
export const Fen = () => Type.Integer({ minimum: 0, maximum: SAFE_INTEGER_MAX })
/** An amount a client asks to move: whole fen, at most one ledger transfer leg's limit. */
export const AmountFen = (minimum = 1) =>
  Type.Integer({
    minimum,
    maximum: LIMITS.transferAmountFenMax,
    description: 'Amount in fen (分)',
  })
/** A count (rows, sessions, seconds) as the server reports it. */
export const Count = () => Type.Integer({ minimum: 0, maximum: SAFE_INTEGER_MAX })
/** A database row id (notices, audit entries, outbox messages). */
export const RowId = () => Type.Integer({ minimum: 1, maximum: SAFE_INTEGER_MAX })
/** A page size a client asks for. */
export const PageLimit = (maximum: number) => Type.Integer({ minimum: 1, maximum })

/** An opaque id chosen by the server (u_…, card_…, op_…). */
export const Id = Type.String({ minLength: 1, maxLength: 64 })
export const Phone = Type.String({
  minLength: 11,
  maxLength: 20,
  description: 'Mainland mobile number',
})
export const SmsCode = Type.String({ minLength: 1, maxLength: 10 })
export const strict = { additionalProperties: false } as const

/** The body of a 204 reply. */
export const NoContent = Type.Null()
