/**
 * A merchant's notify_url for tests: a local HTTP server that keeps every notification it gets
 * (headers and the raw body, byte-exact, as a merchant verifies them) and answers each path the
 * way the test says — a status, or no answer until released (a hung endpoint) — counting how
 * many deliveries of one event it holds at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedNotification {
  path: string
  headers: Record<string, string>
  body: string
  /** The event id in the body. */
  eventId: string
}

export type Answer = { status: number; body?: string } | 'hang'

export interface NotifyReceiver {
  url(path: string): string
  received(path?: string): ReceivedNotification[]
  /** How `path` answers from now on (default 200 {"code":"SUCCESS"}). */
  answer(path: string, answer: Answer): void
  /** Resolves when `path` has received `count` notifications in all. */
  waitFor(path: string, count: number): Promise<ReceivedNotification[]>
  /** Answers every hung request (with `status`) and forgets them. */
  release(status?: number): void
  hanging(): number
  /** The most deliveries of one event id it held open at the same time. */
  maxConcurrentPerEvent(): number
  close(): Promise<void>
}

export async function startNotifyReceiver(): Promise<NotifyReceiver> {
  const received: ReceivedNotification[] = []
  const answers = new Map<string, Answer>()
  const hung: { response: ServerResponse; eventId: string }[] = []
  const open = new Map<string, number>()
  let maxConcurrent = 0
  const waiters: { path: string; count: number; resolve: () => void }[] = []

  function handle(request: IncomingMessage, response: ServerResponse, body: string) {
    const path = (request.url ?? '/').split('?')[0] as string
    const eventId = String((JSON.parse(body) as { id?: unknown }).id ?? '')
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers[name] = value
    received.push({ path, headers, body, eventId })
    const now = (open.get(eventId) ?? 0) + 1
    open.set(eventId, now)
    maxConcurrent = Math.max(maxConcurrent, now)
    response.on('close', () => open.set(eventId, (open.get(eventId) ?? 1) - 1))
    for (const waiter of [...waiters]) {
      if (waiter.path === path && received.filter((r) => r.path === path).length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
    const answer = answers.get(path) ?? { status: 200, body: '{"code":"SUCCESS"}' }
    if (answer === 'hang') {
      hung.push({ response, eventId })
      return
    }
    response.writeHead(answer.status, { 'content-type': 'application/json' })
    response.end(answer.body ?? '')
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received: (path) => received.filter((entry) => path === undefined || entry.path === path),
    answer: (path, answer) => answers.set(path, answer),
    waitFor: (path, count) =>
      new Promise((resolve) => {
        const done = () => resolve(received.filter((entry) => entry.path === path))
        if (received.filter((entry) => entry.path === path).length >= count) return done()
        waiters.push({ path, count, resolve: done })
      }),
    release(status = 200) {
      for (const { response } of hung.splice(0)) {
        if (!response.writableEnded && !response.destroyed) {
          response.writeHead(status)
          response.end()
        }
      }
    },
    hanging: () => hung.filter(({ response }) => !response.destroyed).length,
    maxConcurrentPerEvent: () => maxConcurrent,
    close: async () => {
      for (const { response } of hung.splice(0)) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
