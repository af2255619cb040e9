/**
 * The API contract's shared pieces: the error envelope, localized text, the integer kinds.
 * Contract files import only typebox and pure `src/shared` files, never a module: the web apps
 * type-check them through `import type`, so nothing here may need Node or a database.
 */
import { type Static, type TSchema, Type } from 'typebox'
import { ERROR_MESSAGES, type ErrorCode } from '../../shared/errors.ts'

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

/** An instant in epoch milliseconds. */
export const TimestampMs = () => Type.Integer()
/** An amount of money in fen (分), never negative. */
export const Fen = () => Type.Integer()
/** A count (rows, sessions, seconds) as the server reports it. */
export const Count = () => Type.Integer()

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
