/**
 * Module boundaries, checked on the source text: other code imports a module only through its
 * index.ts, and only the ledger (and migrations) mention ledger tables.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = new URL('.', import.meta.url).pathname

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
}))

describe('architecture', () => {
  it('imports other modules only through their index.ts', () => {
    const violations: string[] = []
    for (const file of files) {
      const ownModule = /^modules\/([^/]+)\//.exec(file.path)?.[1]
      for (const match of file.text.matchAll(/from '([^']+)'/g)) {
        const target = match[1] as string
        const module = /modules\/([^/]+)\/(.+)$/.exec(target)
        if (module === null || module[1] === ownModule) continue
        if (module[2] !== 'index.ts') violations.push(`${file.path} → ${target}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('keeps ledger tables inside the ledger module (tests may read them)', () => {
    const outsiders = files.filter(
      (file) =>
        !file.path.startsWith('modules/ledger/') &&
        !file.path.endsWith('.test.ts') &&
        /\bledger_(accounts|transfers|entries|pending_open)\b/.test(file.text),
    )
    expect(outsiders.map((file) => file.path)).toEqual([])
  })
})
