/**
 * @module main
 * Runs the bank simulator as its own process:
 *
 *   node --import tsx bank-sim/main.ts --port 3100 [--host 127.0.0.1] [--data-dir DIR]
 *
 * Environment: PORT, BANK_SIM_HOST, BANK_SIM_DATA_DIR, BANK_SIM_HANG_MS, LOG_LEVEL (flags win).
 * Prints one JSON line to stdout when ready, `{"event":"listening","url":"http://127.0.0.1:3100"}`;
 * logs go to stderr as JSON. Without a data dir the books are in memory and die with the process.
 */
import { parseArgs } from 'node:util'
import { HANG_MS_DEFAULT, buildBankSimulator } from './server.ts'

const PORT_DEFAULT = 3100

function parseOptions(argv: readonly string[]): {
  host: string
  port: number
  dataDir: string | undefined
  hangMs: number
  logLevel: string
} {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'hang-ms': { type: 'string' },
    },
    strict: true,
  })
  const port = Number(values.port ?? process.env.PORT ?? PORT_DEFAULT)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be 0–65535, got ${String(values.port ?? process.env.PORT)}`)
  }
  const hangMs = Number(values['hang-ms'] ?? process.env.BANK_SIM_HANG_MS ?? HANG_MS_DEFAULT)
  if (!Number.isSafeInteger(hangMs) || hangMs < 0) throw new Error('--hang-ms must be ≥ 0')
  const dataDir = values['data-dir'] ?? process.env.BANK_SIM_DATA_DIR
  return {
    host: values.host ?? process.env.BANK_SIM_HOST ?? '127.0.0.1',
    port,
    dataDir: dataDir === '' ? undefined : dataDir,
    hangMs,
    logLevel: process.env.LOG_LEVEL ?? 'info',
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const app = buildBankSimulator({
    dataDir: options.dataDir,
    hangMs: options.hangMs,
    logger: { level: options.logLevel, stream: process.stderr },
  })
  await app.listen({ host: options.host, port: options.port })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: `http://${host}:${address.port}` })}\n`,
  )
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'bank simulator stopping')
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'bank simulator failed to close')
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ event: 'failed', error: String(error) })}\n`)
  process.exit(1)
})
