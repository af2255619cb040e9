/**
 * @module migrate
 * Applies `migrations/NNNN_name.sql` in order, once each, recording a checksum so an edited
 * migration that was already applied is refused instead of silently diverging. Then applies the
 * repeatable files `migrations/functions/name.sql` (one current body per function, written with
 * `CREATE OR REPLACE`), each again whenever its checksum changes, recorded in
 * `schema_repeatable_migrations`.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { DatabaseHandle } from './db.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url))
export const REPEATABLE_DIR = fileURLToPath(
  new URL('../../../migrations/functions/', import.meta.url),
)

export interface Migration {
  version: string
  script: string
  checksum: string
}

export function loadMigrations(directory: string = MIGRATIONS_DIR): Migration[] {
  return loadFiles(directory, /^\d{4}_[a-z0-9_]+\.sql$/)
}

/** Repeatable migrations, by file name; `version` is the name without `.sql`. */
export function loadRepeatableMigrations(directory: string = REPEATABLE_DIR): Migration[] {
  if (!existsSync(directory)) return []
  return loadFiles(directory, /^[a-z0-9_]+\.sql$/)
}

function loadFiles(directory: string, pattern: RegExp): Migration[] {
  return readdirSync(directory)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => {
      const script = readFileSync(directory + name, 'utf8')
      const checksum = createHash('sha256').update(script).digest('hex')
      return { version: name.replace(/\.sql$/, ''), script, checksum }
    })
}

/** A fixed advisory-lock key so two processes never migrate the same database at once. */
const MIGRATION_LOCK_KEY = 727_001

export async function migrate(
  handle: DatabaseHandle,
  migrations = loadMigrations(),
  repeatables = loadRepeatableMigrations(),
): Promise<string[]> {
  return handle.withSession(async (execScript) => {
    await execScript(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`)
    try {
      await execScript(`
        CREATE TABLE IF NOT EXISTS schema_migrations (
          version text PRIMARY KEY,
          checksum text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`)
      const applied = await appliedMigrations(handle)
      const newlyApplied: string[] = []
      for (const migration of migrations) {
        const checksum = applied.get(migration.version)
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new Error(`migration ${migration.version} was edited after it was applied`)
          }
          continue
        }
        // One transaction per migration: a failing script leaves no half-applied schema.
        await execScript(
          `BEGIN;\n${migration.script}\n;INSERT INTO schema_migrations (version, checksum) ` +
            `VALUES ('${migration.version}', '${migration.checksum}');\nCOMMIT;`,
        )
        newlyApplied.push(migration.version)
      }
      newlyApplied.push(...(await applyRepeatables(handle, execScript, repeatables)))
      return newlyApplied
    } catch (error) {
      await execScript('ROLLBACK').catch(() => {})
      throw error
    } finally {
      await execScript(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`)
    }
  })
}

/** Re-applies each repeatable file whose checksum differs from the one last applied. */
async function applyRepeatables(
  handle: DatabaseHandle,
  execScript: (script: string) => Promise<unknown>,
  repeatables: Migration[],
): Promise<string[]> {
  await execScript(`
    CREATE TABLE IF NOT EXISTS schema_repeatable_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
  const result = await sql<{ name: string; checksum: string }>`
    SELECT name, checksum FROM schema_repeatable_migrations`.execute(handle.db)
  const applied = new Map(result.rows.map((row) => [row.name, row.checksum]))
  const newlyApplied: string[] = []
  for (const repeatable of repeatables) {
    if (applied.get(repeatable.version) === repeatable.checksum) continue
    await execScript(
      `BEGIN;\n${repeatable.script}\n;INSERT INTO schema_repeatable_migrations (name, checksum) ` +
        `VALUES ('${repeatable.version}', '${repeatable.checksum}') ON CONFLICT (name) DO UPDATE ` +
        `SET checksum = EXCLUDED.checksum, applied_at = now();\nCOMMIT;`,
    )
    newlyApplied.push(`functions/${repeatable.version}`)
  }
  return newlyApplied
}

export async function appliedMigrations(handle: DatabaseHandle): Promise<Map<string, string>> {
  const result = await sql<{ version: string; checksum: string }>`
    SELECT version, checksum FROM schema_migrations ORDER BY version`.execute(handle.db)
  return new Map(result.rows.map((row) => [row.version, row.checksum]))
}

/** True when every migration file has been applied (the /readyz check). */
export async function migrationsPending(handle: DatabaseHandle): Promise<string[]> {
  const applied = await appliedMigrations(handle)
  return loadMigrations()
    .filter((migration) => !applied.has(migration.version))
    .map((migration) => migration.version)
}
