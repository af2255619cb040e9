/**
 * The request validator: TypeBox checks every part of every request against its schema.
 * Querystring, params and headers arrive as text, so a top-level integer, number or boolean
 * property is read from its plain decimal (or true/false) spelling and from nothing else:
 * "1.5", "0x10", "1e3", "" and "true" stay text and fail an integer. A JSON body is never
 * converted: `amountFen: true`, `[200]` or "300" is a 400, never an amount.
 */
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'

// 17 digits at most: beyond every bound, short enough that Number() is cheap and exact enough
// for the maximum check to refuse it.
const DECIMAL_INTEGER = /^(?:0|-?[1-9][0-9]{0,16})$/
const DECIMAL_NUMBER = /^-?(?:0|[1-9][0-9]{0,16})(?:\.[0-9]{1,16})?$/

interface TextPartSchema {
  properties?: Record<string, { type?: unknown }>
}

/** One text value as the property's type, when it is spelled exactly that way. */
export function fromText(type: unknown, text: string): unknown {
  if (type === 'integer') return DECIMAL_INTEGER.test(text) ? Number(text) : text
  if (type === 'number') return DECIMAL_NUMBER.test(text) ? Number(text) : text
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text
  return text
}

function convertTextPart(schema: TextPartSchema, data: unknown): unknown {
  const properties = schema.properties
  if (properties === undefined || typeof data !== 'object' || data === null) return data
  const converted: Record<string, unknown> = { ...(data as Record<string, unknown>) }
  for (const [name, property] of Object.entries(properties)) {
    const value = converted[name]
    if (typeof value === 'string') converted[name] = fromText(property.type, value)
  }
  return converted
}

export const requestValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema)
  const isText = httpPart !== 'body'
  return (data: unknown) => {
    const value = isText ? convertTextPart(schema as TextPartSchema, data) : data
    if (validator.Check(value)) return { value }
    const error = [...validator.Errors(value)] as unknown as FastifySchemaValidationError[]
    return { error }
  }
}
