/**
 * The `lingqian` command line: serve, and the database commands of cli/commands.ts. A database
 * command opens the database itself, or — while a server runs on the embedded database, which
 * admits one process — asks that server through its CLI bridge; the same printer either way.
 */
import { parseArgs } from 'node:util'
import pino, { type Logger } from 'pino'
import { createApp } from './app.ts'
import { startSimulatorProcess } from './adapters/bank/index.ts'
import { demoGuideLines, seedDemoData } from './seed/demo.ts'
import { type Config, loadConfig } from './config.ts'
import { startCliBridge } from './cli/bridge-server.ts'
import { DATABASE_COMMANDS, parseCommandArgs } from './cli/commands.ts'
import { runDirect } from './cli/direct.ts'
import { describeFailure } from './cli/failure.ts'
import { asksForHelp, commandHelp, USAGE } from './cli/help.ts'
import { callBridge, serverHoldingDatabase } from './cli/running-server.ts'

export async function runCli(argv: string[]): Promise<number> {
  const twoWords = argv.slice(0, 2).join(' ')
  const [name, rest] =
    commandHelp(twoWords) !== undefined ? [twoWords, argv.slice(2)] : [argv[0] ?? '', argv.slice(1)]
  const help = commandHelp(name)
  if (help === undefined) {
    const wantsUsage = name === '' || name === 'help' || asksForHelp([name, ...rest])
    ;(wantsUsage ? process.stdout : process.stderr).write(`${USAGE}\n`)
    return wantsUsage ? 0 : 2
  }
  if (asksForHelp(rest)) {
    process.stdout.write(`${help}\n`)
    return 0
  }
  try {
    const config = loadConfig()
    if (name === 'serve') return await serveCommand(rest, config)
    return await databaseCommand(name, rest, config)
  } catch (error) {
    const { message, exitCode } = describeFailure(error)
    const hint = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    process.stderr.write(
      `lingqian ${name}: ${message}${hint ? ` (see lingqian ${name} --help)` : ''}\n`,
    )
    return exitCode
  }
}

/** Computes the result here or in the running server, then prints it here. */
async function databaseCommand(name: string, args: string[], config: Config): Promise<number> {
  const command = DATABASE_COMMANDS[name]
  if (command === undefined) throw new Error(`no command ${name}`)
  parseCommandArgs(command, args)
  const server = serverHoldingDatabase(config)
  const result =
    server === undefined
      ? await runDirect(config, command, args)
      : await callBridge(server, name, args)
  return command.print(result, args)
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
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dev: { type: 'boolean' },
      sandbox: { type: 'boolean' },
    },
  })
  const config: Config = {
    ...baseConfig,
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    dev: baseConfig.dev || values.dev === true,
    sandbox: baseConfig.sandbox || values.sandbox === true,
  }
  // The default public URL (QR codes carry it) follows a --port given here, not only LQ_PORT.
  if (values.port !== undefined && !process.env.LQ_PUBLIC_URL) {
    config.publicUrl = `http://localhost:${config.port}`
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
  const demoPayLines = config.dev ? await seedDemoData(app) : []
  const address = await app.server.listen({ port: config.port, host: config.host })
  app.logger.info(
    { event: 'listening', url: address, database: app.database.kind, dev: config.dev },
    'listening',
  )
  const bridge = await startCliBridge(app)
  // Always, not only on a terminal: `npm start` through a pipe or a log file needs it as much.
  const guide = [
    `  零钱 Lingqian is running at http://localhost:${config.port}/`,
    `  API description: http://localhost:${config.port}/openapi.json`,
    ...(config.dev ? demoGuideLines(config.port) : []),
    ...demoPayLines,
  ]
  writeAfterLogs(app.logger, `\n${guide.join('\n')}\n\n`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await bridge.close()
  await app.close()
  await simulator?.stop()
  return 0
}
