import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { type DatabaseHandle, parseInt8 } from './db.ts'

const INT8_OID = 20

export interface PgliteOptions {
  /** A data directory; omit for an in-memory database. */
  dataDir?: string
  /** A `dumpDataDir()` tarball to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob
}

export interface PgliteHandle extends DatabaseHandle {
  /** The tarball of the whole database, for cloning (`loadDataDir`). */
  dumpDataDir(): Promise<Blob>
}

export async function openPglite(options: PgliteOptions): Promise<PgliteHandle> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true })
  const pglite = await PGlite.create({
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8_OID]: parseInt8 },
  })
  const db = new Kysely({ dialect: new PGliteDialect(pglite) })
  return {
    kind: 'pglite',
    db,
    async execScript(script) {
      await pglite.exec(script)
    },
    async withSession(work) {
      // PGlite has exactly one connection: every call is already the same session.
      return work(async (script) => {
        await pglite.exec(script)
      })
    },
    async dumpDataDir() {
      const dump = await pglite.dumpDataDir('none')
      return dump
    },
    async close() {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}
