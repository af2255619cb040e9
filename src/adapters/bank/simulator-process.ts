/**
 * Starts the bundled bank simulator as a child process (its own process, its own state in
 * `<dataDir>/bank-sim`), for `npm start`. Resolves with its URL once it listens.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../../bank-sim/main.ts', import.meta.url))
const START_TIMEOUT_MS = 30_000

export interface SimulatorProcess {
  url: string
  stop(): Promise<void>
}

export function startSimulatorProcess(options: {
  dataDir: string
  port: number
}): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      MAIN,
      '--port',
      String(options.port),
      '--data-dir',
      join(options.dataDir, 'bank-sim'),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    },
  )
  return new Promise((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error('the bank simulator did not start in time'))
    }, START_TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the bank simulator exited (${code ?? 'signal'})`))
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const line = buffered.split('\n').find((candidate) => candidate.includes('"listening"'))
      if (line === undefined) return
      clearTimeout(timer)
      const url = String((JSON.parse(line) as { url: string }).url)
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}
