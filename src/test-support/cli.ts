/**
 * Running `lingqian` as a real process in tests: a data directory of its own (PGlite) or a
 * scratch database on the server in DATABASE_URL, created before the file's tests and removed
 * after them.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll } from 'vitest'
import { createScratchDatabase } from './database.ts'

const run = promisify(execFile)
export const LINGQIAN_BIN = new URL('../../bin/lingqian.js', import.meta.url).pathname

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Registers the hooks; the returned function gives the environment the commands run in. */
export function useCliEnvironment(name: string): () => NodeJS.ProcessEnv {
  let env: NodeJS.ProcessEnv | undefined
  let cleanup: () => Promise<void> = async () => undefined
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `${name.replaceAll('_', '-')}-`))
    const serverUrl = process.env.DATABASE_URL
    if (serverUrl) {
      const scratch = await createScratchDatabase(serverUrl, name)
      env = { ...process.env, DATABASE_URL: scratch.url, LQ_DATA_DIR: dataDir }
      cleanup = async () => {
        await scratch.drop()
        rmSync(dataDir, { recursive: true, force: true })
      }
    } else {
      env = { ...process.env, DATABASE_URL: '', LQ_DATA_DIR: dataDir }
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true })
    }
  })
  afterAll(async () => {
    await cleanup()
  })
  return () => {
    if (env === undefined) throw new Error('beforeAll did not finish')
    return env
  }
}

/** Runs `lingqian args…` in `env`; a non-zero exit is returned, not thrown. */
export async function runLingqian(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [LINGQIAN_BIN, ...args], { env })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as CliRun
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}
