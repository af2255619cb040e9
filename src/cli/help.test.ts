/** `--help` on every command answers its usage with exit 0 and names each of its options. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../cli.ts'
import { DATABASE_COMMANDS } from './commands.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

async function captured(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0)
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0)
  const code = await runCli(argv)
  vi.restoreAllMocks()
  return { code, stdout: out.join(''), stderr: err.join('') }
}

describe('lingqian --help', () => {
  it('prints the command list for lingqian --help, help and a bare command group', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], [], ['ledger', '--help']]) {
      const result = await captured(argv)
      expect(result, argv.join(' ')).toMatchObject({ code: 0, stderr: '' })
      expect(result.stdout).toMatch(/usage: lingqian <command>/)
    }
  })

  it('answers every subcommand --help with its usage and all of its options', async () => {
    for (const name of ['serve', ...Object.keys(DATABASE_COMMANDS)]) {
      for (const flag of ['--help', '-h']) {
        const result = await captured([...name.split(' '), flag])
        expect(result, `${name} ${flag}`).toMatchObject({ code: 0, stderr: '' })
        expect(result.stdout).toMatch(new RegExp(`^usage: lingqian ${name}\\b`))
        const options = name === 'serve' ? ['port', 'host', 'dev'] : []
        options.push(...Object.keys(DATABASE_COMMANDS[name]?.options ?? {}))
        for (const option of options) expect(result.stdout, name).toContain(`--${option}`)
      }
    }
  })

  it('keeps an unknown command an error with exit 2', async () => {
    const result = await captured(['frobnicate', '--json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/usage: lingqian/)
  })
})
