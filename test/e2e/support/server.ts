import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CLI_PATH, REPO_ROOT, WEB_DIST_INDEX } from './paths.ts'

export const SERVER_START_TIMEOUT_MS = 60_000
const HEALTH_POLL_INTERVAL_MS = 200
const HEALTH_REQUEST_TIMEOUT_MS = 2_000
const STOP_GRACE_MS = 10_000
// Enough of the server's output to explain a failed start, without keeping a whole log.
const OUTPUT_TAIL_CHARS_MAX = 8_000

export interface RunningServer {
  baseUrl: string
  /** The server's LQ_DATA_DIR (a CLI beside it uses it); unset for LQ_E2E_BASE_URL servers. */
  dataDir?: string
  /** Kills the server and removes its data dir. Safe to call twice. */
  stop: () => Promise<void>
}

/** Asks the OS for a free port. Another process could take it before the server binds; rare. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port)
        else reject(new Error('findFreePort: no port assigned'))
      })
    })
  })
}

function captureOutput(child: ChildProcess): () => string {
  let tail = ''
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS_MAX)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  return () => tail
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, {
      signal: AbortSignal.timeout(HEALTH_REQUEST_TIMEOUT_MS),
    })
    return response.status === 200
  } catch {
    return false
  }
}

async function waitUntilHealthy(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadlineMs = Date.now() + SERVER_START_TIMEOUT_MS
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const exit = child.exitCode ?? child.signalCode
      throw new Error(`lingqian serve exited (${exit}) before /healthz answered:\n${output()}`)
    }
    if (await isHealthy(baseUrl)) return
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_INTERVAL_MS))
  }
  throw new Error(
    `lingqian serve: /healthz not 200 within ${SERVER_START_TIMEOUT_MS} ms:\n${output()}`,
  )
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}

/**
 * Starts `node bin/lingqian.js serve` on a free port with a fresh data dir and waits for
 * `/healthz`. DATABASE_URL passes through from the environment (PostgreSQL in CI), otherwise
 * the server uses embedded PGlite in the temp dir.
 *
 * @example
 * const server = await startServer()
 * try { await fetch(`${server.baseUrl}/readyz`) } finally { await server.stop() }
 */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(CLI_PATH)) throw new Error(`startServer: ${CLI_PATH} does not exist`)
  if (!existsSync(WEB_DIST_INDEX)) {
    throw new Error(`startServer: ${WEB_DIST_INDEX} is missing; run \`npm run build:web\` first`)
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lq-e2e-'))
  const port = await findFreePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, LQ_DATA_DIR: dataDir, LQ_DEV: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = captureOutput(child)

  let stopped = false
  const stop = async (): Promise<void> => {
    if (stopped) return
    stopped = true
    await killAndWait(child)
    await rm(dataDir, { recursive: true, force: true })
  }

  try {
    await waitUntilHealthy(baseUrl, child, output)
  } catch (error) {
    await stop()
    throw error
  }
  return { baseUrl, stop, dataDir }
}

/**
 * `startServer()`, unless LQ_E2E_BASE_URL points at a server that is already running (handy
 * while debugging a page against `npm start`); that server is left running afterwards.
 */
export async function connectServer(): Promise<RunningServer> {
  const existing = process.env.LQ_E2E_BASE_URL
  if (existing === undefined || existing === '') return startServer()
  const baseUrl = existing.replace(/\/+$/, '')
  if (!(await isHealthy(baseUrl))) throw new Error(`connectServer: ${baseUrl}/healthz is not 200`)
  return { baseUrl, stop: async () => {} }
}
