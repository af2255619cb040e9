/**
 * Transfers (转账): preview (fee, arrival, risk hints — and a recipient who cannot receive is
 * refused here, before paying), send, the list and one receipt, accept (收款), return (退还),
 * cancel during a delayed arrival, and the sender's delayed-arrival setting (延时到账).
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import {
  DELAY_HOURS_OPTIONS as MODULE_DELAY_HOURS,
  RISK_HINTS,
  TRANSFER_KINDS as MODULE_KINDS,
  TRANSFER_NOTE_LENGTH_MAX as MODULE_NOTE_MAX,
  TRANSFER_PAGE_SIZE_MAX as MODULE_PAGE_MAX,
  TRANSFER_STATUSES as MODULE_STATUSES,
  type RiskHintCode,
  type TransfersService,
} from '../../modules/transfers/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, BANK_ERRORS, type Same } from '../contract/common.ts'
import {
  DELAY_HOURS_OPTIONS,
  RISK_HINT_CODES,
  TRANSFER_KINDS,
  TRANSFER_NOTE_LENGTH_MAX,
  TRANSFER_PAGE_SIZE_MAX,
  TRANSFER_STATUSES,
  TransferList,
  TransferListQuery,
  TransferParams,
  TransferPreview,
  TransferPreviewRequest,
  TransferRequest,
  TransferSettings,
  TransferSettingsChange,
  TransferView,
} from '../contract/transfers.ts'
import type { HttpApp } from '../server.ts'

// The contract restates the module's limits and vocabularies; these fail to compile on drift.
const contractMatches: [
  Same<typeof TRANSFER_NOTE_LENGTH_MAX, typeof MODULE_NOTE_MAX>,
  Same<typeof TRANSFER_PAGE_SIZE_MAX, typeof MODULE_PAGE_MAX>,
  Same<(typeof TRANSFER_KINDS)[number], (typeof MODULE_KINDS)[number]>,
  Same<(typeof TRANSFER_STATUSES)[number], (typeof MODULE_STATUSES)[number]>,
  Same<(typeof DELAY_HOURS_OPTIONS)[number], (typeof MODULE_DELAY_HOURS)[number]>,
  Same<(typeof RISK_HINT_CODES)[number], RiskHintCode>,
] = [true, true, true, true, true, true]
void contractMatches
void RISK_HINTS

const tags = ['transfers']

export interface TransferRoutesDeps {
  identity: IdentityService
  transfers: TransfersService
}

export async function transferRoutes(app: HttpApp, deps: TransferRoutesDeps): Promise<void> {
  await sendRoutes(app, deps)
  await readRoutes(app, deps)
  await actionRoutes(app, deps)
  await settingsRoutes(app, deps)
}

async function sendRoutes(app: HttpApp, { identity, transfers }: TransferRoutesDeps) {
  app.post(
    '/api/v1/me/transfers/preview',
    {
      schema: {
        tags,
        summary: 'Before confirming: the recipient, fee, arrival and risk hints',
        description:
          'Refuses a recipient who cannot receive (RECIPIENT_FROZEN, RECIPIENT_CANNOT_RECEIVE) ' +
          'before any payment password is asked.',
        body: TransferPreviewRequest,
        response: { 200: TransferPreview, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return transfers.preview(user.id, request.body)
    },
  )

  app.post(
    '/api/v1/me/transfers',
    {
      schema: {
        tags,
        summary: 'Send a transfer (to a user, a phone number or a bank card)',
        body: TransferRequest,
        response: { 200: TransferView, ...BANK_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { body } = request
      return transfers.send(user.id, {
        idempotencyKey: body.idempotencyKey,
        to: body.to,
        amountFen: body.amountFen,
        method: body.method,
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(body.smsCode ? { smsCode: body.smsCode } : {}),
        ip: request.ip,
      })
    },
  )
}

async function readRoutes(app: HttpApp, { identity, transfers }: TransferRoutesDeps) {
  app.get(
    '/api/v1/me/transfers',
    {
      schema: {
        tags,
        summary: 'Transfers I sent or received, newest first',
        querystring: TransferListQuery,
        response: { 200: TransferList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const { beforeMs, limit } = request.query
      const page = {
        ...(beforeMs !== undefined ? { beforeMs } : {}),
        ...(limit !== undefined ? { limit } : {}),
      }
      return { transfers: await transfers.list(user.id, page) }
    },
  )

  app.get(
    '/api/v1/me/transfers/:transferId',
    {
      schema: {
        tags,
        summary: 'One transfer (the receipt)',
        params: TransferParams,
        response: { 200: TransferView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return transfers.get(user.id, request.params.transferId)
    },
  )
}

async function actionRoutes(app: HttpApp, { identity, transfers }: TransferRoutesDeps) {
  const actions = {
    accept: { summary: 'Accept (收款): the money goes to my balance', act: transfers.accept },
    return: {
      summary: 'Return (退还): the money goes back to the sender',
      act: transfers.returnToSender,
    },
    cancel: { summary: 'Cancel during the delayed arrival (sender only)', act: transfers.cancel },
  } as const
  for (const [name, action] of Object.entries(actions)) {
    app.post(
      `/api/v1/me/transfers/:transferId/${name}`,
      {
        schema: {
          tags,
          summary: action.summary,
          params: TransferParams,
          response: { 200: TransferView, ...AUTH_ERRORS },
        },
      },
      async (request) => {
        const { user } = await authenticate(request, identity)
        return action.act(user.id, request.params.transferId)
      },
    )
  }
}

async function settingsRoutes(app: HttpApp, { identity, transfers }: TransferRoutesDeps) {
  app.get(
    '/api/v1/me/transfer-settings',
    {
      schema: {
        tags,
        summary: 'My delayed-arrival setting (延时到账)',
        response: { 200: TransferSettings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return { delayHours: await transfers.delayHours(user.id) }
    },
  )

  app.put(
    '/api/v1/me/transfer-settings',
    {
      schema: {
        tags,
        summary: 'Change the delayed arrival: 0 (real time), 2 or 24 hours; payment password',
        body: TransferSettingsChange,
        response: { 200: TransferSettings, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const delayHours = await transfers.setDelayHours(user.id, { ...request.body, ip: request.ip })
      return { delayHours }
    },
  )
}
