/**
 * @module server
 * `buildBankSimulator()` assembles the HTTP service that plays the six banks. It never listens:
 * `main.ts` (or a test) does.
 *
 * @example
 * const app = buildBankSimulator({ dataDir: '.data/bank-sim' })
 * await app.listen({ host: '127.0.0.1', port: 3100 })
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { assert } from './assert.ts'
import { Bank } from './bank.ts'
import { BankError, errorBody } from './errors.ts'
import { FaultTable } from './faults.ts'
import { registerAdminRoutes } from './routes-admin.ts'
import { registerV1Routes } from './routes-v1.ts'

/** Bank requests are a few hundred bytes of JSON. */
export const BODY_BYTES_MAX = 16 * 1024
/** Default hang of the TIMEOUT_* faults: longer than any sane client timeout (≥ 30 s). */
export const HANG_MS_DEFAULT = 35_000
export const HANG_MS_MAX = 120_000

export interface BankSimulatorOptions {
  /** Journal directory; without it the simulator keeps its books in memory only. */
  dataDir?: string
  /** Wall clock in epoch ms (tests pass a fixed one); the admin clock offset is added. */
  clock?: () => number
  /** How long TIMEOUT_BEFORE/TIMEOUT_AFTER hang before answering 504 (tests make it short). */
  hangMs?: number
  /** Fastify logger setting; off by default (tests), main.ts logs JSON to stderr. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream }
}

export interface SimulatorContext {
  bank: Bank
  faults: FaultTable
  hangMs: number
  /** Aborts when the simulator closes, ending hangs and delays. */
  closing: AbortSignal
}

export type SimulatorApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

export function buildBankSimulator(options: BankSimulatorOptions = {}): SimulatorApp {
  const hangMs = options.hangMs ?? HANG_MS_DEFAULT
  assert(Number.isSafeInteger(hangMs) && hangMs >= 0 && hangMs <= HANG_MS_MAX, 'hangMs range')
  const bank = new Bank({ dataDir: options.dataDir, clock: options.clock })
  const closingController = new AbortController()
  const context: SimulatorContext = {
    bank,
    faults: new FaultTable(),
    hangMs,
    closing: closingController.signal,
  }

  const app = Fastify({
    bodyLimit: BODY_BYTES_MAX,
    // Hanging requests must not keep close() waiting; tests restart simulators often.
    forceCloseConnections: true,
    logger: options.logger ?? false,
    // Reject unknown fields and wrong types instead of dropping or coercing them: a misspelt
    // field or an amount sent as "100" is a client bug the wallet's tests should see.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('preClose', async () => {
    closingController.abort()
  })
  app.addHook('onClose', async () => {
    bank.close()
  })

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BankError) return reply.code(error.httpStatus).send(error.toBody())
    const fastifyError = error as { validation?: unknown; statusCode?: number; message?: string }
    if (fastifyError.validation !== undefined) {
      return reply
        .code(400)
        .send(errorBody('INVALID_REQUEST', { reason: fastifyError.message ?? 'invalid' }))
    }
    const statusCode = fastifyError.statusCode
    if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      // Fastify's own client errors: unparsable JSON, body too large, wrong content type.
      return reply
        .code(statusCode)
        .send(errorBody('INVALID_REQUEST', { reason: fastifyError.message ?? 'invalid' }))
    }
    request.log.error({ err: error }, 'bank simulator bug')
    return reply.code(500).send(errorBody('BANK_INTERNAL_ERROR'))
  })

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('ROUTE_NOT_FOUND')))

  registerV1Routes(app, context)
  registerAdminRoutes(app, context)
  return app
}
