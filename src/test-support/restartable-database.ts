/**
 * A test database that can be closed and opened again on the same data — a restart: a PGlite
 * data directory (started from the migrated template), or one scratch database on the
 * PostgreSQL server in DATABASE_URL, each `open()` a new connection pool (a new process).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import {
  createScratchDatabase,
  type DatabaseHandle,
  migrate,
  openPglite,
  openPostgres,
} from '../adapters/db/index.ts'

export interface RestartableDatabase {
  /** Opens (again) on the same data. PGlite: one handle open at a time. */
  open(): Promise<DatabaseHandle>
  /** True when two handles may be open at once (two processes on one PostgreSQL). */
  readonly sharedByProcesses: boolean
  /** Removes the data; close every handle first. */
  dispose(): Promise<void>
}

export async function createRestartableDatabase(): Promise<RestartableDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, 'lq_restart')
    return {
      sharedByProcesses: true,
      async open() {
        const handle = await openPostgres({ connectionString: scratch.url, poolMax: 4 })
        await migrate(handle)
        return handle
      },
      dispose: () => scratch.drop(),
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'lq-restart-'))
  let opened = false
  return {
    sharedByProcesses: false,
    async open() {
      const template = opened ? undefined : new Blob([readFileSync(inject('pgliteTemplatePath'))])
      opened = true
      const handle = await openPglite({ dataDir, ...(template ? { loadDataDir: template } : {}) })
      await migrate(handle)
      return handle
    },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
