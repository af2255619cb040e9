/**
 * The bank `reconcile` asks when it opens the database itself: BANK_URL when set; otherwise the
 * bundled simulator — the running server's (cli.json names it), one already listening on the
 * default port, or, in demo mode with no server running, one started for this command.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  type BankConnector,
  BankUnreachableError,
  createHttpBank,
  startSimulatorProcess,
} from '../adapters/bank/index.ts'
import type { Config } from '../config.ts'
import { CommandFailure } from './failure.ts'
import { findRunningServer } from './running-server.ts'

const PROBE_TIMEOUT_MS = 2_000

/** Where the server looks for the bank when BANK_URL is unset (as createApp wires it). */
export function defaultBankUrl(config: Config): string {
  return config.bankUrl ?? `http://127.0.0.1:${config.bankSimPort || config.port + 100}`
}

/** What to tell an operator whose bank did not answer. */
export function bankUnreachableMessage(error: BankUnreachableError): string {
  const why = error.status === undefined ? error.reason : `status ${error.status}`
  return (
    `could not reach the bank at ${error.url} (${why}). In demo mode start the wallet with ` +
    '`npm start` (it runs the bank simulator; with the server stopped this command starts one); ' +
    "otherwise set BANK_URL to your bank connector's address."
  )
}

/** Demo mode, or a data directory the bundled simulator has kept books in. */
function isDemo(config: Config): boolean {
  return config.dev || existsSync(join(config.dataDir, 'bank-sim'))
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    })
    return response.ok
  } catch {
    return false
  }
}

/** The bank for one command; a simulator started for it is stopped by `stops` at the end. */
export async function openCommandBank(
  config: Config,
  stops: (() => Promise<void>)[],
): Promise<BankConnector> {
  const connect = (baseUrl: string) => createHttpBank({ baseUrl, timeoutMs: config.bankTimeoutMs })
  if (config.bankUrl !== undefined) return connect(config.bankUrl)
  const running = findRunningServer(config.dataDir)
  const url = running?.bankUrl ?? defaultBankUrl(config)
  if (await answers(url)) return connect(url)
  // Never a second simulator beside a running server's: both would write its books.
  if (running !== undefined || !isDemo(config))
    throw new CommandFailure(bankUnreachableMessage(new BankUnreachableError(url, 'network')), 2)
  const simulator = await startSimulatorProcess({ dataDir: config.dataDir, port: 0 })
  stops.push(() => simulator.stop())
  return connect(simulator.url)
}
