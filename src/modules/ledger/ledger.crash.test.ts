/**
 * Crash safety: a child process writes transfers and is killed with SIGKILL mid-run. After a
 * restart the books must balance and every transfer it had acknowledged must be there, once.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { type DatabaseHandle, openPglite, openPostgres } from '../../adapters/db/index.ts'
import { createScratchDatabase, testDatabaseKind } from '../../test-support/database.ts'
import { createLedger } from './index.ts'

const CHILD = fileURLToPath(new URL('../../test-support/ledger-crash-child.ts', import.meta.url))
const ACKS_BEFORE_KILL_MIN = 150

interface ChildRun {
  acked: Map<string, number>
}

function runChildUntilKilled(env: NodeJS.ProcessEnv): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acked = new Map<string, number>()
    let buffered = ''
    let stderr = ''
    // Kill at a random point after enough acknowledgements, mid-stream of writes.
    const killAfter = ACKS_BEFORE_KILL_MIN + Math.floor(Math.random() * 100)
    const timeout = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`child did not reach ${killAfter} acks in time: ${stderr}`))
    }, 90_000)
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [tag, key, id] = line.split(' ')
        if (tag === 'ACK' && key !== undefined) acked.set(key, Number(id))
      }
      if (acked.size >= killAfter && child.exitCode === null && !child.killed) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('exit', (_code, signal) => {
      clearTimeout(timeout)
      if (signal === 'SIGKILL') resolve({ acked })
      else reject(new Error(`child exited without being killed: ${stderr}`))
    })
  })
}

async function verifyAfterRestart(database: DatabaseHandle, run: ChildRun): Promise<void> {
  const ledger = createLedger({ database, clock: new ManualClock() })
  const report = await ledger.check()
  expect(report.problems).toEqual([])
  expect(run.acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL_MIN)
  for (const [key, transferId] of run.acked) {
    const transfer = await ledger.findTransferByKey(key)
    expect(transfer?.id, key).toBe(transferId)
  }
  // Each committed transfer credited the payee exactly once: balance = 101 × transfers stored.
  const payee = await ledger.findAccount({
    ownerKind: 'user',
    ownerId: 'crash-payee',
    purpose: 'balance',
    currency: 'CNY',
  })
  expect(payee).toBeDefined()
  const balance = await ledger.getBalance(payee?.id as number)
  const stored = report.stats.transfers
  expect(balance.postedFen).toBe(stored * 101)
  expect(stored).toBeGreaterThanOrEqual(run.acked.size)
}

describe(`crash safety on ${testDatabaseKind()}`, () => {
  it('keeps every acknowledged transfer exactly once after SIGKILL', async () => {
    const serverUrl = process.env.DATABASE_URL
    if (serverUrl) {
      const scratch = await createScratchDatabase(serverUrl, 'lq_crash')
      try {
        const run = await runChildUntilKilled({ DATABASE_URL: scratch.url })
        const database = await openPostgres({ connectionString: scratch.url, poolMax: 2 })
        await verifyAfterRestart(database, run).finally(() => database.close())
      } finally {
        await scratch.drop()
      }
      return
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'lq-crash-'))
    try {
      const run = await runChildUntilKilled({ LQ_CRASH_DATA_DIR: dataDir, DATABASE_URL: '' })
      const database = await openPglite({ dataDir })
      await verifyAfterRestart(database, run).finally(() => database.close())
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
