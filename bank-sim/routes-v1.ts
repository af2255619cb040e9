/**
 * @module routes-v1
 * The bank API the wallet talks to: card checks, debits, credits, repayments, request queries
 * and daily statements. Handlers are thin: faults first, then the bank, then JSON.
 */
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { cardLast4 } from '../src/shared/bank-card.ts'
import { isCalendarDate } from '../src/shared/id-number.ts'
import { issuingBank } from './banks.ts'
import { BankError, type ErrorDetails } from './errors.ts'
import { type FaultTarget, delay } from './faults.ts'
import type { MoneyInput } from './operations.ts'
import type { SimulatorApp, SimulatorContext } from './server.ts'
import type { ProcessedRequest } from './state.ts'

/** Statement pages stay small enough to serialize quickly; the rest via `?offset=`. */
export const STATEMENT_PAGE_ENTRIES_MAX = 5_000
/** 10^12 fen = 10 billion yuan, far above any real card payment. */
export const AMOUNT_FEN_MAX = 1_000_000_000_000

const RequestId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })
const CardNumber = Type.String({ pattern: '^[0-9]{16,19}$' })
const AmountFen = Type.Integer({ minimum: 1, maximum: AMOUNT_FEN_MAX })

const VerifyBody = Type.Object(
  {
    cardNumber: CardNumber,
    holderName: Type.String({ minLength: 1, maxLength: 50 }),
    idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
    phone: Type.String({ pattern: '^1[3-9][0-9]{9}$' }),
    expiry: Type.Optional(Type.String({ pattern: '^(0[1-9]|1[0-2])/[0-9]{2}$' })),
    cvn: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
  },
  { additionalProperties: false },
)

const DebitBody = Type.Object(
  {
    requestId: RequestId,
    cardNumber: CardNumber,
    amountFen: AmountFen,
    purpose: Type.Union([Type.Literal('TOPUP'), Type.Literal('PAYMENT')]),
  },
  { additionalProperties: false },
)
const CreditBody = Type.Object(
  {
    requestId: RequestId,
    cardNumber: CardNumber,
    amountFen: AmountFen,
    purpose: Type.Union([
      Type.Literal('WITHDRAW'),
      Type.Literal('REFUND'),
      Type.Literal('SETTLEMENT'),
    ]),
  },
  { additionalProperties: false },
)
const RepaymentBody = Type.Object(
  { requestId: RequestId, cardNumber: CardNumber, amountFen: AmountFen },
  { additionalProperties: false },
)

interface Answer {
  statusCode: number
  body: unknown
  replayed?: boolean
}

export function registerV1Routes(app: SimulatorApp, context: SimulatorContext): void {
  app.get('/healthz', async () => ({ ok: true, now: new Date(context.bank.nowMs()).toISOString() }))

  app.post('/v1/cards/verify', { schema: { body: VerifyBody } }, async (request, reply) => {
    const { cardNumber } = request.body
    const answer = await runWithFaults(context, reply, cardTarget(cardNumber), () => {
      const card = context.bank.verify(request.body)
      return {
        statusCode: 200,
        body: { bankCode: card.bankCode, cardType: card.cardType, last4: cardLast4(cardNumber) },
      }
    })
    return send(reply, answer)
  })

  const moneyRoute = (input: MoneyInput, reply: FastifyReply): Promise<FastifyReply> =>
    runWithFaults(context, reply, cardTarget(input.cardNumber), () => {
      const { request, replayed } = context.bank.processMoney(input)
      return { ...moneyAnswer(request), replayed }
    }).then((answer) => send(reply, answer))

  app.post('/v1/debits', { schema: { body: DebitBody } }, async (request, reply) =>
    moneyRoute({ kind: 'DEBIT', ...request.body }, reply),
  )
  app.post('/v1/credits', { schema: { body: CreditBody } }, async (request, reply) =>
    moneyRoute({ kind: 'CREDIT', ...request.body }, reply),
  )
  app.post('/v1/repayments', { schema: { body: RepaymentBody } }, async (request, reply) =>
    moneyRoute({ kind: 'REPAYMENT', purpose: 'REPAYMENT', ...request.body }, reply),
  )

  app.get(
    '/v1/requests/:requestId',
    { schema: { params: Type.Object({ requestId: RequestId }) } },
    async (request, reply) => {
      const answer = await runWithFaults(context, reply, {}, () => {
        const stored = context.bank.getRequest(request.params.requestId)
        if (stored === undefined) {
          throw new BankError('REQUEST_NOT_FOUND', { requestId: request.params.requestId })
        }
        return { statusCode: 200, body: requestView(stored) }
      })
      return send(reply, answer)
    },
  )

  app.get(
    '/v1/statements/:date',
    {
      schema: {
        params: Type.Object({ date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) }),
        // Query strings are text and types are not coerced (see server.ts): parse it here.
        querystring: Type.Object({
          offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
        }),
      },
    },
    async (request, reply) => {
      const { date } = request.params
      const offset = Number(request.query.offset ?? '0')
      const answer = await runWithFaults(context, reply, {}, () => {
        if (!isCalendarDate(date)) {
          throw new BankError('INVALID_REQUEST', { reason: 'no such date' })
        }
        const page = context.bank.statementPage(date, offset, STATEMENT_PAGE_ENTRIES_MAX)
        const entries = page.requests.map(requestView)
        const more = page.nextOffset === undefined ? {} : { nextOffset: page.nextOffset }
        return { statusCode: 200, body: { date, entries, ...more } }
      })
      return send(reply, answer)
    },
  )
}

function cardTarget(cardNumber: string): FaultTarget {
  const bankCode = issuingBank(cardNumber)
  return bankCode === undefined ? { cardNumber } : { bankCode, cardNumber }
}

/**
 * Applies the matching fault around `process`: latency first, then the mode. `process` runs at
 * most once, and only when the mode says the bank processes the request.
 */
async function runWithFaults(
  context: SimulatorContext,
  reply: FastifyReply,
  target: FaultTarget,
  process: () => Answer,
): Promise<Answer> {
  const fault = context.faults.take(target)
  const clientGone = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) clientGone.abort()
  })
  const signal = AbortSignal.any([clientGone.signal, context.closing])
  const timeoutAnswer = (): Answer => errorAnswer(new BankError('BANK_TIMEOUT'))

  if (fault !== undefined && fault.latencyMs > 0) {
    // A client that gave up still leaves the request with the bank, as with a real network;
    // only a closing simulator drops it (nothing may be booked after the journal closes).
    await delay(fault.latencyMs, context.closing)
    if (context.closing.aborted) return errorAnswer(new BankError('BANK_UNAVAILABLE'))
  }
  switch (fault?.mode ?? 'NONE') {
    case 'DOWN':
      return errorAnswer(new BankError('BANK_UNAVAILABLE'))
    case 'ERROR':
      return errorAnswer(new BankError('BANK_INTERNAL_ERROR'))
    case 'TIMEOUT_BEFORE':
      await delay(context.hangMs, signal)
      return timeoutAnswer()
    case 'TIMEOUT_AFTER': {
      processSafely(process)
      await delay(context.hangMs, signal)
      return timeoutAnswer()
    }
    case 'NONE':
      return processSafely(process)
  }
}

function processSafely(process: () => Answer): Answer {
  try {
    return process()
  } catch (error) {
    if (error instanceof BankError) return errorAnswer(error)
    throw error
  }
}

function errorAnswer(error: BankError): Answer {
  return { statusCode: error.httpStatus, body: error.toBody() }
}

function send(reply: FastifyReply, answer: Answer): FastifyReply {
  reply.code(answer.statusCode)
  if (answer.replayed === true) reply.header('idempotent-replay', 'true')
  return reply.send(answer.body)
}

function moneyAnswer(request: ProcessedRequest): Answer {
  const processedAt = new Date(request.processedAtMs).toISOString()
  if (request.status === 'SUCCEEDED') {
    return {
      statusCode: 200,
      body: {
        requestId: request.requestId,
        status: 'SUCCEEDED',
        bankRef: request.bankRef,
        amountFen: request.amountFen,
        processedAt,
      },
    }
  }
  const code = request.code ?? 'BANK_INTERNAL_ERROR'
  const details: ErrorDetails = {
    ...request.details,
    requestId: request.requestId,
    status: 'FAILED',
    amountFen: request.amountFen,
    processedAt,
  }
  return errorAnswer(new BankError(code, details))
}

function requestView(request: ProcessedRequest): Record<string, unknown> {
  return {
    requestId: request.requestId,
    kind: request.kind,
    purpose: request.purpose,
    status: request.status,
    ...(request.code === undefined ? {} : { code: request.code }),
    ...(request.details === undefined ? {} : { details: request.details }),
    amountFen: request.amountFen,
    bankCode: request.bankCode,
    cardLast4: cardLast4(request.cardNumber),
    ...(request.bankRef === undefined ? {} : { bankRef: request.bankRef }),
    processedAt: new Date(request.processedAtMs).toISOString(),
  }
}
