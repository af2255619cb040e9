/**
 * The README's sandbox examples (demo/v3-examples/*.mjs) run as they are, as separate node
 * processes against a test server: credentials from a file, a native order placed, paid through
 * the sandbox, queried, and today's trade bill downloaded and checked — so the README cannot rot.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { startTestBank } from '../../test-support/bank.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { expectBooksAgree, openShop } from '../../test-support/payments.ts'

const run = promisify(execFile)
let app: TestApp
let closeBank: () => Promise<void>
let baseUrl: string
const directory = mkdtempSync(join(tmpdir(), 'lq-v3-examples-'))

beforeAll(async () => {
  const clock = new ManualClock(Date.now())
  const bank = await startTestBank({ clock: () => clock.nowMs() })
  closeBank = () => bank.close()
  app = await createTestApp({ bankUrl: bank.url, clock })
  baseUrl = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace(
    'localhost',
    '127.0.0.1',
  )
})

afterAll(async () => {
  await app?.close()
  await closeBank?.()
  rmSync(directory, { recursive: true, force: true })
})

async function runExample(name: string, officialHost: boolean) {
  const shop = await openShop(app, `示例小铺${name}`)
  const credentials = await app.merchantApi.issueCredentials({
    merchantId: shop.merchantId,
    ...(officialHost ? { billDownloadHost: 'official' as const } : {}),
  })
  const file = join(directory, `${name}.json`)
  writeFileSync(file, JSON.stringify(credentials))
  const { stdout } = await run('node', [`demo/v3-examples/${name}.mjs`], {
    env: { ...process.env, LQ_BASE_URL: baseUrl, LQ_CREDENTIALS: file },
    timeout: 120_000,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) as string)
}

describe(`the README's v3 sandbox examples on ${testDatabaseKind()}`, () => {
  it('shows each example in the README exactly as the file is', () => {
    const readme = readFileSync('README.md', 'utf8')
    for (const name of ['axios-plugin', 'node-v3']) {
      const example = readFileSync(`demo/v3-examples/${name}.mjs`, 'utf8')
      expect(readme.includes(`\`\`\`js\n${example}\`\`\``), name).toBe(true)
    }
  })

  it('runs the wechatpay-axios-plugin example', async () => {
    const result = await runExample('axios-plugin', false)
    expect(result).toMatchObject({ trade_state: 'SUCCESS', bill_rows: 1, bill_has_order: true })
    expect(result.summary).toMatchObject({ 总交易单数: '1', 应结订单总金额: '0.01' })
  })

  it('runs the wechatpay-node-v3 example (download_urls on the official host)', async () => {
    const result = await runExample('node-v3', true)
    expect(result).toMatchObject({ trade_state: 'SUCCESS', bill_rows: 1, bill_has_order: true })
    await expectBooksAgree(app)
  })
})
