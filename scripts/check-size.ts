/**
 * The size rule of the lint: no source file over 400 lines and no function over 70 lines, as
 * formatted by Prettier (TigerBeetle's 70-line limit; stack.md §B5). Today's exceptions are listed
 * in size-allowlist.json with the size they had when listed: an entry may shrink, never grow, and an
 * entry that no longer needs to be there fails the check too, so the list only gets shorter.
 *
 * Test files count for the file limit; their `describe`/`it` callbacks are not functions for the
 * function limit (a test file is a table of cases, not a function to read top to bottom).
 */
import { parse } from '@babel/parser'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const FILE_LINES_MAX = 400
export const FUNCTION_LINES_MAX = 70

export interface SizeFinding {
  /** `path` for a file, `path#name` for a function (`path#name#2` for a second one of that name). */
  readonly key: string
  readonly lines: number
  readonly limit: number
}

type Node = { type: string; loc?: { start: { line: number }; end: { line: number } } } & Record<
  string,
  unknown
>

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
])

const TEST_CALLEES = new Set(['describe', 'it', 'test', 'beforeAll', 'beforeEach', 'afterAll'])

function calleeName(node: Node): string | undefined {
  const callee = node.callee as Node | undefined
  if (callee === undefined) return undefined
  if (callee.type === 'Identifier') return callee.name as string
  if (callee.type === 'MemberExpression') return calleeName({ type: 'x', callee: callee.object })
  if (callee.type === 'CallExpression') return calleeName(callee)
  return undefined
}

function functionName(node: Node, parent: Node | undefined): string {
  const id = node.id as Node | null | undefined
  if (id?.type === 'Identifier') return id.name as string
  const key = node.key as Node | undefined
  if (key?.type === 'Identifier') return key.name as string
  if (parent?.type === 'VariableDeclarator') return ((parent.id as Node).name as string) ?? 'anon'
  if (parent?.type === 'ObjectProperty') return ((parent.key as Node).name as string) ?? 'anon'
  return 'anonymous'
}

/** Every function of one file longer than the limit (test callbacks excepted). */
export function longFunctions(path: string, text: string): SizeFinding[] {
  const ast = parse(text, {
    sourceType: 'module',
    plugins: ['typescript', 'jsx', 'importAttributes'],
  }) as unknown as Node
  const findings: SizeFinding[] = []
  const namesSeen = new Map<string, number>()
  const visit = (node: Node, parent: Node | undefined, inTestCall: boolean): void => {
    const isTestCall = node.type === 'CallExpression' && TEST_CALLEES.has(calleeName(node) ?? '')
    if (FUNCTION_TYPES.has(node.type) && node.loc && !inTestCall) {
      const lines = node.loc.end.line - node.loc.start.line + 1
      if (lines > FUNCTION_LINES_MAX) {
        const name = functionName(node, parent)
        const count = (namesSeen.get(name) ?? 0) + 1
        namesSeen.set(name, count)
        const key = count === 1 ? `${path}#${name}` : `${path}#${name}#${count}`
        findings.push({ key, lines, limit: FUNCTION_LINES_MAX })
      }
    }
    for (const [field, value] of Object.entries(node)) {
      if (field === 'loc' || value === null || typeof value !== 'object') continue
      const children = Array.isArray(value) ? value : [value]
      for (const child of children) {
        if (child === null || typeof (child as Node).type !== 'string') continue
        // Only the direct callback arguments of a test call are exempt, not functions inside them.
        const exempt = isTestCall && field === 'arguments'
        visit(child as Node, node, exempt)
      }
    }
  }
  visit(((ast as Node).program as Node) ?? ast, undefined, false)
  return findings
}

export function sourceFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
  return listed
    .split('\n')
    .filter((path) => /\.(ts|tsx|js|mjs)$/.test(path) && !path.startsWith('node_modules/'))
}

export function sizeFindings(root: string): SizeFinding[] {
  const findings: SizeFinding[] = []
  for (const path of sourceFiles(root)) {
    let text: string
    try {
      text = readFileSync(`${root}/${path}`, 'utf8')
    } catch {
      continue // listed by git but deleted in the work tree
    }
    const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
    if (lineCount > FILE_LINES_MAX) {
      findings.push({ key: path, lines: lineCount, limit: FILE_LINES_MAX })
    }
    for (const finding of longFunctions(path, text)) {
      findings.push(finding)
    }
  }
  return findings
}

/** Compares findings with the allowlist; returns the problems, one line each. */
export function compareWithAllowlist(
  findings: readonly SizeFinding[],
  allowlist: Readonly<Record<string, number>>,
): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const finding of findings) {
    seen.add(finding.key)
    const allowed = allowlist[finding.key]
    if (allowed === undefined) {
      problems.push(`${finding.key}: ${finding.lines} lines (limit ${finding.limit})`)
    } else if (finding.lines > allowed) {
      problems.push(`${finding.key}: grew to ${finding.lines} lines (allowlisted at ${allowed})`)
    }
  }
  for (const key of Object.keys(allowlist)) {
    if (!seen.has(key)) problems.push(`${key}: within the limit now, remove it from the allowlist`)
  }
  return problems
}

function main(): void {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const allowlistPath = fileURLToPath(new URL('size-allowlist.json', import.meta.url))
  const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8')) as Record<string, number>
  const findings = sizeFindings(root)
  if (process.argv.includes('--list')) {
    const listed = Object.fromEntries(findings.map((finding) => [finding.key, finding.lines]))
    console.log(JSON.stringify(listed, null, 2))
    return
  }
  const problems = compareWithAllowlist(findings, allowlist)
  if (problems.length > 0) {
    console.error(`size check: ${problems.length} problem(s)`)
    for (const problem of problems) console.error(`  ${problem}`)
    process.exit(1)
  }
  console.log(
    `size check: ok (${Object.keys(allowlist).length} allowlisted exceptions; files ≤ ${FILE_LINES_MAX}, functions ≤ ${FUNCTION_LINES_MAX} lines)`,
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
