/**
 * The v3 error form on the wire (reference §7): `{code, message, detail?}` with WeChat's codes
 * and statuses. Our own domain errors are translated here, once; endpoints throw V3Error for
 * the codes only they know (ORDER_NOT_EXIST, OUT_TRADE_NO_USED…).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { V3Error } from '../../modules/merchant-api/index.ts'
import { type ErrorCode, ERROR_MESSAGES, isDomainError } from '../../shared/errors.ts'

/** Our code → WeChat's status and code; anything not listed is a 400 INVALID_REQUEST. */
const V3_CODE_BY_DOMAIN_CODE: Partial<Record<ErrorCode, [number, string]>> = {
  INVALID_REQUEST: [400, 'PARAM_ERROR'],
  INVALID_AMOUNT: [400, 'PARAM_ERROR'],
  NOT_FOUND: [404, 'RESOURCE_NOT_EXISTS'],
  MERCHANT_NOT_FOUND: [400, 'MCH_NOT_EXISTS'],
  MERCHANT_SUSPENDED: [403, 'NO_AUTH'],
  FREQUENCY_LIMITED: [429, 'FREQUENCY_LIMITED'],
  NOT_ENOUGH: [403, 'NOT_ENOUGH'],
  LIMIT_EXCEEDED: [403, 'RULE_LIMIT'],
  SYSTEM_BUSY: [500, 'SYSTEM_ERROR'],
  SYSTEM_ERROR: [500, 'SYSTEM_ERROR'],
  PROFIT_SHARING_RATIO_EXCEEDED: [403, 'RULE_LIMIT'],
}

export function toV3Error(error: unknown): V3Error {
  if (error instanceof V3Error) return error
  if (isDomainError(error)) {
    const [status, code] = V3_CODE_BY_DOMAIN_CODE[error.code] ?? [400, 'INVALID_REQUEST']
    const message = ERROR_MESSAGES[error.code]
    return new V3Error(status, code, `${message.zh} / ${message.en}`, {
      lingqian_code: error.code,
      ...error.details,
    })
  }
  const fastifyError = error as FastifyError
  if (fastifyError.validation !== undefined) {
    const first = fastifyError.validation[0]
    return new V3Error(400, 'PARAM_ERROR', '参数错误 / invalid parameter', {
      field: first?.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'body',
      location: fastifyError.validationContext ?? 'body',
      issue: first?.message ?? fastifyError.message,
    })
  }
  const status = fastifyError.statusCode
  if (status !== undefined && status >= 400 && status < 500) {
    const code =
      status === 429 ? 'FREQUENCY_LIMITED' : status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST'
    return new V3Error(status, code, fastifyError.message)
  }
  return new V3Error(500, 'SYSTEM_ERROR', '系统错误 / system error, retry with the same parameters')
}

export function handleV3Error(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const v3 = toV3Error(error)
  if (v3.status >= 500) request.log.error({ err: error }, 'v3 request failed')
  void reply.status(v3.status).send(v3.toBody())
}
