/**
 * The live stream (`GET /api/v1/me/events`): server-sent events through fastify-sse-v2,
 * authenticated by the session cookie (EventSource sends it; it cannot send headers). Each event
 * is a JSON LiveEvent; the page fetches what it names. A comment every 25 s keeps proxies from
 * closing an idle stream; a user's newest streams push their oldest out (SocialRules).
 */
import { FastifySSEPlugin } from 'fastify-sse-v2'
import type { IdentityService } from '../../modules/identity/index.ts'
import type { SocialService } from '../../modules/social/index.ts'
import { authenticate } from '../auth.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import type { HttpApp } from '../server.ts'

const KEEP_ALIVE_MS = 25_000
export const LIVE_EVENTS_PATH = '/api/v1/me/events'

export interface ChatEventRoutesDeps {
  identity: IdentityService
  social: SocialService
}

export async function chatEventRoutes(app: HttpApp, { identity, social }: ChatEventRoutesDeps) {
  await app.register(FastifySSEPlugin, { retryDelay: 3000 })
  app.get(
    LIVE_EVENTS_PATH,
    {
      schema: {
        tags: ['chat'],
        summary: 'Live events (text/event-stream): new messages, card changes, contacts',
        description:
          'Each `data:` is JSON: { type: "message" | "card", conversationId, messageId } | ' +
          '{ type: "read" | "conversation", conversationId } | { type: "contacts" }.',
        response: { ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { user } = await authenticate(request, identity)
      let ended = false
      let unsubscribe = () => {}
      let keepAlive: NodeJS.Timeout | undefined
      const end = () => {
        if (ended) return
        ended = true
        clearInterval(keepAlive)
        unsubscribe()
        reply.sseContext.source.end()
      }
      // Before the stream starts, so a full process still answers with the error envelope.
      unsubscribe = social.subscribe(user.id, {
        send: (event) => reply.sse({ event: 'live', data: JSON.stringify(event) }),
        close: end,
      })
      request.raw.on('close', end)
      keepAlive = setInterval(() => reply.sse({ comment: 'keep-alive' }), KEEP_ALIVE_MS)
      reply.sse({ event: 'ready', data: JSON.stringify({ userId: user.id }) })
    },
  )
}
