/** Benchmark result rows, percentiles, and the table + JSON every suite prints. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'

export interface BenchRow {
  name: string
  clients: number
  tps: number
  p50_ms: number
  p99_ms: number
  /**
   * This process's CPU time (user + system) per transfer during the row: for single_pglite the
   * database's too (PGlite runs in process), for the PostgreSQL rows the client side only. Less
   * sensitive to a loaded machine than tps.
   */
  cpu_us_per_transfer?: number
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))
  return sorted[index] as number
}

export function printTable(rows: BenchRow[]): string {
  const header = ['name', 'clients', 'tps', 'p50_ms', 'p99_ms', 'cpu_us_per_transfer']
  const lines = [
    header,
    ...rows.map((row) =>
      [row.name, row.clients, row.tps, row.p50_ms, row.p99_ms, row.cpu_us_per_transfer ?? ''].map(
        String,
      ),
    ),
  ]
  const widths = header.map((_, column) =>
    Math.max(...lines.map((line) => (line[column] as string).length)),
  )
  return lines
    .map((line) =>
      line
        .map((cell, column) =>
          column === 0
            ? cell.padEnd(widths[column] as number)
            : cell.padStart(widths[column] as number),
        )
        .join('  '),
    )
    .join('\n')
}

export function writeResults(
  suite: string,
  rows: BenchRow[],
  extra: Record<string, unknown>,
): string {
  const directory = new URL('./results/', import.meta.url).pathname
  mkdirSync(directory, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const path = join(directory, `${suite}-${stamp}.json`)
  const document = {
    suite,
    results: rows,
    ...extra,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      loadavg: loadavg(),
      node: process.version,
    },
    at: new Date().toISOString(),
  }
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`)
  return path
}
