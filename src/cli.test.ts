/**
 * The command line, run as a real process against a real data directory (PGlite) or a scratch
 * PostgreSQL database: migrate, ledger balance, ledger check passing and then failing.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from './app.ts'
import { loadConfig } from './config.ts'
import { type CliRun, runLingqian, useCliEnvironment } from './test-support/cli.ts'
import { testDatabaseKind } from './test-support/database.ts'

const cliEnv = useCliEnvironment('lq_cli')

function lingqian(...args: string[]): Promise<CliRun> {
  return runLingqian(cliEnv(), ...args)
}

function lingqianWith(extraEnv: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  return runLingqian({ ...cliEnv(), ...extraEnv }, ...args)
}

describe(`lingqian CLI on ${testDatabaseKind()}`, () => {
  it('migrates, then reports up to date', async () => {
    expect((await lingqian('migrate')).stdout).toMatch(/applied 0001_ledger/)
    expect((await lingqian('migrate')).stdout).toMatch(/up to date/)
  })

  it('shows a balance and passes the ledger check on healthy books', async () => {
    const check = await lingqian('ledger', 'check')
    expect(check.code).toBe(0)
    expect(check.stdout).toMatch(/ledger ok/)
    const missing = await lingqian('ledger', 'balance', 'user:nobody:balance')
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toMatch(/no account/)
  })

  it('exits 1 with a report when the books are broken', async () => {
    const database = await openDatabase(loadConfig(cliEnv()))
    try {
      await sql`INSERT INTO ledger_accounts (owner_kind, owner_id, purpose, currency, credits_posted, created_at)
        VALUES ('user', 'forged', 'balance', 'CNY', 500, now())`.execute(database.db)
    } finally {
      await database.close()
    }
    const balance = await lingqian('ledger', 'balance', 'user:forged:balance')
    expect(JSON.parse(balance.stdout)).toMatchObject({ postedFen: 500, posted: '5.00' })
    const check = await lingqian('ledger', 'check', '--json')
    expect(check.code).toBe(1)
    const report = JSON.parse(check.stdout)
    expect(report.ok).toBe(false)
    expect(report.problems.join('\n')).toMatch(/sum to zero/)
  })

  it('names the bank URL it tried and what to do when the bank is unreachable', async () => {
    const date = ['reconcile', '--date', '2026-03-01']
    const configured = await lingqianWith({ BANK_URL: 'http://127.0.0.1:9' }, ...date)
    expect(configured.code).toBe(2)
    expect(configured.stderr).toMatch(/could not reach the bank at http:\/\/127\.0\.0\.1:9 /)
    expect(configured.stderr).toMatch(/npm start.*BANK_URL/s)
    // No BANK_URL and no demo data: no simulator is started for a production ledger.
    const simulator = await lingqianWith({ BANK_URL: '', LQ_BANK_SIM_PORT: '9' }, ...date)
    expect(simulator.code).toBe(2)
    expect(simulator.stderr).toMatch(/bank at http:\/\/127\.0\.0\.1:9 /)
  })

  it('answers --help for a subcommand and an error with exit 2 for an unknown option', async () => {
    const help = await lingqian('sms', 'tail', '--help')
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toMatch(/usage: lingqian sms tail.*--phone P.*--limit N/s)
    const unknown = await lingqian('sms', 'tail', '--frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown option '--frobnicate'.*lingqian sms tail --help/)
  })

  it('prints usage for an unknown command', async () => {
    const result = await lingqian('frobnicate')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/usage: lingqian/)
  })
})
