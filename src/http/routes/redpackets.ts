/**
 * Red packets (红包) over HTTP: thin handlers over src/modules/redpackets. Opening is the storm
 * path: one authentication, one module call, a small answer.
 */
import type { IdentityService } from '../../modules/identity/index.ts'
import {
  RED_PACKET_COVERS as MODULE_COVERS,
  RED_PACKET_KINDS as MODULE_KINDS,
  RED_PACKET_MESSAGE_LENGTH_MAX as MODULE_MESSAGE_LENGTH_MAX,
  RED_PACKET_STATUSES as MODULE_STATUSES,
  type RedPacketsService,
  SPLITS as MODULE_SPLITS,
} from '../../modules/redpackets/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS, type Same } from '../contract/common.ts'
import {
  OpenedShare,
  RED_PACKET_COVERS,
  RED_PACKET_ERRORS,
  RED_PACKET_KINDS,
  RED_PACKET_MESSAGE_LENGTH_MAX,
  RED_PACKET_SPLITS,
  RED_PACKET_STATUSES,
  RedPacketList,
  RedPacketListQuery,
  RedPacketParams,
  RedPacketProof,
  RedPacketRulesView,
  RedPacketView,
  SendRedPacketRequest,
} from '../contract/redpackets.ts'
import type { HttpApp } from '../server.ts'

// The contract restates the module's lists; these fail to compile if they drift.
const contractMatches: [
  Same<(typeof RED_PACKET_KINDS)[number], (typeof MODULE_KINDS)[number]>,
  Same<(typeof RED_PACKET_SPLITS)[number], (typeof MODULE_SPLITS)[number]>,
  Same<(typeof RED_PACKET_STATUSES)[number], (typeof MODULE_STATUSES)[number]>,
  Same<(typeof RED_PACKET_COVERS)[number], (typeof MODULE_COVERS)[number]>,
  Same<typeof RED_PACKET_MESSAGE_LENGTH_MAX, typeof MODULE_MESSAGE_LENGTH_MAX>,
] = [true, true, true, true, true]
void contractMatches

const tags = ['redpackets']
const errors = { ...AUTH_ERRORS, ...RED_PACKET_ERRORS }

export interface RedPacketRoutesDeps {
  identity: IdentityService
  redpackets: RedPacketsService
}

export async function redPacketRoutes(app: HttpApp, deps: RedPacketRoutesDeps): Promise<void> {
  await redPacketWriteRoutes(app, deps)
  await redPacketReadRoutes(app, deps)
}

async function redPacketWriteRoutes(app: HttpApp, { identity, redpackets }: RedPacketRoutesDeps) {
  app.post(
    '/api/v1/me/redpackets',
    {
      schema: {
        tags,
        summary: 'Send a red packet (money leaves the balance at once, into escrow)',
        description:
          'single: totalFen + recipientId (or a one-to-one conversationId); lucky: totalFen + ' +
          'shares (luckyMode double_average or cut); fixed: shareFen + shares; exclusive: ' +
          'totalFen + recipientId (a member). Limits: REDPACKET_LIMIT with details.rule.',
        body: SendRedPacketRequest,
        response: { 201: RedPacketView, ...errors },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      const packetId = await redpackets.send(user.id, request.body)
      return reply.status(201).send(await redpackets.get(user.id, packetId))
    },
  )

  app.post(
    '/api/v1/me/redpackets/:packetId/open',
    {
      schema: {
        tags,
        summary:
          'Open (拆) a red packet: my share, or REDPACKET_EMPTY / _EXPIRED / _ALREADY_OPENED',
        params: RedPacketParams,
        response: { 200: OpenedShare, ...errors },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return redpackets.open(user.id, request.params.packetId)
    },
  )
}

async function redPacketReadRoutes(app: HttpApp, { identity, redpackets }: RedPacketRoutesDeps) {
  app.get(
    '/api/v1/me/redpacket-rules',
    {
      schema: {
        tags,
        summary: 'The limits a packet is checked against (per packet, per share, shares)',
        response: { 200: RedPacketRulesView, ...errors },
      },
    },
    async (request) => {
      await authenticate(request, identity)
      const { packetFenMax, shareFenMin, sharesMax, expiryMs } = redpackets.rules()
      const messageLengthMax = RED_PACKET_MESSAGE_LENGTH_MAX
      return { packetFenMax, shareFenMin, sharesMax, expiryMs, messageLengthMax }
    },
  )

  app.get(
    '/api/v1/me/redpackets',
    {
      schema: {
        tags,
        summary: 'Red packets I sent, newest first',
        querystring: RedPacketListQuery,
        response: { 200: RedPacketList, ...errors },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      const ids = await redpackets.listSent(user.id, request.query.limit ?? 20)
      return { packets: await Promise.all(ids.map((id) => redpackets.get(user.id, id))) }
    },
  )

  app.get(
    '/api/v1/me/redpackets/:packetId',
    {
      schema: {
        tags,
        summary: 'A red packet: who got what, best luck, the fairness commitment (and seed)',
        params: RedPacketParams,
        response: { 200: RedPacketView, ...errors },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      return redpackets.get(user.id, request.params.packetId)
    },
  )

  app.get(
    '/api/v1/me/redpackets/:packetId/proof',
    {
      schema: {
        tags,
        summary: 'The fairness proof: scripts/verify-redpacket.mjs recomputes every share from it',
        params: RedPacketParams,
        response: { 200: RedPacketProof, ...errors },
      },
    },
    async (request) => {
      const { user } = await authenticate(request, identity)
      await redpackets.get(user.id, request.params.packetId)
      return redpackets.proof(request.params.packetId)
    },
  )
}
