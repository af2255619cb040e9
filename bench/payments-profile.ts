/**
 * Where a payment's time goes (`npm run bench -- payments-profile`): each payments row run one
 * payment at a time (no contention), with every SQL statement the server sends counted and timed
 * at the node-postgres client. Prints per payment: wall time, time waiting on the database, the
 * statement and transaction counts, and the statements sent most often. Statement counts do not
 * depend on the machine's load; the times do, so read them beside the argon2 and query times.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { hash, verify } from '@node-rs/argon2'
import { RESIDENTS } from '../demo/residents.ts'
import {
  buildWorld,
  codeNoPin,
  openBenchApp,
  orderPin,
  type PaymentCall,
  type Session,
  staticPin,
} from './payments.ts'

export interface ProfileOptions {
  serverUrl: string
  paymentsPerRow: number
}

interface Statement {
  sql: string
  ms: number
}

export interface ProfileRow {
  name: string
  payments: number
  wall_ms: number
  db_wait_ms: number
  statements: number
  transactions: number
  /** Wall time not spent waiting on the database: argon2, JSON, Fastify, the event loop. */
  outside_db_ms: number
  /** This process's CPU per payment (user + system, argon2's pool threads included). */
  node_cpu_ms: number
  /** The PostgreSQL server's CPU per payment (all its processes, Linux only). */
  postgres_cpu_ms: number
  top_statements: { sql: string; per_payment: number; ms_per_payment: number }[]
}

/**
 * CPU the local PostgreSQL server's processes have used, in ms (Linux /proc; 0 elsewhere): read
 * around a row so the database's share of a payment's CPU shows beside this process's.
 */
function postgresCpuMs(): number {
  let ticks = 0
  const pids = existsSync('/proc') ? readdirSync('/proc').filter((name) => /^\d+$/.test(name)) : []
  for (const pid of pids) {
    let stat = ''
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // the process ended meanwhile
    }
    if (!stat.includes('(postgres)')) continue
    // utime and stime, the 14th and 15th fields, in clock ticks (100 a second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks += Number(fields[11]) + Number(fields[12])
  }
  return ticks * 10
}

const recorded: Statement[] = []
let recording = false

/** Counts and times every statement at the driver; parameters are never recorded. */
function instrumentPg(): void {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown
  ;(pg.Client.prototype as { query: unknown }).query = function (
    this: unknown,
    ...args: unknown[]
  ) {
    const first = args[0]
    const sql = typeof first === 'string' ? first : String((first as { text?: string })?.text)
    const started = performance.now()
    const result = original.apply(this, args)
    if (recording && result instanceof Promise) {
      return result.finally(() => recorded.push({ sql, ms: performance.now() - started }))
    }
    return result
  }
}

/** One statement's shape: literals and placeholders folded, cut to a readable length. */
function shapeOf(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '?')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b\d+\b/g, 'N')
    .trim()
    .slice(0, 90)
}

const round = (value: number) => Math.round(value * 100) / 100

function summarise(
  name: string,
  wallMs: number[],
  statements: Statement[],
  cpuUs: number,
  postgresMs: number,
): ProfileRow {
  const payments = wallMs.length
  const dbWaitMs = statements.reduce((sum, statement) => sum + statement.ms, 0)
  const byShape = new Map<string, { count: number; ms: number }>()
  for (const statement of statements) {
    const shape = shapeOf(statement.sql)
    const entry = byShape.get(shape) ?? { count: 0, ms: 0 }
    entry.count += 1
    entry.ms += statement.ms
    byShape.set(shape, entry)
  }
  const top = [...byShape.entries()]
    .sort((a, b) => b[1].count - a[1].count || b[1].ms - a[1].ms)
    .slice(0, 12)
    .map(([sql, entry]) => ({
      sql,
      per_payment: round(entry.count / payments),
      ms_per_payment: round(entry.ms / payments),
    }))
  const wallTotal = wallMs.reduce((sum, ms) => sum + ms, 0)
  return {
    name,
    payments,
    wall_ms: round(wallTotal / payments),
    db_wait_ms: round(dbWaitMs / payments),
    statements: round(statements.length / payments),
    transactions: round(statements.filter((s) => /^\s*begin/i.test(s.sql)).length / payments),
    outside_db_ms: round((wallTotal - dbWaitMs) / payments),
    node_cpu_ms: round(cpuUs / 1000 / payments),
    postgres_cpu_ms: round(postgresMs / payments),
    top_statements: top,
  }
}

async function argon2Ms(samples: number): Promise<number> {
  const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const
  const stored = await hash('135790', options)
  const started = performance.now()
  for (let index = 0; index < samples; index++) await verify(stored, '135790')
  return round((performance.now() - started) / samples)
}

export async function profilePayments(
  options: ProfileOptions,
  log: (line: string) => void,
): Promise<{ rows: ProfileRow[]; argon2_verify_ms: number }> {
  if (RESIDENTS.length < 1) throw new Error('no demo residents')
  instrumentPg()
  const { app, scratch } = await openBenchApp(options.serverUrl, 8)
  const rows: ProfileRow[] = []
  try {
    const world = await buildWorld(app, 1, log)
    const user = world.users[0] as Session
    const calls: [string, PaymentCall][] = [
      ['order_pin', orderPin],
      ['code_nopin', codeNoPin],
      ['static_pin', staticPin],
    ]
    for (const [name, call] of calls) {
      // Warm up (JIT, prepared caches) before recording.
      for (let index = 0; index < 5; index++) await (await call(world, user))()
      const wallMs: number[] = []
      recorded.length = 0
      let cpuUs = 0
      const postgresBefore = postgresCpuMs()
      for (let index = 0; index < options.paymentsPerRow; index++) {
        const timed = await call(world, user)
        recording = true
        const started = performance.now()
        const cpuBefore = process.cpuUsage()
        await timed()
        const cpu = process.cpuUsage(cpuBefore)
        cpuUs += cpu.user + cpu.system
        wallMs.push(performance.now() - started)
        recording = false
      }
      const postgresMs = postgresCpuMs() - postgresBefore
      rows.push(summarise(name, wallMs, recorded.splice(0), cpuUs, postgresMs))
      log(`${name}: ${JSON.stringify({ ...rows.at(-1), top_statements: undefined })}`)
    }
  } finally {
    recording = false
    await app.close()
    await scratch.drop()
  }
  return { rows, argon2_verify_ms: await argon2Ms(20) }
}

export function printProfile(result: { rows: ProfileRow[]; argon2_verify_ms: number }): string {
  const lines = [
    `argon2_verify alone: ${result.argon2_verify_ms} ms`,
    '',
    'row          wall_ms  db_wait_ms  outside_db_ms  node_cpu_ms  pg_cpu_ms  statements  transactions',
  ]
  for (const row of result.rows) {
    lines.push(
      [
        row.name.padEnd(12),
        String(row.wall_ms).padStart(7),
        String(row.db_wait_ms).padStart(11),
        String(row.outside_db_ms).padStart(14),
        String(row.node_cpu_ms).padStart(12),
        String(row.postgres_cpu_ms).padStart(10),
        String(row.statements).padStart(11),
        String(row.transactions).padStart(13),
      ].join(' '),
    )
  }
  for (const row of result.rows) {
    lines.push('', `${row.name}: statements sent most often (per payment, ms per payment)`)
    for (const top of row.top_statements) {
      lines.push(
        `  ${String(top.per_payment).padStart(5)}  ${String(top.ms_per_payment).padStart(6)}  ${top.sql}`,
      )
    }
  }
  return lines.join('\n')
}
