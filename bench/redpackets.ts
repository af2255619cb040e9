/**
 * Red-packet benchmark (`npm run bench -- redpackets`): the wired app listening on a port, over
 * a scratch database on the PostgreSQL in DATABASE_URL, driven through its HTTP API.
 * Rows: storm_one (1,000 openers of one 100-share packet: all_answered_ms, p50_ms, p99_ms, exact),
 * storm_many (opens/s across 200 packets and 2,000 users), pgbench_tpcb (8 clients, same run),
 * transfer (P2P transfers with the payment password) beside argon2_verify (the password check
 * alone), 8 clients each (redpackets-transfer.ts). Every SQL round trip is counted by phase
 * (redpackets-trace.ts): the storm rows carry round trips per answer, and `open_trace` breaks a
 * few opens made one at a time down by phase. Env: LQ_BENCH_OPENERS, LQ_BENCH_SHARES,
 * LQ_BENCH_PACKETS, LQ_BENCH_USERS, LQ_BENCH_SECONDS (pgbench per client count; transfer and
 * argon2_verify at most 5 s).
 */
import pino from 'pino'
import type { AddressInfo } from 'node:net'
import { type App, createApp } from '../src/app.ts'
import { createScratchDatabase, openPostgres } from '../src/adapters/db/index.ts'
import { loadConfig } from '../src/config.ts'
import { createCrowd, createCrowdGroup, type CrowdMember } from '../src/test-support/crowd.ts'
import { benchPgbench } from './ledger.ts'
import { percentile, type BenchRow } from './report.ts'
import { createQueryTrace, type PhaseTotal, type QueryTrace } from './redpackets-trace.ts'
import { argon2VerifyRow, transferRow } from './redpackets-transfer.ts'

const PASSWORD = '135790'
/** Opens made one at a time for `open_trace`, by people no storm has seen (10 shares). */
const TRACE_OPENERS = 12
const TRACE_SHARES = 10

export interface RedPacketBenchOptions {
  serverUrl: string
  openers: number
  shares: number
  packets: number
  users: number
  durationS: number
}

type Row = BenchRow & Record<string, unknown>

interface World {
  app: App
  baseUrl: string
  sender: CrowdMember
  crowd: CrowdMember[]
  group: string
  trace: QueryTrace
}

async function buildWorld(options: RedPacketBenchOptions, databaseUrl: string): Promise<World> {
  const trace = createQueryTrace()
  const database = await openPostgres({ connectionString: databaseUrl, poolMax: 8, log: trace.log })
  const config = loadConfig(
    {},
    { dataDir: '/nonexistent', webDir: '/nonexistent', dev: false, runJobs: false },
  )
  const logger = pino({ level: 'warn' })
  const app = await createApp(config, { database, dataKey: Buffer.alloc(32, 9), logger })
  await app.server.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.server.address() as AddressInfo
  const people = await createCrowd(
    database.db,
    Math.max(options.openers, options.users) + 1 + TRACE_OPENERS,
    Date.now(),
  )
  const [sender, ...crowd] = people as [CrowdMember, ...CrowdMember[]]
  await app.security.raiseAccountClass(sender.userId, 2, 'benchmark sender')
  await app.security.setPaymentPassword({ userId: sender.userId, password: PASSWORD })
  await fundUser(app, sender.userId, 100_000_000)
  const group = await createCrowdGroup(
    database.db,
    sender.userId,
    crowd.map((member) => member.userId),
    Date.now(),
  )
  return { app, baseUrl: `http://127.0.0.1:${port}`, sender, crowd, group, trace }
}

let keySequence = 0

async function fundUser(app: App, userId: string, amountFen: number): Promise<void> {
  const funding = await app.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'funding',
    currency: 'CNY',
  })
  const balance = await app.wallet.balanceAccount(userId)
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `bench-funding-${userId}-${++keySequence}`,
    code: 'BENCH',
    legs: [{ debitAccountId: funding!.id, creditAccountId: balance.id, amountFen }],
  })
}

async function sendPacket(world: World, totalFen: number, shares: number): Promise<string> {
  const response = await fetch(`${world.baseUrl}/api/v1/me/redpackets`, {
    method: 'POST',
    headers: { ...world.sender.auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: `bench-${process.pid}-${++keySequence}`,
      kind: 'lucky',
      conversationId: world.group,
      totalFen,
      shares,
      method: { kind: 'password', password: PASSWORD },
    }),
  })
  const body = (await response.json()) as { id?: string; code?: string }
  if (response.status !== 201 || body.id === undefined)
    throw new Error(`send: ${JSON.stringify(body)}`)
  return body.id
}

interface Answer {
  userId: string
  packetId: string
  ms: number
  amountFen?: number
  code?: string
}

async function openOver(
  world: World,
  member: CrowdMember,
  packetId: string,
  startMs: number,
): Promise<Answer> {
  const response = await fetch(`${world.baseUrl}/api/v1/me/redpackets/${packetId}/open`, {
    method: 'POST',
    headers: member.auth,
  })
  const body = (await response.json()) as { amountFen?: number; code?: string }
  const ms = performance.now() - startMs
  return {
    userId: member.userId,
    packetId,
    ms,
    ...(response.status === 200 ? { amountFen: body.amountFen } : { code: body.code }),
  }
}

/** Exactly `shares` distinct winners summing to the total; everyone else REDPACKET_EMPTY. */
function exactFor(answers: Answer[], shares: number, totalFen: number): boolean {
  const won = answers.filter((answer) => answer.amountFen !== undefined)
  const sum = won.reduce((total, answer) => total + (answer.amountFen ?? 0), 0)
  const lostRight = answers.every(
    (answer) => answer.amountFen !== undefined || answer.code === 'REDPACKET_EMPTY',
  )
  return (
    won.length === shares &&
    new Set(won.map((a) => a.userId)).size === shares &&
    sum === totalFen &&
    lostRight
  )
}

async function escrowFen(app: App): Promise<number> {
  const escrow = await app.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'escrow:redpacket',
    currency: 'CNY',
  })
  return (await app.ledger.getBalance(escrow!.id)).postedFen
}

async function stormOne(
  world: World,
  options: RedPacketBenchOptions,
  log: (line: string) => void,
): Promise<Row> {
  const totalFen = 20_000
  const packetId = await sendPacket(world, totalFen, options.shares)
  log(`storm_one: ${options.openers} openers of ${options.shares} shares`)
  world.trace.start()
  const startMs = performance.now()
  const answers = await Promise.all(
    world.crowd
      .slice(0, options.openers)
      .map((member) => openOver(world, member, packetId, startMs)),
  )
  const allAnsweredMs = performance.now() - startMs
  const { roundTrips } = world.trace.stop()
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b)
  const exact = exactFor(answers, options.shares, totalFen) && (await escrowFen(world.app)) === 0
  return {
    name: 'storm_one',
    clients: options.openers,
    tps: Math.round(options.openers / (allAnsweredMs / 1000)),
    p50_ms: round(percentile(sorted, 0.5)),
    p99_ms: round(percentile(sorted, 0.99)),
    all_answered_ms: round(allAnsweredMs),
    exact,
    round_trips_per_answer: round(roundTrips / answers.length),
  }
}

async function stormMany(
  world: World,
  options: RedPacketBenchOptions,
  log: (line: string) => void,
): Promise<Row> {
  const sharesEach = 10
  const totals = new Map<string, number>()
  for (let start = 0; start < options.packets; start += 8) {
    const count = Math.min(8, options.packets - start)
    const ids = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        sendPacket(world, 1_000 + (start + i) * 7, sharesEach),
      ),
    )
    ids.forEach((id, i) => totals.set(id, 1_000 + (start + i) * 7))
  }
  const packetIds = [...totals.keys()]
  const openers = world.crowd.slice(0, options.users).flatMap((member, index) =>
    [0, 1].map((turn) => ({
      member,
      packetId: packetIds[(index + turn * 7) % packetIds.length] as string,
    })),
  )
  log(
    `storm_many: ${openers.length} opens of ${packetIds.length} packets by ${options.users} users`,
  )
  world.trace.start()
  const startMs = performance.now()
  const answers = await Promise.all(
    openers.map(({ member, packetId }) => openOver(world, member, packetId, startMs)),
  )
  const elapsedS = (performance.now() - startMs) / 1000
  const { roundTrips } = world.trace.stop()
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b)
  const exact =
    packetIds.every((id) =>
      exactFor(
        answers.filter((a) => a.packetId === id),
        sharesEach,
        totals.get(id)!,
      ),
    ) && (await escrowFen(world.app)) === 0
  const opened = answers.filter((answer) => answer.amountFen !== undefined).length
  return {
    name: 'storm_many',
    clients: options.users,
    tps: Math.round(opened / elapsedS),
    p50_ms: round(percentile(sorted, 0.5)),
    p99_ms: round(percentile(sorted, 0.99)),
    answers_per_s: Math.round(answers.length / elapsedS),
    packets: packetIds.length,
    exact,
    round_trips_per_answer: round(roundTrips / answers.length),
  }
}

interface TraceLine {
  opens: number
  wall_ms: number
  round_trips: number
  phases: { phase: string; round_trips: number; ms: number }[]
}

/** One packet of TRACE_SHARES opened by TRACE_OPENERS people, one at a time: per-open averages. */
async function openTrace(world: World): Promise<{ won: TraceLine; empty: TraceLine }> {
  const packetId = await sendPacket(world, 1_000, TRACE_SHARES)
  const lines = { won: [] as [number, PhaseTotal[]][], empty: [] as [number, PhaseTotal[]][] }
  for (const member of world.crowd.slice(-TRACE_OPENERS)) {
    world.trace.start()
    const startMs = performance.now()
    const answer = await openOver(world, member, packetId, startMs)
    const wallMs = performance.now() - startMs
    lines[answer.amountFen === undefined ? 'empty' : 'won'].push([
      wallMs,
      world.trace.stop().phases,
    ])
  }
  const average = (opens: [number, PhaseTotal[]][]): TraceLine => {
    const byPhase = new Map<string, { phase: string; round_trips: number; ms: number }>()
    for (const [, phases] of opens)
      for (const phase of phases) {
        const total = byPhase.get(phase.phase) ?? { phase: phase.phase, round_trips: 0, ms: 0 }
        total.round_trips += phase.roundTrips / opens.length
        total.ms += phase.ms / opens.length
        byPhase.set(phase.phase, total)
      }
    const phases = [...byPhase.values()].map((phase) => ({
      phase: phase.phase,
      round_trips: round(phase.round_trips),
      ms: round(phase.ms),
    }))
    return {
      opens: opens.length,
      wall_ms: round(opens.reduce((sum, [ms]) => sum + ms, 0) / opens.length),
      round_trips: round(phases.reduce((sum, phase) => sum + phase.round_trips, 0)),
      phases,
    }
  }
  return { won: average(lines.won), empty: average(lines.empty) }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

export async function benchRedPackets(
  options: RedPacketBenchOptions,
  log: (line: string) => void,
): Promise<{ rows: Row[]; trace: Awaited<ReturnType<typeof openTrace>> }> {
  const scratch = await createScratchDatabase(options.serverUrl, 'lq_bench_rp')
  const rows: Row[] = []
  let trace: Awaited<ReturnType<typeof openTrace>>
  const shortS = Math.min(options.durationS, 5)
  try {
    const world = await buildWorld(options, scratch.url)
    try {
      rows.push(await stormOne(world, options, log))
      rows.push(await stormMany(world, options, log))
      const check = await world.app.ledger.check()
      if (!check.ok) for (const row of rows) row.exact = false
      trace = await openTrace(world)
      log('transfer: 8 clients')
      const fund = (userId: string, amountFen: number) => fundUser(world.app, userId, amountFen)
      rows.push({ ...(await transferRow({ ...world, fund }, PASSWORD, 8, shortS)) })
    } finally {
      await world.app.close()
    }
  } finally {
    await scratch.drop()
  }
  const pgbench = await benchPgbench(
    { serverUrl: options.serverUrl, durationS: options.durationS, accounts: 0, poolMax: 8 },
    log,
    [8],
  )
  rows.push(...pgbench.map((row): Row => ({ ...row })))
  rows.push({ ...(await argon2VerifyRow(PASSWORD, 8, shortS)) })
  return { rows, trace }
}
