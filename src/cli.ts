/**
 * The `lingqian` command line: serve, migrate, ledger check, ledger balance. Later modules add
 * their own subcommands to COMMANDS.
 */
import { parseArgs } from 'node:util'
import pino, { type Logger } from 'pino'
import { createApp, openDatabase } from './app.ts'
import { systemClock } from './adapters/clock/index.ts'
import { migrate } from './adapters/db/index.ts'
import { createHttpBank } from './adapters/bank/index.ts'
import { startSimulatorProcess } from './adapters/bank/index.ts'
import { demoGuideLines, seedDemoData } from './seed/demo.ts'
import { createOutboxSms } from './adapters/sms/index.ts'
import { reconcileDay } from './modules/reconciliation/index.ts'
import { shanghaiDate } from './shared/shanghai-time.ts'
import { type Config, loadConfig } from './config.ts'
import { createLedger } from './modules/ledger/index.ts'
import { formatFen } from './shared/money.ts'
import { isDomainError } from './shared/errors.ts'

type Command = (args: string[], config: Config) => Promise<number>

const USAGE = `usage: lingqian <command>
  serve [--port N] [--host H] [--dev]   run the wallet server (PORT, HOST, LQ_DATA_DIR, DATABASE_URL)
  migrate                               apply database migrations
  ledger check [--json]                 verify the ledger's invariants (exit 1 when broken)
  ledger balance <account>              show an account's balance; <account> is an id or
                                        owner_kind:owner_id:purpose (e.g. platform:platform:fees)
  sms tail [--phone P] [--limit N]      show the newest messages in the offline SMS outbox
  reconcile --date YYYY-MM-DD           compare the day's bank movements with the bank statement
                                        (BANK_URL); exit 1 when there are mismatches`

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  'ledger check': ledgerCheckCommand,
  'ledger balance': ledgerBalanceCommand,
  'sms tail': smsTailCommand,
  reconcile: reconcileCommand,
}

export async function runCli(argv: string[]): Promise<number> {
  const twoWords = argv.slice(0, 2).join(' ')
  const [name, rest] = COMMANDS[twoWords]
    ? [twoWords, argv.slice(2)]
    : [argv[0] ?? '', argv.slice(1)]
  const command = COMMANDS[name]
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`)
    return name === '' || name === '--help' || name === 'help' ? 0 : 2
  }
  try {
    return await command(rest, loadConfig())
  } catch (error) {
    process.stderr.write(
      `lingqian ${name}: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return isDomainError(error) ? 1 : 2
  }
}

/**
 * Writes `text` to stdout after every log line already logged: pino writes stdout
 * asynchronously, so a plain process.stdout.write could land before the "listening" line.
 */
function writeAfterLogs(logger: Logger, text: string): void {
  const stream = (logger as unknown as Record<symbol, { write?: unknown } | undefined>)[
    pino.symbols.streamSym
  ]
  if (typeof stream?.write === 'function') stream.write(text)
  else process.stdout.write(text)
}

async function serveCommand(args: string[], baseConfig: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, dev: { type: 'boolean' } },
  })
  const config: Config = {
    ...baseConfig,
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    dev: baseConfig.dev || values.dev === true,
  }
  // Dev mode plays the banks with the bundled simulator, in its own process and data dir.
  const simulator =
    config.dev && config.bankUrl === undefined
      ? await startSimulatorProcess({
          dataDir: config.dataDir,
          port: config.bankSimPort || config.port + 100,
        })
      : undefined
  if (simulator !== undefined) config.bankUrl = simulator.url
  const app = await createApp(config)
  if (config.dev) await seedDemoData(app)
  const sweep = setInterval(() => {
    app.ledger
      .expirePendingTransfers()
      .catch((error: unknown) => app.logger.error({ err: error }, 'expiry sweep failed'))
    app.wallet
      .resolveProcessing()
      .catch((error: unknown) => app.logger.error({ err: error }, 'bank resolver failed'))
  }, config.expirySweepIntervalMs)
  sweep.unref()
  const address = await app.server.listen({ port: config.port, host: config.host })
  app.logger.info(
    { event: 'listening', url: address, database: app.database.kind, dev: config.dev },
    'listening',
  )
  // Always, not only on a terminal: `npm start` through a pipe or a log file needs it as much.
  const guide = [
    `  零钱 Lingqian is running at http://localhost:${config.port}/`,
    `  API description: http://localhost:${config.port}/openapi.json`,
    ...(config.dev ? demoGuideLines(config.port) : []),
  ]
  writeAfterLogs(app.logger, `\n${guide.join('\n')}\n\n`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  clearInterval(sweep)
  await app.close()
  await simulator?.stop()
  return 0
}

async function migrateCommand(_args: string[], config: Config): Promise<number> {
  const database = await openDatabase(config)
  try {
    const applied = await migrate(database)
    process.stdout.write(applied.length === 0 ? 'up to date\n' : `applied ${applied.join(', ')}\n`)
    return 0
  } finally {
    await database.close()
  }
}

async function withLedger<T>(
  config: Config,
  work: (ledger: ReturnType<typeof createLedger>) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config)
  try {
    await migrate(database)
    return await work(createLedger({ database, clock: systemClock }))
  } finally {
    await database.close()
  }
}

async function ledgerCheckCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } })
  const report = await withLedger(config, (ledger) => ledger.check())
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(report)}\n`)
  } else {
    const { accounts, transfers, entries, openPending } = report.stats
    process.stdout.write(
      `checked ${accounts} accounts, ${transfers} transfers, ${entries} entries, ${openPending} open holds\n`,
    )
    for (const problem of report.problems) process.stdout.write(`PROBLEM ${problem}\n`)
    process.stdout.write(
      report.ok ? 'ledger ok\n' : `ledger BROKEN: ${report.problems.length} problems\n`,
    )
  }
  return report.ok ? 0 : 1
}

async function ledgerBalanceCommand(args: string[], config: Config): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const reference = positionals[0]
  if (reference === undefined)
    throw new Error('name an account: an id or owner_kind:owner_id:purpose')
  return withLedger(config, async (ledger) => {
    let accountId = Number(reference)
    if (!Number.isSafeInteger(accountId)) {
      const [ownerKind, ownerId, ...purpose] = reference.split(':')
      const account = await ledger.findAccount({
        ownerKind: ownerKind as 'user' | 'merchant' | 'platform',
        ownerId: ownerId ?? '',
        purpose: purpose.join(':'),
        currency: 'CNY',
      })
      if (account === undefined) throw new Error(`no account ${reference}`)
      accountId = account.id
    }
    const balance = await ledger.getBalance(accountId)
    process.stdout.write(
      `${JSON.stringify({ ...balance, posted: formatFen(balance.postedFen), available: formatFen(balance.availableFen) })}\n`,
    )
    return 0
  })
}

async function smsTailCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { phone: { type: 'string' }, limit: { type: 'string' } },
  })
  const database = await openDatabase(config)
  try {
    await migrate(database)
    const outbox = createOutboxSms(database.db, systemClock)
    const limit = Math.min(Math.max(Number(values.limit ?? 20), 1), 200)
    const messages = await outbox.list({ limit, ...(values.phone ? { phone: values.phone } : {}) })
    for (const message of messages.reverse()) {
      process.stdout.write(
        `${new Date(message.createdAtMs).toISOString()}  ${message.phone}  ${message.body}\n`,
      )
    }
    if (messages.length === 0) process.stdout.write('(no messages)\n')
    return 0
  } finally {
    await database.close()
  }
}

async function reconcileCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { date: { type: 'string' }, json: { type: 'boolean' } },
  })
  const date = values.date ?? shanghaiDate(Date.now())
  const bankUrl = config.bankUrl ?? `http://127.0.0.1:${config.bankSimPort || config.port + 100}`
  const report = await withLedger(config, (ledger) =>
    reconcileDay(
      { ledger, bank: createHttpBank({ baseUrl: bankUrl, timeoutMs: config.bankTimeoutMs }) },
      date,
    ),
  )
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(report)}\n`)
  } else {
    process.stdout.write(
      `reconciliation ${report.date}: wallet ${report.walletMovements}, bank ${report.bankMovements}, matched ${report.matched}\n`,
    )
    for (const mismatch of report.mismatches) {
      process.stdout.write(
        `MISMATCH ${mismatch.problem} ${mismatch.requestId} wallet=${mismatch.walletAmountFen ?? '-'} bank=${mismatch.bankAmountFen ?? '-'}\n`,
      )
    }
    process.stdout.write(`${report.mismatches.length} mismatches\n`)
  }
  return report.mismatches.length > 0 ? 1 : 0
}
