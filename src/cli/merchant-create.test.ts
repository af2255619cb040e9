/**
 * `lingqian merchant create` as a real process against a real data directory (PGlite) or a
 * scratch PostgreSQL database: JSON out, idempotent by --key, accounts opened, bad input exit 2.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScratchDatabase, testDatabaseKind } from '../test-support/database.ts'

const run = promisify(execFile)
const BIN = new URL('../../bin/lingqian.js', import.meta.url).pathname
let env: NodeJS.ProcessEnv
let cleanup: () => Promise<void>

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lq-cli-merchant-'))
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, 'lq_cli_merchant')
    env = { ...process.env, DATABASE_URL: scratch.url, LQ_DATA_DIR: dataDir }
    cleanup = async () => {
      await scratch.drop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  } else {
    env = { ...process.env, DATABASE_URL: '', LQ_DATA_DIR: dataDir }
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true })
  }
})

afterAll(async () => {
  await cleanup()
})

async function lingqian(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
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
