/**
 * A real `lingqian serve` process for tests that kill or outlive it, and a small HTTP client
 * that signs in through the dev SMS outbox.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { LINGQIAN_BIN } from './cli.ts'

export interface ServerProcessOptions {
  port: number
  env: NodeJS.ProcessEnv
  /** Besides /healthz answering, what "started" means (e.g. the CLI bridge file exists). */
  ready?: () => boolean
}

/** Starts `serve` and waits until it is healthy; a server that exits fails at once. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ChildProcess> {
  const { port, env, ready = () => true } = options
  const child = spawn(process.execPath, [LINGQIAN_BIN, 'serve', '--port', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  // Generous: a loaded 2-core machine has taken over 30 s to boot a server (tsx + PGlite).
  const deadlineMs = Date.now() + 150_000
  while (Date.now() < deadlineMs && child.exitCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok && ready()) return child
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start (exit code ${child.exitCode})`)
}

/** Resolves once `child` has exited (at once if it already has). */
export function processStopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  )
}

/** JSON over HTTP with a device id and, once set, a bearer token; `code` reads the dev outbox. */
export function apiClient(base: string, deviceId: string) {
  let token = ''
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-device-id': deviceId,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as Record<string, any>,
    }
  }
  const code = async (phone: string) => {
    const messages = (await call('GET', `/api/v1/dev/sms?phone=${phone}`)).body.messages as {
      body: string
    }[]
    return /验证码 (\d{6})/.exec(messages[0]?.body ?? '')?.[1] ?? ''
  }
  return {
    call,
    code,
    setToken: (value: string) => {
      token = value
    },
  }
}
