import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { CARD, cardNumberOf, temporaryDataDir } from './test-support.ts'

const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url))
const START_TIMEOUT_MS = 20_000
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

/** Starts `node --import tsx bank-sim/main.ts …` and resolves with its listening URL. */
function startCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{
  child: ChildProcess
  url: string
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bank-sim/main.ts', ...args], {
    cwd: PROJECT_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const fail = (): void => reject(new Error(`no listening line; stderr: ${stderr}`))
    const timer = setTimeout(fail, START_TIMEOUT_MS)
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const newline = stdout.indexOf('\n')
      if (newline === -1) return
      clearTimeout(timer)
      const line = JSON.parse(stdout.slice(0, newline)) as { event: string; url: string }
      expect(line.event).toBe('listening')
      resolve({ child, url: line.url })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${String(code)}; stderr: ${stderr}`))
    })
  })
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

const postJson = async (url: string, body: unknown) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('bank-sim/main.ts', () => {
  it('keeps its books across kill -9 when given a data dir', async () => {
    const { dataDir, remove } = temporaryDataDir()
    try {
      const cardNumber = cardNumberOf(CARD.zhangWeiIcbcDebit)
      const first = await startCli(['--port', '0', '--data-dir', dataDir])
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const debit = { requestId: 'cli-1', cardNumber, amountFen: 4_200, purpose: 'TOPUP' }
      expect((await postJson(`${first.url}/v1/debits`, debit)).status).toBe(200)
      first.child.kill('SIGKILL')
      await exitCode(first.child)

      // The environment variable works as well as the flag.
      const second = await startCli(['--port', '0'], { BANK_SIM_DATA_DIR: dataDir })
      const stored = await fetch(`${second.url}/v1/requests/cli-1`)
      expect(stored.status).toBe(200)
      const card = await fetch(`${second.url}/admin/cards/${cardNumber}`)
      expect(await card.json()).toMatchObject({ balanceFen: 5_000_000 - 4_200 })
      second.child.kill('SIGTERM')
      expect(await exitCode(second.child)).toBe(0)
    } finally {
      remove()
    }
  })

  it('exits non-zero with a JSON line for a bad port', async () => {
    await expect(startCli(['--port', '70000'])).rejects.toThrow(/exited with 1.*--port/s)
  })
})
