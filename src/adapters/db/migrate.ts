/**
 * @module migrate
 * Applies `migrations/NNNN_name.sql` in order, once each, recording a checksum so an edited
 * migration that was already applied is refused instead of silently diverging.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { DatabaseHandle } from './db.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url))

export interface Migration {
  version: string
  script: string
  checksum: string
}

export function loadMigrations(directory: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(directory)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
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
      return newlyApplied
    } catch (error) {
      await execScript('ROLLBACK').catch(() => {})
      throw error
    } finally {
      await execScript(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`)
    }
  })
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
