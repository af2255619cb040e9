/**
 * A fresh, migrated database for each test file: a PGlite clone of the template by default, or
 * a new database on the PostgreSQL server in DATABASE_URL (dropped afterwards), so test files
 * and CI runs never see each other's rows.
 */
import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import {
  createScratchDatabase,
  type DatabaseHandle,
  migrate,
  openPglite,
  openPostgres,
} from '../adapters/db/index.ts'

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite'
}

export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const template = readFileSync(inject('pgliteTemplatePath'))
    return openPglite({ loadDataDir: new Blob([template]) })
  }
  const { url: databaseUrl, drop } = await createScratchDatabase(url, 'lq_test')
  const handle = await openPostgres({ connectionString: databaseUrl, poolMax: 8 })
  await migrate(handle)
  return {
    ...handle,
    async close() {
      await handle.close()
      await drop()
    },
  }
}

export { createScratchDatabase }
