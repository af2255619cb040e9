/**
 * Log options: JSON lines, a request id on every request line, and secrets never written.
 * Redaction is by path, so new secret fields must be listed here (tested in server.test.ts).
 */
import type { LoggerOptions } from 'pino'

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["wechatpay-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.paymentPassword',
  '*.pin',
  '*.smsCode',
  '*.code_verifier',
  '*.cardNumber',
  '*.cvn',
  '*.idNumber',
  '*.token',
  '*.secret',
  '*.apiKey',
]

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    base: { service: 'lingqian' },
    // The route pattern, never the raw URL: query strings carry phone numbers and names.
    serializers: { req: requestForLog },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  }
}

interface LoggedRequest {
  method?: string
  routeOptions?: { url?: string }
}

export function requestForLog(request: LoggedRequest): { method?: string; route: string } {
  return { method: request.method, route: request.routeOptions?.url ?? 'unmatched' }
}
