/**
 * A fresh, migrated database for each test file: a PGlite clone of the template by default, or
 * a new database on the PostgreSQL server in DATABASE_URL (dropped afterwards), so test files
 * and CI runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import {
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
  const { url: databaseUrl, drop } = await createScratchDatabase(url)
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

/** Creates `lq_test_<random>` next to the database in `serverUrl`; returns its URL and a dropper. */
export async function createScratchDatabase(
  serverUrl: string,
  prefix = 'lq_test',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await dropper.end()
      }
    },
  }
}
