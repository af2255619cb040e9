/**
 * `lingqian merchant create` as a real process against a real data directory (PGlite) or a
 * scratch PostgreSQL database: JSON out, idempotent by --key, accounts opened, bad input exit 2.
 */
import { describe, expect, it } from 'vitest'
import { type CliRun, runLingqian, useCliEnvironment } from '../test-support/cli.ts'
import { testDatabaseKind } from '../test-support/database.ts'

const cliEnv = useCliEnvironment('lq_cli_merchant')

function lingqian(...args: string[]): Promise<CliRun> {
  return runLingqian(cliEnv(), ...args)
}

describe(`lingqian merchant create on ${testDatabaseKind()}`, () => {
  it('prints the mchid and the owner sign-in once, and the same merchant again for the same key', async () => {
    const args = ['merchant', 'create', '--name', '街角咖啡', '--category', '5814', '--key', 'k1']
    const first = await lingqian(...args, '--json')
    expect(first.code, first.stderr).toBe(0)
    const created = JSON.parse(first.stdout)
    expect(created).toMatchObject({
      created: true,
      settlementCardGenerated: true,
      merchant: {
        id: expect.stringMatching(/^[1-9]\d{9}$/),
        storeName: '街角咖啡',
        category: '5814',
      },
      owner: {
        username: `${created.merchant.id}.owner`,
        password: expect.stringMatching(/^.{16}$/),
      },
    })
    const again = await lingqian(...args)
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toContain(`exists merchant ${created.merchant.id}`)
    expect(again.stdout).not.toContain(created.owner.password)
    const balance = await lingqian(
      'ledger',
      'balance',
      `merchant:${created.merchant.id}:merchant_pending`,
    )
    expect(balance.code, balance.stderr).toBe(0)
    expect(JSON.parse(balance.stdout)).toMatchObject({ postedFen: 0 })
  })

  it('refuses a missing name and an unknown category with exit 2', async () => {
    const noName = await lingqian('merchant', 'create', '--json')
    expect(noName.code).toBe(2)
    expect(noName.stderr).toContain('--name is required')
    const badCategory = await lingqian('merchant', 'create', '--name', 'x', '--category', '0000')
    expect(badCategory.code).toBe(2)
    expect(badCategory.stderr).toContain('INVALID_REQUEST (category)')
  })
})
