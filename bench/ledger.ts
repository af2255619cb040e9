/**
 * Ledger benchmark (`npm run bench -- ledger`): the ledger's TypeScript API against the
 * PostgreSQL in DATABASE_URL, next to stock pgbench TPC-B on the same server in the same run.
 * Rows: single (2/8/32 clients), hot, batch100, batch1000, pgbench_tpcb (2/8/32), single_pglite.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { systemClock } from '../src/adapters/clock/index.ts'
import {
  createScratchDatabase,
  type DatabaseHandle,
  migrate,
  openPglite,
  openPostgres,
} from '../src/adapters/db/index.ts'
import {
  type Account,
  createLedger,
  type Ledger,
  type TransferRequest,
} from '../src/modules/ledger/index.ts'
import { percentile, type BenchRow } from './report.ts'

const run = promisify(execFile)

export interface LedgerBenchOptions {
  serverUrl: string
  durationS: number
  accounts: number
  poolMax: number
}

const FUNDING_FEN = 1_000_000_000

interface World {
  ledger: Ledger
  users: Account[]
  merchant: Account
}

let keySequence = 0
function nextKey(prefix: string): string {
  keySequence += 1
  return `${prefix}-${process.pid}-${keySequence}`
}

async function buildWorld(database: DatabaseHandle, accounts: number): Promise<World> {
  await migrate(database)
  const inFlight = Number(process.env.LQ_LEDGER_IN_FLIGHT ?? 0)
  const ledger = createLedger({
    database,
    clock: systemClock,
    ...(inFlight > 0 ? { writer: { maxInFlight: inFlight } } : {}),
  })
  const source = await ledger.openAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'bench_source',
    currency: 'CNY',
  })
  const merchant = await ledger.openAccount({
    ownerKind: 'merchant',
    ownerId: 'bench-merchant',
    purpose: 'balance',
    currency: 'CNY',
  })
  const users: Account[] = []
  for (let index = 0; index < accounts; index++) {
    users.push(
      await ledger.openAccount({
        ownerKind: 'user',
        ownerId: `bench-${index}`,
        purpose: 'balance',
        currency: 'CNY',
        debitsMustNotExceedCredits: true,
      }),
    )
  }
  for (let start = 0; start < users.length; start += 1000) {
    const funding = users.slice(start, start + 1000).map((user): TransferRequest => ({
      kind: 'posted',
      idempotencyKey: nextKey('fund'),
      code: 'BENCH',
      legs: [{ debitAccountId: source.id, creditAccountId: user.id, amountFen: FUNDING_FEN }],
    }))
    const outcomes = await ledger.createTransfers(funding)
    if (!outcomes.every((outcome) => outcome.ok)) throw new Error('funding failed')
  }
  return { ledger, users, merchant }
}

function randomUser(world: World): Account {
  return world.users[Math.floor(Math.random() * world.users.length)] as Account
}

function randomTransfer(world: World, toMerchant: boolean): TransferRequest {
  const from = randomUser(world)
  let to = toMerchant ? world.merchant : randomUser(world)
  while (to.id === from.id) to = randomUser(world)
  return {
    kind: 'posted',
    idempotencyKey: nextKey('t'),
    code: 'BENCH',
    legs: [
      {
        debitAccountId: from.id,
        creditAccountId: to.id,
        amountFen: 1 + Math.floor(Math.random() * 1000),
      },
    ],
  }
}

/** Runs `clients` loops for `durationS`; each call moves `transfersPerCall` transfers. */
async function measure(
  name: string,
  clients: number,
  durationS: number,
  transfersPerCall: number,
  call: () => Promise<void>,
): Promise<BenchRow> {
  const latenciesMs: number[] = []
  const deadline = performance.now() + durationS * 1000
  const startedMs = performance.now()
  const startedCpu = process.cpuUsage()
  const client = async () => {
    while (performance.now() < deadline) {
      const callStartedMs = performance.now()
      await call()
      latenciesMs.push(performance.now() - callStartedMs)
    }
  }
  await Promise.all(Array.from({ length: clients }, client))
  const elapsedS = (performance.now() - startedMs) / 1000
  const cpu = process.cpuUsage(startedCpu)
  const transfers = latenciesMs.length * transfersPerCall
  latenciesMs.sort((a, b) => a - b)
  return {
    name,
    clients,
    tps: Math.round(transfers / elapsedS),
    p50_ms: round(percentile(latenciesMs, 0.5)),
    p99_ms: round(percentile(latenciesMs, 0.99)),
    cpu_us_per_transfer: Math.round((cpu.user + cpu.system) / Math.max(1, transfers)),
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

async function singleCall(world: World, toMerchant: boolean): Promise<void> {
  await world.ledger.createTransfer(randomTransfer(world, toMerchant))
}

async function batchCall(world: World, size: number): Promise<void> {
  const outcomes = await world.ledger.createTransfers(
    Array.from({ length: size }, () => randomTransfer(world, false)),
  )
  if (!outcomes.every((outcome) => outcome.ok)) throw new Error('batch transfer failed')
}

export async function benchLedgerServer(
  options: LedgerBenchOptions,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const scratch = await createScratchDatabase(options.serverUrl, 'lq_bench')
  const database = await openPostgres({ connectionString: scratch.url, poolMax: options.poolMax })
  const rows: BenchRow[] = []
  try {
    log(`setting up ${options.accounts} accounts in ${scratch.name}`)
    const world = await buildWorld(database, options.accounts)
    for (const clients of [2, 8, 32]) {
      rows.push(
        await measure('single', clients, options.durationS, 1, () => singleCall(world, false)),
      )
      log(JSON.stringify(rows.at(-1)))
    }
    rows.push(await measure('hot', 8, options.durationS, 1, () => singleCall(world, true)))
    log(JSON.stringify(rows.at(-1)))
    rows.push(await measure('batch100', 4, options.durationS, 100, () => batchCall(world, 100)))
    log(JSON.stringify(rows.at(-1)))
    rows.push(await measure('batch1000', 2, options.durationS, 1000, () => batchCall(world, 1000)))
    log(JSON.stringify(rows.at(-1)))
    const report = await world.ledger.check()
    if (!report.ok)
      throw new Error(`ledger check failed after the benchmark: ${report.problems.join('; ')}`)
    log(`ledger check ok: ${report.stats.transfers} transfers, ${report.stats.entries} entries`)
  } finally {
    await database.close()
    await scratch.drop()
  }
  return rows
}

export async function benchLedgerPglite(
  options: LedgerBenchOptions,
  log: (line: string) => void,
): Promise<BenchRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lq-bench-pglite-'))
  const database = await openPglite({ dataDir })
  try {
    log(`setting up ${options.accounts} accounts in PGlite (${dataDir})`)
    const world = await buildWorld(database, options.accounts)
    const row = await measure('single_pglite', 1, options.durationS, 1, () =>
      singleCall(world, false),
    )
    log(JSON.stringify(row))
    return row
  } finally {
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Stock pgbench TPC-B-like (`-i -s 10`) on the same server: "one bank transfer here". */
export async function benchPgbench(
  options: LedgerBenchOptions,
  log: (line: string) => void,
  clientCounts: readonly number[] = [2, 8, 32],
): Promise<BenchRow[]> {
  const scratch = await createScratchDatabase(options.serverUrl, 'lq_pgbench')
  const logDir = mkdtempSync(join(tmpdir(), 'lq-pgbench-'))
  const rows: BenchRow[] = []
  try {
    log(`pgbench -i -s 10 ${scratch.name}`)
    await run('pgbench', ['-i', '-s', '10', '-q', scratch.url], { maxBuffer: 16 * 1024 * 1024 })
    for (const clients of clientCounts) {
      const prefix = join(logDir, `c${clients}`)
      const { stdout } = await run(
        'pgbench',
        [
          '-c',
          String(clients),
          '-j',
          '2',
          '-T',
          String(options.durationS),
          '-l',
          `--log-prefix=${prefix}`,
          scratch.url,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      )
      const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN)
      const latenciesMs = readPgbenchLatencies(logDir, `c${clients}`)
      rows.push({
        name: 'pgbench_tpcb',
        clients,
        tps: Math.round(tps),
        p50_ms: round(percentile(latenciesMs, 0.5)),
        p99_ms: round(percentile(latenciesMs, 0.99)),
      })
      log(JSON.stringify(rows.at(-1)))
    }
  } finally {
    rmSync(logDir, { recursive: true, force: true })
    await scratch.drop()
  }
  return rows
}

/** pgbench -l lines: `client tx latency_us script epoch_s epoch_us`. */
function readPgbenchLatencies(directory: string, prefix: string): number[] {
  const latenciesMs: number[] = []
  for (const file of readdirSync(directory).filter((name) => name.startsWith(prefix))) {
    for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
      const fields = line.split(' ')
      if (fields.length >= 3) latenciesMs.push(Number(fields[2]) / 1000)
    }
  }
  return latenciesMs.sort((a, b) => a - b)
}
