/**
 * Developer pages, registered only in dev mode (LQ_DEV=1, which `npm start` sets) and answered
 * only on this machine: the SMS outbox, so a newcomer can read the codes the offline SMS adapter
 * "sent", and a demo identity, since only the simulated residents pass real-name verification.
 */
import { BANK_CARDS } from '../../../demo/cards.ts'
import { offlineRegister } from '../../adapters/identity-verification/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { OutboxMessage } from '../../adapters/sms/index.ts'
import type { Config } from '../../config.ts'
import type { SecurityService } from '../../modules/identity/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDate } from '../../shared/shanghai-time.ts'
import { DemoIdentity, OutboxMessages, OutboxQuery } from '../contract/dev.ts'
import { isLoopback } from '../edge.ts'
import type { HttpApp } from '../server.ts'

const OUTBOX_PAGE_SIZE = 50

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

export interface DevRoutesDeps {
  config: Pick<Config, 'dev'>
  /** Present when SMS goes to the offline outbox (the default). */
  smsOutbox:
    { list(options: { phone?: string; limit: number }): Promise<OutboxMessage[]> } | undefined
  /** For the demo identity: which register entries no account has verified yet. */
  security: Pick<SecurityService, 'unusedIdentities'>
  clock: Clock
}

/** Adults only, so a newcomer's first identity meets no minor's rules. */
const DEMO_IDENTITY_AGE_MIN_YEARS = 18
/** Picked at random among this many free ones, so two newcomers rarely get the same person. */
const DEMO_IDENTITY_CHOICES = 20

export async function devRoutes(app: HttpApp, deps: DevRoutesDeps): Promise<void> {
  const outbox = deps.smsOutbox
  if (!deps.config.dev) return
  // The outbox holds sign-in codes: even in demo mode only this machine may read it.
  app.addHook('onRequest', async (request) => {
    const isDev = request.url.startsWith('/api/v1/dev/') || request.url.startsWith('/dev/')
    if (isDev && !isLoopback(request.socket.remoteAddress)) throw new DomainError('NOT_FOUND')
  })
  demoIdentityRoute(app, deps)
  if (outbox === undefined) return

  app.get(
    '/api/v1/dev/sms',
    {
      schema: {
        tags: ['dev'],
        summary: 'The offline SMS outbox (dev mode only)',
        querystring: OutboxQuery,
        response: { 200: OutboxMessages },
      },
    },
    async (request) => ({
      messages: await outbox.list({
        limit: OUTBOX_PAGE_SIZE,
        ...(request.query.phone ? { phone: request.query.phone } : {}),
      }),
    }),
  )

  app.get('/dev/sms', { schema: { hide: true } }, async (_request, reply) => {
    const messages = await outbox.list({ limit: OUTBOX_PAGE_SIZE })
    const rows = messages
      .map(
        (message) =>
          `<tr><td>${new Date(message.createdAtMs).toISOString().replace('T', ' ').slice(0, 19)}</td><td>${escapeHtml(message.phone)}</td><td>${escapeHtml(message.body)}</td></tr>`,
      )
      .join('')
    return reply.type('text/html')
      .send(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>短信发件箱 SMS outbox</title><style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}</style>
<h1>短信发件箱 · SMS outbox</h1><p>开发模式：短信不会真正发出，验证码显示在这里（每 5 秒刷新）。Dev mode: messages are not really sent; codes appear here (refreshes every 5 s).</p>
<table data-testid="sms-outbox"><tr><th>时间 Time (UTC)</th><th>手机号 Phone</th><th>内容 Message</th></tr>${rows}</table>`)
  })
}

/** So the newcomer can bind a card next: the resident's active debit card at the simulator. */
function demoDebitCard(idNumber: string): { cardNumber: string; reservedPhone: string } | null {
  const card = BANK_CARDS.find(
    (candidate) =>
      candidate.holderIdNumber === idNumber &&
      candidate.cardType === 'DEBIT' &&
      candidate.state === 'ACTIVE',
  )
  return card === undefined
    ? null
    : { cardNumber: card.cardNumber, reservedPhone: card.reservedPhone }
}

/** A simulated resident nobody has verified yet (demo mode only: the register is the offline one). */
function demoIdentityRoute(app: HttpApp, { security, clock }: DevRoutesDeps): void {
  app.get(
    '/api/v1/dev/demo-identity',
    {
      schema: {
        tags: ['dev'],
        summary: 'A free simulated resident for real-name verification (dev mode only)',
        response: { 200: DemoIdentity },
      },
    },
    async () => {
      const today = shanghaiDate(clock.nowMs())
      const candidates = offlineRegister(today, DEMO_IDENTITY_AGE_MIN_YEARS)
      const free = await security.unusedIdentities(candidates, DEMO_IDENTITY_CHOICES)
      const chosen = free[Math.floor(Math.random() * free.length)]
      if (chosen === undefined) throw new DomainError('NOT_FOUND', { resource: 'demo identity' })
      return { ...chosen, debitCard: demoDebitCard(chosen.idNumber) }
    },
  )
}
