/**
 * The architecture rules as pure functions over source text, so the test can run them on the
 * repository and on planted violations alike (a rule that cannot fail on a fixture is a defect).
 *
 * Units: `src/modules/<m>/` is the module `modules/<m>`, `src/adapters/<a>/` the adapter
 * `adapters/<a>`; other code (http, app, cli, seed, shared) belongs to no unit. Rules:
 * - imports: code outside unit U imports nothing of U but its `index.ts` (relative imports are
 *   resolved, so `'../identity/users.ts'` counts as much as `'../../modules/identity/users.ts'`);
 * - tables: each table is declared by exactly one unit, in an interface named `…Tables` in a
 *   `*-tables.ts` file of that unit; no other unit's non-test code names it in a Kysely call
 *   (`selectFrom('users')`, `innerJoin('users as u', …)`) or in SQL text (`FROM users`);
 * - cycles: the run-time import graph (type-only imports erased) has no cycle;
 * - the web apps import server code with `import type` only, so no server code is bundled.
 */
import { parse } from '@babel/parser'
import { dirname, join, normalize } from 'node:path'

export interface SourceFile {
  /** Repository-relative, `/`-separated: `src/modules/ops/users.ts`. */
  readonly path: string
  readonly text: string
}

export interface ImportEdge {
  readonly from: string
  /** Resolved repository-relative path. */
  readonly to: string
  readonly typeOnly: boolean
}

type Node = { type: string } & Record<string, unknown>

const TABLE_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'replaceInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'using',
])

/** SQL that names a table: FROM t, JOIN t, INTO t, UPDATE t, TABLE t, REFERENCES t, TRUNCATE t. */
const SQL_TABLE_REFERENCE =
  /\b(?:from|join|into|update|table|references|truncate)\s+(?:only\s+)?(?:if\s+(?:not\s+)?exists\s+)?"?([a-z_][a-z0-9_]*)/gi

export function unitOf(path: string): string | undefined {
  const match = /^src\/(modules|adapters)\/([^/]+)\//.exec(path)
  return match === null ? undefined : `${match[1]}/${match[2]}`
}

export function isTestCode(path: string): boolean {
  return /\.(test|e2e)\.tsx?$/.test(path) || path.startsWith('src/test-support/')
}

function parseSource(file: SourceFile): Node {
  const plugins: ('typescript' | 'jsx')[] = file.path.endsWith('.tsx')
    ? ['typescript', 'jsx']
    : ['typescript']
  return parse(file.text, { sourceType: 'module', plugins }).program as unknown as Node
}

/** Depth-first over every node of the tree. */
function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit)
    return
  }
  if (node === null || typeof node !== 'object' || typeof (node as Node).type !== 'string') return
  visit(node as Node)
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'start' || key === 'end') continue
    if (value !== null && typeof value === 'object') walk(value, visit)
  }
}

/** Casts do not hide a name: `selectFrom('users' as never)` names `users`. */
const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression'])

function stringValue(node: unknown): string | undefined {
  let candidate = node as Node | undefined
  while (candidate != null && TYPE_WRAPPERS.has(candidate.type)) {
    candidate = candidate.expression as Node | undefined
  }
  if (candidate?.type === 'StringLiteral') return candidate.value as string
  if (candidate?.type === 'TemplateLiteral' && (candidate.expressions as unknown[]).length === 0) {
    return ((candidate.quasis as Node[])[0]?.value as { cooked: string }).cooked
  }
  return undefined
}

function isTypeOnlyImport(node: Node): boolean {
  if (node.importKind === 'type' || node.exportKind === 'type') return true
  const specifiers = (node.specifiers as Node[] | undefined) ?? []
  return (
    node.type === 'ImportDeclaration' &&
    specifiers.length > 0 &&
    specifiers.every((specifier) => specifier.importKind === 'type')
  )
}

/** Every relative import, re-export and dynamic import of a file, resolved against its folder. */
export function importsOf(file: SourceFile, program = parseSource(file)): ImportEdge[] {
  const edges: ImportEdge[] = []
  const add = (specifier: string | undefined, typeOnly: boolean) => {
    if (specifier === undefined || !specifier.startsWith('.')) return
    edges.push({ from: file.path, to: normalize(join(dirname(file.path), specifier)), typeOnly })
  }
  walk(program, (node) => {
    if (
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportNamedDeclaration' ||
      node.type === 'ExportAllDeclaration'
    ) {
      add(stringValue(node.source), isTypeOnlyImport(node))
    } else if (node.type === 'ImportExpression') {
      add(stringValue(node.source), false)
    } else if (node.type === 'CallExpression' && (node.callee as Node).type === 'Import') {
      add(stringValue((node.arguments as Node[])[0]), false)
    } else if (node.type === 'TSImportType') {
      add(stringValue(node.argument) ?? stringValue((node.argument as Node)?.literal), true)
    }
  })
  return edges
}

/** Rule 1: another unit is reached only through its index.ts. */
export function importPastIndexViolations(files: readonly SourceFile[]): string[] {
  const violations: string[] = []
  for (const file of files) {
    const ownUnit = unitOf(file.path)
    for (const edge of importsOf(file)) {
      const targetUnit = unitOf(edge.to)
      if (targetUnit === undefined || targetUnit === ownUnit) continue
      if (edge.to !== `src/${targetUnit}/index.ts`) violations.push(`${file.path} → ${edge.to}`)
    }
  }
  return violations
}

/** Table name → the units whose `*-tables.ts` declare it. */
export function tableOwners(files: readonly SourceFile[]): Map<string, string[]> {
  const owners = new Map<string, string[]>()
  for (const file of files) {
    const unit = unitOf(file.path)
    if (unit === undefined || !file.path.endsWith('-tables.ts')) continue
    walk(parseSource(file), (node) => {
      if (node.type !== 'TSInterfaceDeclaration') return
      if (!/Tables$/.test((node.id as Node).name as string)) return
      for (const member of (node.body as Node).body as Node[]) {
        const key = member.key as Node | undefined
        const table = (key?.name as string | undefined) ?? (key?.value as string | undefined)
        if (table === undefined) continue
        owners.set(table, [...(owners.get(table) ?? []), unit])
      }
    })
  }
  return owners
}

/** Tables declared by more than one unit. */
export function sharedTableViolations(owners: Map<string, string[]>): string[] {
  return [...owners].filter(([, units]) => units.length > 1).map(([t, u]) => `${t}: ${u}`)
}

/** Every table a file names in a Kysely call or in SQL text. */
export function tablesNamedBy(file: SourceFile): Set<string> {
  const named = new Set<string>()
  const addSqlText = (text: string) => {
    for (const match of text.matchAll(SQL_TABLE_REFERENCE)) named.add(match[1] as string)
  }
  walk(parseSource(file), (node) => {
    if (node.type === 'CallExpression') {
      const callee = node.callee as Node
      const method = callee.type === 'MemberExpression' ? (callee.property as Node).name : undefined
      if (typeof method === 'string' && TABLE_METHODS.has(method)) {
        const first = (node.arguments as Node[])[0]
        const literals = first?.type === 'ArrayExpression' ? (first.elements as Node[]) : [first]
        for (const literal of literals) {
          const name = stringValue(literal)?.trim().split(/\s+/)[0]
          if (name !== undefined) named.add(name)
        }
      }
    } else if (node.type === 'StringLiteral') {
      addSqlText(node.value as string)
    } else if (node.type === 'TemplateLiteral') {
      addSqlText(
        (node.quasis as Node[]).map((quasi) => (quasi.value as { raw: string }).raw).join(' '),
      )
    }
  })
  return named
}

/** Rule 2: non-test code names only its own unit's tables (code outside units names none). */
export function foreignTableViolations(files: readonly SourceFile[]): string[] {
  const owners = tableOwners(files)
  const violations: string[] = []
  for (const file of files) {
    if (isTestCode(file.path)) continue
    const ownUnit = unitOf(file.path)
    for (const table of tablesNamedBy(file)) {
      const tableUnits = owners.get(table)
      if (tableUnits === undefined || tableUnits.includes(ownUnit ?? '')) continue
      violations.push(`${file.path} names ${table} (owned by ${tableUnits.join(', ')})`)
    }
  }
  return violations
}

/** Rule 3: strongly connected components of the run-time import graph (Tarjan). */
export function runtimeCycles(files: readonly SourceFile[]): string[][] {
  const known = new Set(files.map((file) => file.path))
  const next = new Map<string, string[]>()
  for (const file of files) {
    const targets = importsOf(file)
      .filter((edge) => !edge.typeOnly && known.has(edge.to))
      .map((edge) => edge.to)
    next.set(file.path, targets)
  }
  const index = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const strongConnect = (path: string) => {
    index.set(path, index.size)
    lowLink.set(path, index.get(path) as number)
    stack.push(path)
    onStack.add(path)
    for (const target of next.get(path) ?? []) {
      if (!index.has(target)) {
        strongConnect(target)
        lowLink.set(path, Math.min(lowLink.get(path) as number, lowLink.get(target) as number))
      } else if (onStack.has(target)) {
        lowLink.set(path, Math.min(lowLink.get(path) as number, index.get(target) as number))
      }
    }
    if (lowLink.get(path) !== index.get(path)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop() as string
      onStack.delete(member)
      component.push(member)
    } while (member !== path)
    const selfLoop = (next.get(path) ?? []).includes(path)
    if (component.length > 1 || selfLoop) cycles.push(component.sort())
  }
  for (const path of known) if (!index.has(path)) strongConnect(path)
  return cycles
}

/** Rule 4: the web apps reach server code with `import type` only. */
export function webRuntimeServerImports(files: readonly SourceFile[]): string[] {
  return (
    files
      .filter((file) => file.path.startsWith('web/'))
      .flatMap((file) => importsOf(file))
      .filter((edge) => !edge.to.startsWith('web/') && !edge.typeOnly)
      // A web test may check the browser's code against a stand-alone script (scripts/ is no
      // server code and a test is never bundled): the red-packet fairness verifier does.
      .filter((edge) => !(edge.from.endsWith('.test.ts') && edge.to.startsWith('scripts/')))
      .map((edge) => `${edge.from} → ${edge.to}`)
  )
}

/** Tables the migrations create: each must have an owner. */
export function tablesCreatedBy(sqlText: string): string[] {
  return [
    ...sqlText.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?"?([a-z_][a-z0-9_]*)/gi),
  ].map((match) => match[1] as string)
}
