/**
 * @module routes-admin
 * Controls for tests and demos: inject faults, inspect and change cards, shift the clock.
 * Never faulted themselves, so a test can always repair what it broke.
 */
import { Type } from 'typebox'
import { CARD_STATES } from '../demo/cards.ts'
import { SUPPORTED_BANK_CODES } from '../src/shared/bank-card.ts'
import { CLOCK_OFFSET_MS_MAX } from './bank.ts'
import { BankError } from './errors.ts'
import {
  FAULT_COUNT_MAX,
  FAULT_LATENCY_MS_MAX,
  FAULT_MODES,
  FAULT_RULES_MAX,
  type FaultInput,
} from './faults.ts'
import { AMOUNT_FEN_MAX } from './routes-v1.ts'
import type { SimulatorApp, SimulatorContext } from './server.ts'
import { shanghaiDate } from './time.ts'

const FaultBody = Type.Object(
  {
    bankCode: Type.Optional(Type.Union(SUPPORTED_BANK_CODES.map((code) => Type.Literal(code)))),
    cardNumber: Type.Optional(Type.String({ pattern: '^[0-9]{16,19}$' })),
    mode: Type.Union(FAULT_MODES.map((mode) => Type.Literal(mode))),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: FAULT_LATENCY_MS_MAX })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: FAULT_COUNT_MAX })),
  },
  { additionalProperties: false },
)

const Fen = Type.Integer({ minimum: 0, maximum: AMOUNT_FEN_MAX })
const PositiveFen = Type.Integer({ minimum: 1, maximum: AMOUNT_FEN_MAX })

const CardChangesBody = Type.Object(
  {
    state: Type.Optional(Type.Union(CARD_STATES.map((state) => Type.Literal(state)))),
    reservedPhone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
    balanceFen: Type.Optional(Fen),
    creditLimitFen: Type.Optional(Fen),
    usedFen: Type.Optional(Type.Integer({ minimum: -AMOUNT_FEN_MAX, maximum: AMOUNT_FEN_MAX })),
    singleLimitFen: Type.Optional(PositiveFen),
    dailyLimitFen: Type.Optional(PositiveFen),
  },
  { additionalProperties: false },
)

const CardParams = Type.Object({ cardNumber: Type.String({ pattern: '^[0-9]{16,19}$' }) })

export function registerAdminRoutes(app: SimulatorApp, context: SimulatorContext): void {
  app.post('/admin/faults', { schema: { body: FaultBody } }, async (request, reply) => {
    if (context.faults.size >= FAULT_RULES_MAX) {
      throw new BankError('INVALID_REQUEST', { reason: `at most ${FAULT_RULES_MAX} fault rules` })
    }
    const input: FaultInput = request.body
    return reply.code(201).send(context.faults.add(input))
  })

  app.get('/admin/faults', async () => ({ faults: context.faults.list() }))

  app.delete('/admin/faults', async () => ({ cleared: context.faults.clear() }))

  app.get('/admin/cards/:cardNumber', { schema: { params: CardParams } }, async (request) =>
    context.bank.cardView(request.params.cardNumber),
  )

  app.post(
    '/admin/cards/:cardNumber',
    { schema: { params: CardParams, body: CardChangesBody } },
    async (request) => context.bank.updateCard(request.params.cardNumber, request.body),
  )

  const clockView = (): Record<string, unknown> => {
    const nowMs = context.bank.nowMs()
    return {
      offsetMs: context.bank.clockOffsetMs,
      now: new Date(nowMs).toISOString(),
      date: shanghaiDate(nowMs),
    }
  }

  app.get('/admin/clock', async () => clockView())

  app.post(
    '/admin/clock',
    {
      schema: {
        body: Type.Object(
          {
            offsetMs: Type.Integer({ minimum: -CLOCK_OFFSET_MS_MAX, maximum: CLOCK_OFFSET_MS_MAX }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      context.bank.setClockOffset(request.body.offsetMs)
      return clockView()
    },
  )
}
