/**
 * Repeatable migrations: a function file is applied when its substituted text is new or changed
 * (an edit, or a changed limit), left alone when unchanged, and a placeholder that names nothing
 * stops migrate() before it touches the database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, testDatabaseKind } from '../../test-support/database.ts'
import {
  type DatabaseHandle,
  loadMigrations,
  loadRepeatableMigrations,
  migrate,
  migrationsPending,
} from './index.ts'
import { type PlaceholderValues, substitutePlaceholders } from './migrate.ts'

let database: DatabaseHandle
let directory: string

beforeAll(async () => {
  database = await openTestDatabase()
  directory = `${mkdtempSync(join(tmpdir(), 'lq-repeatable-'))}/`
})

afterAll(async () => {
  await sql`DROP FUNCTION IF EXISTS lq_test_probe()`.execute(database.db)
  await sql`DELETE FROM schema_repeatable_migrations WHERE name = 'lq_test_probe'`.execute(
    database.db,
  )
  await database.close()
  rmSync(directory, { recursive: true, force: true })
})

const values = (probe: number): PlaceholderValues => ({
  limit: { probe },
  sqlstate: { probeState: 'P0999' },
})

function writeProbe(comment: string): void {
  writeFileSync(
    join(directory, 'lq_test_probe.sql'),
    `-- ${comment}\nCREATE OR REPLACE FUNCTION lq_test_probe() RETURNS text LANGUAGE sql AS ` +
      `$$ SELECT '{{limit.probe}} {{ sqlstate.probeState }}' $$;\n`,
  )
}

async function probe(): Promise<string | undefined> {
  const result = await sql<{ value: string }>`SELECT lq_test_probe() AS value`.execute(database.db)
  return result.rows[0]?.value
}

describe(`repeatable migrations on ${testDatabaseKind()}`, () => {
  it('applies a function file when its text is new or changed, not when unchanged', async () => {
    const migrations = loadMigrations()
    writeProbe('first')
    const first = loadRepeatableMigrations(directory, values(7))
    expect(await migrationsPending(database, migrations, first)).toEqual([
      'functions/lq_test_probe',
    ])
    expect(await migrate(database, migrations, first)).toEqual(['functions/lq_test_probe'])
    expect(await probe()).toBe('7 P0999')
    expect(await migrationsPending(database, migrations, first)).toEqual([])

    // Unchanged: nothing applied (the function is not even replaced).
    await sql`CREATE OR REPLACE FUNCTION lq_test_probe() RETURNS text LANGUAGE sql AS $$ SELECT 'by hand' $$`.execute(
      database.db,
    )
    expect(
      await migrate(database, migrations, loadRepeatableMigrations(directory, values(7))),
    ).toEqual([])
    expect(await probe()).toBe('by hand')

    // A changed limit changes the substituted text: applied again.
    const changedLimit = loadRepeatableMigrations(directory, values(8))
    expect(changedLimit[0]?.checksum).not.toBe(first[0]?.checksum)
    expect(await migrationsPending(database, migrations, changedLimit)).toEqual([
      'functions/lq_test_probe',
    ])
    expect(await migrate(database, migrations, changedLimit)).toEqual(['functions/lq_test_probe'])
    expect(await probe()).toBe('8 P0999')

    // An edited file: applied again.
    writeProbe('second')
    expect(
      await migrate(database, migrations, loadRepeatableMigrations(directory, values(8))),
    ).toEqual(['functions/lq_test_probe'])
    expect(await probe()).toBe('8 P0999')
  })

  it('refuses a placeholder that names nothing, and a malformed one', () => {
    expect(() => substitutePlaceholders('SELECT {{limit.nope}}', values(1), 'x.sql')).toThrow(
      'x.sql: unknown placeholder {{limit.nope}}',
    )
    expect(() => substitutePlaceholders("SELECT '{{sqlstate.nope}}'", values(1), 'x.sql')).toThrow(
      /unknown placeholder/,
    )
    expect(() => substitutePlaceholders('SELECT {{other.probe}}', values(1), 'x.sql')).toThrow(
      /unknown placeholder/,
    )
    expect(() => substitutePlaceholders('SELECT {{limit.}}', values(1), 'x.sql')).toThrow(
      /malformed placeholder/,
    )
    writeFileSync(join(directory, 'lq_test_broken.sql'), 'SELECT {{limit.nope}};\n')
    try {
      expect(() => loadRepeatableMigrations(directory, values(1))).toThrow(
        'lq_test_broken.sql: unknown placeholder {{limit.nope}}',
      )
    } finally {
      rmSync(join(directory, 'lq_test_broken.sql'))
    }
  })

  it('substitutes every placeholder of the shipped function files', () => {
    const repeatables = loadRepeatableMigrations()
    expect(repeatables.length).toBeGreaterThan(5)
    for (const repeatable of repeatables) expect(repeatable.script).not.toMatch(/\{\{|\}\}/)
  })
})
