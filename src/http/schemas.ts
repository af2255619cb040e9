/** Shared TypeBox schemas: the error body, the user view. */
import { Type } from 'typebox'

export const ErrorBody = Type.Object(
  {
    code: Type.String(),
    message: Type.Object({ zh: Type.String(), en: Type.String() }),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { $id: 'ErrorBody' },
)

export const UserView = Type.Object({
  id: Type.String(),
  phone: Type.String({ description: 'The signed-in user sees their own full number' }),
  status: Type.Union([Type.Literal('normal'), Type.Literal('restricted'), Type.Literal('frozen')]),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  realName: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Boolean(),
  accountClass: Type.Integer({ minimum: 0, maximum: 3 }),
  secondFactorEnabled: Type.Boolean(),
  createdAtMs: Type.Integer(),
})

/** Responses every authenticated route can give besides its own. */
export const AUTH_ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
}
