/**
 * @module migrate
 * Applies `migrations/NNNN_name.sql` in order, once each, recording a checksum so an edited
 * migration that was already applied is refused instead of silently diverging. Then applies the
 * repeatable files `migrations/functions/name.sql` (one current body per function, written with
 * `CREATE OR REPLACE`), each again whenever its checksum changes, recorded in
 * `schema_repeatable_migrations`. A repeatable file names each limit and SQLSTATE it uses as
 * `{{limit.name}}` (from LIMITS) or `{{sqlstate.name}}` (from SQLSTATE), substituted before the
 * checksum is taken: changing a limit in TypeScript re-applies the functions that use it.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { LIMITS } from '../../shared/limits.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'
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

/** The values a repeatable file may name: `{{limit.transferBatchMax}}`, `{{sqlstate.appendOnlyRow}}`. */
export interface PlaceholderValues {
  limit: Readonly<Record<string, number>>
  sqlstate: Readonly<Record<string, string>>
}

export const PLACEHOLDER_VALUES: PlaceholderValues = { limit: LIMITS, sqlstate: SQLSTATE }

/**
 * Repeatable migrations, by file name; `version` is the name without `.sql`, `script` the text
 * with its placeholders substituted (and `checksum` over that text).
 */
export function loadRepeatableMigrations(
  directory: string = REPEATABLE_DIR,
  values: PlaceholderValues = PLACEHOLDER_VALUES,
): Migration[] {
  if (!existsSync(directory)) return []
  return loadFiles(directory, /^[a-z0-9_]+\.sql$/, (script, name) =>
    substitutePlaceholders(script, values, name),
  )
}

const PLACEHOLDER = /\{\{\s*([a-z]+)\.([A-Za-z0-9_]+)\s*\}\}/g

/** Replaces each `{{group.name}}`; an unknown one (or a stray `{{`) is an error, not a guess. */
export function substitutePlaceholders(
  script: string,
  values: PlaceholderValues,
  fileName: string,
): string {
  const substituted = script.replace(PLACEHOLDER, (placeholder, group: string, name: string) => {
    const value =
      group === 'limit'
        ? values.limit[name]
        : group === 'sqlstate'
          ? values.sqlstate[name]
          : undefined
    if (value === undefined) throw new Error(`${fileName}: unknown placeholder ${placeholder}`)
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`${fileName}: ${placeholder} is not an integer`)
    }
    return String(value)
  })
  const stray = /\{\{|\}\}/.exec(substituted)
  if (stray !== null)
    throw new Error(`${fileName}: malformed placeholder near offset ${stray.index}`)
  return substituted
}

function loadFiles(
  directory: string,
  pattern: RegExp,
  transform: (script: string, name: string) => string = (script) => script,
): Migration[] {
  return readdirSync(directory)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => {
      const script = transform(readFileSync(directory + name, 'utf8'), name)
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
  const applied = await appliedRepeatableMigrations(handle)
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

/**
 * The migrations not yet applied (the /readyz check): numbered ones by version, then repeatable
 * ones whose current text was never applied, as `functions/name`.
 */
export async function migrationsPending(
  handle: DatabaseHandle,
  migrations: Migration[] = loadMigrations(),
  repeatables: Migration[] = loadRepeatableMigrations(),
): Promise<string[]> {
  const applied = await appliedMigrations(handle)
  const pending = migrations
    .filter((migration) => !applied.has(migration.version))
    .map((migration) => migration.version)
  const appliedRepeatables = await appliedRepeatableMigrations(handle)
  for (const repeatable of repeatables) {
    if (appliedRepeatables.get(repeatable.version) !== repeatable.checksum) {
      pending.push(`functions/${repeatable.version}`)
    }
  }
  return pending
}

/** Each repeatable's last applied checksum (none before the first migrate() that made the table). */
async function appliedRepeatableMigrations(handle: DatabaseHandle): Promise<Map<string, string>> {
  const table = await sql<{ exists: boolean }>`
    SELECT to_regclass('schema_repeatable_migrations') IS NOT NULL AS exists`.execute(handle.db)
  if (table.rows[0]?.exists !== true) return new Map()
  const result = await sql<{ name: string; checksum: string }>`
    SELECT name, checksum FROM schema_repeatable_migrations`.execute(handle.db)
  return new Map(result.rows.map((row) => [row.name, row.checksum]))
}
