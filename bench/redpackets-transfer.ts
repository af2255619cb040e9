/**
 * The two money rows beside the storms: `transfer` (P2P transfers to a wallet user, each confirmed
 * with the payment password, through POST /api/v1/me/transfers) and its reference
 * `argon2_verify` (the payment password's argon2id check alone, as many in parallel as the libuv
 * pool allows), both with the same client count in the same run. Their ratio says how much of a
 * transfer is the password check, which no database work can make cheaper.
 */
import { hash, verify } from '@node-rs/argon2'
import type { App } from '../src/app.ts'
import type { CrowdMember } from '../src/test-support/crowd.ts'
import { type BenchRow, percentile } from './report.ts'

const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const
/** Senders the clients rotate over: the daily count limit (200 a sender) is never reached. */
const SENDERS = 64

async function measure(
  name: string,
  clients: number,
  durationS: number,
  work: (client: number, turn: number) => Promise<void>,
): Promise<BenchRow> {
  const latenciesMs: number[] = []
  const deadline = performance.now() + durationS * 1000
  const client = async (index: number) => {
    for (let turn = 0; performance.now() < deadline; turn++) {
      const startedMs = performance.now()
      await work(index, turn)
      latenciesMs.push(performance.now() - startedMs)
    }
  }
  const startedMs = performance.now()
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)))
  const elapsedS = (performance.now() - startedMs) / 1000
  latenciesMs.sort((a, b) => a - b)
  return {
    name,
    clients,
    tps: Math.round(latenciesMs.length / elapsedS),
    p50_ms: Math.round(percentile(latenciesMs, 0.5) * 100) / 100,
    p99_ms: Math.round(percentile(latenciesMs, 0.99) * 100) / 100,
  }
}

export async function argon2VerifyRow(
  password: string,
  clients: number,
  durationS: number,
): Promise<BenchRow> {
  const stored = await hash(password, ARGON2_OPTIONS)
  return measure('argon2_verify', clients, durationS, async () => {
    if (!(await verify(stored, password))) throw new Error('argon2 verify failed')
  })
}

export interface TransferWorld {
  app: App
  baseUrl: string
  /** Verified people with a session; the first SENDERS send, the next SENDERS receive. */
  crowd: CrowdMember[]
  fund(userId: string, amountFen: number): Promise<void>
}

let keySequence = 0

export async function transferRow(
  world: TransferWorld,
  password: string,
  clients: number,
  durationS: number,
): Promise<BenchRow> {
  const senders = world.crowd.slice(0, SENDERS)
  const recipients = world.crowd.slice(SENDERS, 2 * SENDERS)
  for (const sender of senders) {
    await world.app.security.setPaymentPassword({ userId: sender.userId, password })
    await world.fund(sender.userId, 100_000)
  }
  return measure('transfer', clients, durationS, async (client, turn) => {
    const index = (client + turn * clients) % senders.length
    const sender = senders[index] as CrowdMember
    const recipient = recipients[index] as CrowdMember
    const response = await fetch(`${world.baseUrl}/api/v1/me/transfers`, {
      method: 'POST',
      headers: { ...sender.auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotencyKey: `bench-tr-${process.pid}-${++keySequence}`,
        to: { kind: 'user', userId: recipient.userId },
        amountFen: 1,
        method: { kind: 'password', password },
      }),
    })
    const body = (await response.json()) as { id?: string; code?: string }
    if (response.status !== 200 || body.id === undefined)
      throw new Error(`transfer: ${response.status} ${JSON.stringify(body)}`)
  })
}
