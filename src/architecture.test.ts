/**
 * Module boundaries, enforced: each rule runs on the repository and, to prove it can fail, on a
 * planted violation of its kind (the rules themselves are in test-support/architecture.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  foreignTableViolations,
  importPastIndexViolations,
  runtimeCycles,
  sharedTableViolations,
  type SourceFile,
  tableOwners,
  tablesCreatedBy,
  webRuntimeServerImports,
} from './test-support/architecture.ts'

const ROOT = new URL('..', import.meta.url).pathname
const SOURCE_FOLDERS = ['src', 'web/src', 'bench', 'bank-sim', 'scripts', 'test']

function sourcePaths(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    if (name === 'node_modules' || name === 'artifacts') return []
    if (statSync(path).isDirectory()) return sourcePaths(path)
    return /\.tsx?$/.test(path) && !path.endsWith('.d.ts') ? [path] : []
  })
}

const files: SourceFile[] = SOURCE_FOLDERS.flatMap((folder) => sourcePaths(join(ROOT, folder))).map(
  (path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }),
)

const migrationsSql = readdirSync(join(ROOT, 'migrations'))
  .filter((name) => name.endsWith('.sql'))
  .map((name) => readFileSync(join(ROOT, 'migrations', name), 'utf8'))
  .join('\n')

describe('architecture of the repository', () => {
  it('imports another module or adapter only through its index.ts', () => {
    expect(importPastIndexViolations(files)).toEqual([])
  })

  it('gives every table the migrations create exactly one owner', () => {
    const owners = tableOwners(files)
    expect(sharedTableViolations(owners)).toEqual([])
    const unowned = tablesCreatedBy(migrationsSql).filter((table) => !owners.has(table))
    expect(unowned).toEqual([])
  })

  it('names another unit’s table in no Kysely call and no SQL text (tests may)', () => {
    expect(foreignTableViolations(files)).toEqual([])
  })

  it('has no run-time import cycle', () => {
    expect(runtimeCycles(files)).toEqual([])
  })

  it('lets the web apps import server code as types only', () => {
    expect(webRuntimeServerImports(files)).toEqual([])
  })
})

describe('architecture rules fail on planted violations', () => {
  const owner: SourceFile = {
    path: 'src/modules/bees/bees-tables.ts',
    text: 'export interface BeesTables { hives: { id: string }; "honey_jars": { id: string } }',
  }

  it('finds an import past the index, however the path is spelled', () => {
    const planted: SourceFile[] = [
      { path: 'src/modules/ants/nest.ts', text: "import { queen } from '../bees/queen.ts'" },
      { path: 'src/http/routes/x.ts', text: "export * from '../../modules/bees/hive.ts'" },
      { path: 'src/app.ts', text: "const m = await import('./modules/bees/hive.ts')" },
      { path: 'src/cli.ts', text: "import { hive } from './modules/bees/index.ts'" },
      { path: 'src/modules/bees/hive.ts', text: "import { queen } from './queen.ts'" },
    ]
    expect(importPastIndexViolations(planted)).toEqual([
      'src/modules/ants/nest.ts → src/modules/bees/queen.ts',
      'src/http/routes/x.ts → src/modules/bees/hive.ts',
      'src/app.ts → src/modules/bees/hive.ts',
    ])
  })

  it('finds a foreign table in a Kysely call', () => {
    const planted: SourceFile[] = [
      owner,
      { path: 'src/modules/ants/a.ts', text: "db.selectFrom('hives as h').selectAll()" },
      {
        path: 'src/modules/ants/b.ts',
        text: "db.selectFrom('nests').innerJoin('honey_jars', 'x', 'y')",
      },
      { path: 'src/modules/ants/c.ts', text: "db.updateTable('hives' as never).set({})" },
      { path: 'src/modules/bees/own.ts', text: "db.insertInto('hives').values({})" },
      { path: 'src/modules/ants/a.test.ts', text: "db.selectFrom('hives')" },
    ]
    expect(foreignTableViolations(planted)).toEqual([
      'src/modules/ants/a.ts names hives (owned by modules/bees)',
      'src/modules/ants/b.ts names honey_jars (owned by modules/bees)',
      'src/modules/ants/c.ts names hives (owned by modules/bees)',
    ])
  })

  it('finds a foreign table in SQL text', () => {
    const planted: SourceFile[] = [
      owner,
      {
        path: 'src/modules/ants/c.ts',
        text: 'await sql`SELECT count(*) FROM hives WHERE ${x}`.execute(db)',
      },
      { path: 'src/http/routes/d.ts', text: "run('UPDATE honey_jars SET id = 1')" },
      { path: 'src/modules/ants/e.ts', text: "const label = 'bees from far hives'" },
    ]
    expect(foreignTableViolations(planted)).toEqual([
      'src/modules/ants/c.ts names hives (owned by modules/bees)',
      'src/http/routes/d.ts names honey_jars (owned by modules/bees)',
    ])
  })

  it('finds a table declared by two units', () => {
    const twin: SourceFile = {
      path: 'src/modules/ants/ants-tables.ts',
      text: 'export interface AntsTables { hives: { id: string } }',
    }
    expect(sharedTableViolations(tableOwners([owner, twin]))).toEqual([
      'hives: modules/bees,modules/ants',
    ])
  })

  it('finds a run-time cycle and ignores a type-only one', () => {
    const planted: SourceFile[] = [
      { path: 'src/a.ts', text: "import { b } from './b.ts'" },
      { path: 'src/b.ts', text: "import { c } from './c.ts'" },
      { path: 'src/c.ts', text: "export { a } from './a.ts'" },
      { path: 'src/d.ts', text: "import type { e } from './e.ts'" },
      { path: 'src/e.ts', text: "import { type d } from './d.ts'" },
    ]
    expect(runtimeCycles(planted)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']])
  })

  it('finds a web app importing server code at run time', () => {
    const planted: SourceFile[] = [
      {
        path: 'web/src/wallet/api.ts',
        text: "import { LIMITS } from '../../../src/shared/limits.ts'",
      },
      {
        path: 'web/src/wallet/ok.ts',
        text: "import type { X } from '../../../src/http/contract/x.ts'",
      },
    ]
    expect(webRuntimeServerImports(planted)).toEqual([
      'web/src/wallet/api.ts → src/shared/limits.ts',
    ])
  })
})
