/**
 * Builds one migrated PGlite database per migration set and keeps its dump in the temp dir.
 * A first PGlite start costs seconds (initdb + WASM compile); loading a dump costs about half a
 * second, so every test file starts from the dump instead (stack.md §A1).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import {
  loadMigrations,
  loadRepeatableMigrations,
  migrate,
  openPglite,
} from '../adapters/db/index.ts'

export default async function setup(project: TestProject): Promise<void> {
  if (process.env.DATABASE_URL) return
  const migrations = loadMigrations()
  // Repeatable function files count too (their checksums are over the substituted text, so a
  // changed limit or SQLSTATE also builds a new template).
  const repeatables = loadRepeatableMigrations()
  const fingerprint = createHash('sha256')
    .update(
      [...migrations, ...repeatables.map((r) => ({ ...r, checksum: `f:${r.checksum}` }))]
        .map((migration) => migration.checksum)
        .join(','),
    )
    .digest('hex')
    .slice(0, 16)
  const directory = join(tmpdir(), 'lingqian-test')
  mkdirSync(directory, { recursive: true })
  const templatePath = join(directory, `pglite-template-${fingerprint}.tar`)
  if (!existsSync(templatePath)) {
    const handle = await openPglite({})
    await migrate(handle, migrations, repeatables)
    const dump = await handle.dumpDataDir()
    await handle.close()
    const partialPath = `${templatePath}.${process.pid}.partial`
    writeFileSync(partialPath, Buffer.from(await dump.arrayBuffer()))
    renameSync(partialPath, templatePath)
  }
  project.provide('pgliteTemplatePath', templatePath)
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string
  }
}
