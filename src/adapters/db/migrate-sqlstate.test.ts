/**
 * One source per SQLSTATE, limit and function body: the SQL functions name every SQLSTATE they
 * raise or catch through the one table (src/shared/sqlstate.ts) and every limit through LIMITS;
 * the table has no entry nothing uses and no code with two meanings; and every function a
 * numbered migration ever created has its one current body in migrations/functions/.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../shared/limits.ts'
import { SQLSTATE } from '../../shared/sqlstate.ts'
import { loadMigrations, MIGRATIONS_DIR, REPEATABLE_DIR } from './migrate.ts'

const SOURCE_DIR = join(MIGRATIONS_DIR, '..', 'src')

const functionFiles = readdirSync(REPEATABLE_DIR)
  .filter((name) => name.endsWith('.sql'))
  .map((name) => ({ name, text: readFileSync(join(REPEATABLE_DIR, name), 'utf8') }))

/** SQL text without `--` comments (placeholders in comments do not raise anything). */
function code(text: string): string {
  return text.replace(/--[^\n]*/g, '')
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('SQLSTATEs, limits and function bodies have one source', () => {
  it('gives each SQLSTATE one name (one meaning)', () => {
    const codes = Object.values(SQLSTATE)
    expect(new Set(codes).size).toBe(codes.length)
    for (const value of codes) expect(value).toMatch(/^[0-9A-Z]{5}$/)
  })

  it('writes every SQLSTATE in the function files as a placeholder from the table', () => {
    const used = new Set<string>()
    for (const { name, text } of functionFiles) {
      const sqlText = code(text)
      // Every ERRCODE and every SQLSTATE a handler catches, and no condition names.
      for (const match of sqlText.matchAll(/ERRCODE\s*=\s*'([^']*)'|SQLSTATE\s+'([^']*)'/g)) {
        const written = match[1] ?? match[2] ?? ''
        const placeholder = /^\{\{sqlstate\.([A-Za-z]+)\}\}$/.exec(written)
        expect(placeholder, `${name}: ${match[0]}`).not.toBeNull()
        expect(Object.keys(SQLSTATE), `${name}: ${match[0]}`).toContain(placeholder?.[1])
        used.add(placeholder?.[1] ?? '')
      }
      // Exception handlers catch by SQLSTATE only (a condition name would bypass the table).
      for (const handler of sqlText.matchAll(/EXCEPTION\s+WHEN\s+([\s\S]*?)\s+THEN/g)) {
        for (const condition of (handler[1] ?? '').split(/\s+OR\s+/)) {
          expect(condition, name).toMatch(/^SQLSTATE\s+'/)
        }
      }
      // Every RAISE EXCEPTION says its code.
      for (const raise of sqlText.matchAll(/RAISE\s+EXCEPTION[^;]*;/g)) {
        expect(raise[0], name).toMatch(/ERRCODE/)
      }
    }
    // And the other way round: every entry is used by the SQL or by the TypeScript.
    const typescript = sourceFiles(SOURCE_DIR)
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n')
    for (const entry of Object.keys(SQLSTATE)) {
      const usedInTypescript = typescript.includes(`SQLSTATE.${entry}`)
      expect(used.has(entry) || usedInTypescript, `SQLSTATE.${entry} is used`).toBe(true)
    }
  })

  it('names the ledger limits only through placeholders', () => {
    for (const { name, text } of functionFiles) {
      const sqlText = code(text)
      for (const limit of [
        'transferAmountFenMax',
        'transferLegsMax',
        'transferBatchMax',
      ] as const) {
        const literal = new RegExp(`(?<![\\w.])${LIMITS[limit]}(?![\\w.])`)
        expect(sqlText, `${name} writes ${limit} as a literal`).not.toMatch(literal)
      }
    }
  })

  it('has one current body for every function a numbered migration created', () => {
    const created = (text: string) =>
      [...code(text).matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+([a-z_0-9]+)/gi)].map(
        (match) => (match[1] ?? '').toLowerCase(),
      )
    const numbered = new Set(loadMigrations().flatMap((migration) => created(migration.script)))
    const repeatable = functionFiles.flatMap(({ text }) => created(text))
    expect(numbered.size).toBeGreaterThan(5)
    for (const name of numbered) expect(repeatable, `${name} has a repeatable body`).toContain(name)
    // Each function is defined in one file only.
    expect(new Set(repeatable).size).toBe(repeatable.length)
  })
})
