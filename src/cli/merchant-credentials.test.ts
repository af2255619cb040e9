/**
 * `lingqian merchant credentials` as a real process: one JSON object with the keys an SDK
 * needs, the private key only the first time, a switch to certificate mode, an uploaded public
 * key, and bad input refused with exit 2. No secret appears twice.
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type CliRun, runLingqian, useCliEnvironment } from '../test-support/cli.ts'
import { testDatabaseKind } from '../test-support/database.ts'

const cliEnv = useCliEnvironment('lq_cli_credentials')

function lingqian(...args: string[]): Promise<CliRun> {
  return runLingqian(cliEnv(), ...args)
}

async function createMerchant(key: string): Promise<string> {
  const created = await lingqian('merchant', 'create', '--name', '凭据测试', '--key', key, '--json')
  expect(created.code, created.stderr).toBe(0)
  return JSON.parse(created.stdout).merchant.id
}

describe(`lingqian merchant credentials on ${testDatabaseKind()}`, () => {
  it('prints the keys once with the private key, then without it, then in certificate mode', async () => {
    const mchid = await createMerchant('cred-1')
    const first = await lingqian('merchant', 'credentials', mchid, '--json')
    expect(first.code, first.stderr).toBe(0)
    const credentials = JSON.parse(first.stdout)
    expect(credentials).toMatchObject({
      mchid,
      appid: expect.stringMatching(/^wx[0-9a-f]{16}$/),
      apiv3_key: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      merchant_serial_no: expect.stringMatching(/^[0-9A-F]{40}$/),
      merchant_private_key_pem: expect.stringContaining('BEGIN PRIVATE KEY'),
      merchant_certificate_pem: expect.stringContaining('BEGIN CERTIFICATE'),
      platform_key_id: expect.stringMatching(/^PUB_KEY_ID_\d{32}$/),
      platform_key_pem: expect.stringContaining('BEGIN PUBLIC KEY'),
    })
    const again = JSON.parse((await lingqian('merchant', 'credentials', mchid)).stdout)
    expect(again.merchant_private_key_pem).toBeUndefined()
    expect(again.merchant_serial_no).toBe(credentials.merchant_serial_no)
    const cert = await lingqian('merchant', 'credentials', mchid, '--platform-key-mode', 'cert')
    expect(cert.code, cert.stderr).toBe(0)
    expect(JSON.parse(cert.stdout)).toMatchObject({
      platform_key_id: expect.stringMatching(/^[0-9A-F]{40}$/),
      platform_key_pem: expect.stringContaining('BEGIN CERTIFICATE'),
    })
  })

  it('certifies an uploaded public key and generates no private key', async () => {
    const mchid = await createMerchant('cred-2')
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const file = join(mkdtempSync(join(tmpdir(), 'lq-key-')), 'pub.pem')
    writeFileSync(file, publicKey.export({ type: 'spki', format: 'pem' }).toString())
    const uploaded = await lingqian('merchant', 'credentials', mchid, '--public-key-file', file)
    expect(uploaded.code, uploaded.stderr).toBe(0)
    const credentials = JSON.parse(uploaded.stdout)
    expect(credentials.merchant_private_key_pem).toBeUndefined()
    expect(credentials.merchant_certificate_pem).toContain('BEGIN CERTIFICATE')
  })

  it('refuses an unknown merchant, a bad mode and a relative key path with exit 2', async () => {
    const unknown = await lingqian('merchant', 'credentials', '1999999999')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('MERCHANT_NOT_FOUND')
    const mode = await lingqian('merchant', 'credentials', '1999999999', '--platform-key-mode', 'x')
    expect(mode.code).toBe(2)
    const relative = await lingqian(
      'merchant',
      'credentials',
      '1999999999',
      '--public-key-file',
      'k.pem',
    )
    expect(relative.stderr).toContain('absolute path')
  })
})
