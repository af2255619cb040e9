/**
 * `npm run bench -- <suite>`: runs a benchmark suite and prints a table and JSON. Suites: ledger.
 * Env: DATABASE_URL (the PostgreSQL to measure; default the local server), LQ_BENCH_SECONDS
 * (per row, default 20), LQ_BENCH_ACCOUNTS (default 10000), LQ_DB_POOL_MAX (default 4).
 * `--rows a,b` runs only the named rows' groups (e.g. `--rows single_pglite`: no PostgreSQL rows).
 */
import {
  benchLedgerPglite,
  benchLedgerServer,
  benchPgbench,
  type LedgerBenchOptions,
} from './ledger.ts'
import { type BenchRow, printTable, writeResults } from './report.ts'
import { benchMerchantApi } from './merchant-api.ts'
import { benchPayments } from './payments.ts'
import { printProfile, profilePayments } from './payments-profile.ts'
import { benchRedPackets } from './redpackets.ts'

async function ledgerSuite(): Promise<void> {
  const options: LedgerBenchOptions = {
    serverUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    durationS: Number(process.env.LQ_BENCH_SECONDS ?? 20),
    accounts: Number(process.env.LQ_BENCH_ACCOUNTS ?? 10_000),
    poolMax: Number(process.env.LQ_DB_POOL_MAX ?? 4),
  }
  const log = (line: string) => process.stderr.write(`${line}\n`)
  log(
    `ledger benchmark: ${JSON.stringify({ ...options, serverUrl: options.serverUrl.replace(/\/\/[^@]*@/, '//…@') })}`,
  )
  const wanted = selectedRows()
  const runs = (...names: string[]) =>
    wanted === null || names.some((name) => wanted.includes(name))
  const rows: BenchRow[] = []
  if (runs('pgbench_tpcb')) rows.push(...(await benchPgbench(options, log)))
  if (runs('single', 'hot', 'batch100', 'batch1000'))
    rows.push(...(await benchLedgerServer(options, log)))
  if (runs('single_pglite'))
    rows.push(
      await benchLedgerPglite({ ...options, accounts: Math.min(options.accounts, 2_000) }, log),
    )
  const tpcb8 = rows.find((row) => row.name === 'pgbench_tpcb' && row.clients === 8)
  const ratio = (name: string, clients?: number) => {
    const row = rows.find(
      (candidate) =>
        candidate.name === name && (clients === undefined || candidate.clients === clients),
    )
    return row && tpcb8 ? Math.round((row.tps / tpcb8.tps) * 100) / 100 : null
  }
  const ratios = {
    single_c8_vs_tpcb_c8: ratio('single', 8),
    hot_vs_tpcb_c8: ratio('hot'),
    batch100_vs_tpcb_c8: ratio('batch100'),
    batch1000_vs_tpcb_c8: ratio('batch1000'),
    single_c8_p99_vs_tpcb_c8_p99:
      tpcb8 === undefined
        ? null
        : Math.round(
            ((rows.find((row) => row.name === 'single' && row.clients === 8)?.p99_ms ?? 0) /
              tpcb8.p99_ms) *
              100,
          ) / 100,
  }
  const path = writeResults('ledger', rows, {
    ratios,
    options: { ...options, serverUrl: undefined },
  })
  process.stdout.write(`${printTable(rows)}\n\nratios: ${JSON.stringify(ratios)}\n`)
  process.stdout.write(`${JSON.stringify({ suite: 'ledger', results: rows, ratios })}\n`)
  process.stderr.write(`written ${path}\n`)
}

/** The `--rows a,b` filter, or null for every row. */
function selectedRows(): string[] | null {
  const index = process.argv.indexOf('--rows')
  if (index < 0) return null
  return (process.argv[index + 1] ?? '').split(',').filter((name) => name.length > 0)
}

/** `npm run bench -- payments`; LQ_BENCH_CLIENTS=8,32,128 by default. */
async function paymentsSuite(): Promise<void> {
  const options = {
    serverUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    durationS: Number(process.env.LQ_BENCH_SECONDS ?? 20),
    poolMax: Number(process.env.LQ_DB_POOL_MAX ?? 8),
    clients: (process.env.LQ_BENCH_CLIENTS ?? '8,32,128').split(',').map(Number),
  }
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const rows = await benchPayments(options, log)
  const find = (name: string, clients: number) =>
    rows.find((row) => row.name === name && row.clients === clients)
  const ratio = (a?: BenchRow, b?: BenchRow) =>
    a && b && b.tps > 0 ? Math.round((a.tps / b.tps) * 100) / 100 : null
  const first = options.clients[0] ?? 8
  const ratios = {
    order_pin_vs_argon2_verify: ratio(find('order_pin', first), find('argon2_verify', first)),
    code_nopin_c8_vs_tpcb_c8: ratio(find('code_nopin', 8), find('pgbench_tpcb', 8)),
    code_nopin_c8_p99_ms: find('code_nopin', 8)?.p99_ms ?? null,
  }
  const path = writeResults('payments', rows, {
    ratios,
    options: { ...options, serverUrl: undefined },
  })
  process.stdout.write(`${printTable(rows)}\n\nratios: ${JSON.stringify(ratios)}\n`)
  process.stdout.write(`${JSON.stringify({ suite: 'payments', results: rows, ratios })}\n`)
  process.stderr.write(`written ${path}\n`)
}

async function redPacketsSuite(): Promise<void> {
  const options = {
    serverUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    openers: Number(process.env.LQ_BENCH_OPENERS ?? 1_000),
    shares: Number(process.env.LQ_BENCH_SHARES ?? 100),
    packets: Number(process.env.LQ_BENCH_PACKETS ?? 200),
    users: Number(process.env.LQ_BENCH_USERS ?? 2_000),
    durationS: Number(process.env.LQ_BENCH_SECONDS ?? 10),
  }
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const { rows, trace } = await benchRedPackets(options, log)
  const find = (name: string) => rows.find((row) => row.name === name)
  const ratio = (a?: BenchRow, b?: BenchRow) =>
    a && b && b.tps > 0 ? Math.round((a.tps / b.tps) * 100) / 100 : null
  const ratios = {
    storm_many_vs_tpcb_c8: ratio(find('storm_many'), find('pgbench_tpcb')),
    transfer_vs_argon2_verify: ratio(find('transfer'), find('argon2_verify')),
  }
  const path = writeResults('redpackets', rows, {
    ratios,
    open_trace: trace,
    options: { ...options, serverUrl: undefined },
  })
  const storms = rows
    .filter((row) => row.name.startsWith('storm_'))
    .map((row) => JSON.stringify(row))
    .join('\n')
  const traceLines = (['won', 'empty'] as const)
    .map((kind) => {
      const line = trace[kind]
      const phases = line.phases.map(
        (phase) => `${phase.phase} ${phase.round_trips}×/${phase.ms}ms`,
      )
      return `${kind}: ${line.round_trips} round trips, ${line.wall_ms} ms (${phases.join(', ')})`
    })
    .join('\n')
  process.stdout.write(
    `${printTable(rows)}\n\n${storms}\n\nopen_trace (one at a time):\n${traceLines}\n\nratios: ${JSON.stringify(ratios)}\n`,
  )
  process.stdout.write(`${JSON.stringify({ suite: 'redpackets', results: rows, ratios })}\n`)
  process.stderr.write(`written ${path}\n`)
}

/** `npm run bench -- payments-profile`: where one payment's time goes (LQ_BENCH_PAYMENTS=200). */
async function paymentsProfileSuite(): Promise<void> {
  const options = {
    serverUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    paymentsPerRow: Number(process.env.LQ_BENCH_PAYMENTS ?? 200),
  }
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const result = await profilePayments(options, log)
  const path = writeResults('payments-profile', [], { profile: result })
  process.stdout.write(`${printProfile(result)}\n`)
  process.stdout.write(`${JSON.stringify({ suite: 'payments-profile', ...result })}\n`)
  process.stderr.write(`written ${path}\n`)
}

/** `npm run bench -- merchant-api`; LQ_BENCH_CLIENTS=8,32 by default. */
async function merchantApiSuite(): Promise<void> {
  const options = {
    serverUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    durationS: Number(process.env.LQ_BENCH_SECONDS ?? 15),
    clients: (process.env.LQ_BENCH_CLIENTS ?? '8,32').split(',').map(Number),
    merchants: Number(process.env.LQ_BENCH_MERCHANTS ?? 8),
  }
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const rows = await benchMerchantApi(options, log)
  const find = (name: string, clients?: number) =>
    rows.find((row) => row.name === name && (clients === undefined || row.clients === clients))
  const ratio = (a?: BenchRow, b?: BenchRow) =>
    a && b && b.tps > 0 ? Math.round((a.tps / b.tps) * 100) / 100 : null
  const ratios: Record<string, number | null> = {}
  for (const clients of options.clients) {
    const native = find('native_order', clients)
    ratios[`native_c${clients}_vs_http_baseline_c${clients}`] = ratio(
      native,
      find('http_baseline', clients),
    )
    ratios[`native_c${clients}_vs_rsa_baseline`] = ratio(native, find('rsa_baseline'))
  }
  const path = writeResults('merchant-api', rows, {
    ratios,
    targets: { vs_http_baseline: 0.25, vs_rsa_baseline: 0.8 },
    options: { ...options, serverUrl: undefined },
  })
  process.stdout.write(`${printTable(rows)}\n\nratios: ${JSON.stringify(ratios)}\n`)
  process.stdout.write(`${JSON.stringify({ suite: 'merchant-api', results: rows, ratios })}\n`)
  process.stderr.write(`written ${path}\n`)
}

const SUITES: Record<string, () => Promise<void>> = {
  'merchant-api': merchantApiSuite,
  ledger: ledgerSuite,
  payments: paymentsSuite,
  'payments-profile': paymentsProfileSuite,
  redpackets: redPacketsSuite,
}

const suite = process.argv[2] ?? 'ledger'
const runSuite = SUITES[suite]
if (runSuite === undefined) {
  process.stderr.write(`unknown suite ${suite}; known: ${Object.keys(SUITES).join(', ')}\n`)
  process.exitCode = 2
} else {
  await runSuite()
}
