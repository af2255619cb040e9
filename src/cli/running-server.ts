/**
 * The running server, as the CLI finds it: `serve` writes `LQ_DATA_DIR/cli.json` (mode 0600) with
 * the loopback address of its CLI bridge, a random token, its pid and its bank's URL, and removes
 * it on close. A file naming a dead process is left over from a crash and ignored.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { dataDirLockHolder } from '../adapters/db/index.ts'
import type { Config } from '../config.ts'
import { CommandFailure } from './failure.ts'

export interface RunningServer {
  /** The CLI bridge, on 127.0.0.1. */
  url: string
  token: string
  pid: number
  /** The bank the server talks to (in demo mode its simulator). */
  bankUrl: string | undefined
}

export function cliFilePath(dataDir: string): string {
  return join(dataDir, 'cli.json')
}

/** Written whole or not at all (rename), readable only by the owner: it holds the token. */
export function writeCliFile(dataDir: string, server: RunningServer): void {
  const path = cliFilePath(dataDir)
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(server), { mode: 0o600 })
  renameSync(temporary, path)
}

/** Removes the file if it still names this process (another server may have replaced it). */
export function removeCliFile(dataDir: string): void {
  if (readCliFile(dataDir)?.pid === process.pid) rmSync(cliFilePath(dataDir), { force: true })
}

function readCliFile(dataDir: string): RunningServer | undefined {
  try {
    const parsed = JSON.parse(readFileSync(cliFilePath(dataDir), 'utf8')) as Partial<RunningServer>
    if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string') return undefined
    if (!Number.isSafeInteger(parsed.pid)) return undefined
    const bankUrl = typeof parsed.bankUrl === 'string' ? parsed.bankUrl : undefined
    return { url: parsed.url, token: parsed.token, pid: parsed.pid as number, bankUrl }
  } catch {
    return undefined
  }
}

/** A server that is running on this data directory (its pid is alive), or undefined. */
export function findRunningServer(dataDir: string): RunningServer | undefined {
  const server = readCliFile(dataDir)
  if (server === undefined || server.pid === process.pid) return undefined
  try {
    process.kill(server.pid, 0)
    return server
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? server : undefined
  }
}

/**
 * The server to ask instead of opening the database: only on the embedded database (PostgreSQL
 * serves many processes) and only when the process holding `./data` is that server. The
 * directory is the one openDatabase locks.
 */
export function serverHoldingDatabase(config: Config): RunningServer | undefined {
  if (config.databaseUrl !== undefined) return undefined
  const holder = dataDirLockHolder(join(config.dataDir, 'pglite'))
  if (holder === undefined) return undefined
  const server = findRunningServer(config.dataDir)
  return server?.pid === holder ? server : undefined
}

/** Runs a command in the server through its CLI bridge; the result object it computed. */
export async function callBridge(
  server: RunningServer,
  name: string,
  args: string[],
): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(`${server.url}/api/v1/cli/${name.replace(' ', '-')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ args }),
    })
  } catch (error) {
    throw new CommandFailure(
      `the server (process ${server.pid}) holds the database but its CLI bridge at ${server.url} ` +
        `did not answer (${error instanceof Error ? error.message : String(error)}); try again, or stop the server`,
      2,
    )
  }
  const body = (await response.json().catch(() => ({}))) as {
    result?: unknown
    failure?: { message: string; exitCode: number }
  }
  if (response.status === 200 && 'result' in body) return body.result
  if (body.failure !== undefined)
    throw new CommandFailure(body.failure.message, body.failure.exitCode)
  throw new CommandFailure(
    `the server (process ${server.pid}) refused the CLI bridge call (status ${response.status})`,
    2,
  )
}
