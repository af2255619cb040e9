/**
 * The console's API keys over HTTP: nothing before generation; generation answers the private
 * key once (a repeat and the view never again); the key pair signs requests the server accepts;
 * rotation adds a platform key and keeps the old one; an uploaded public key gets a certificate
 * and no private key; the bill download host; the owner only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyPairSync } from 'node:crypto'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { call, openShop } from '../../test-support/payments.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app?.close()
})

describe(`merchant console API keys on ${testDatabaseKind()}`, () => {
  it('generates once, shows no secret after, rotates and sets the bill host', async () => {
    const shop = await openShop(app, '密钥小铺')
    const before = await call(app, 'GET', '/api/v1/merchant/api-keys', shop.auth)
    expect(before.json()).toEqual({ credentials: null })
    const generated = await call(app, 'POST', '/api/v1/merchant/api-keys', shop.auth, {
      platformKeyMode: 'cert',
    })
    expect(generated.statusCode, generated.body).toBe(200)
    const credentials = generated.json()
    expect(credentials).toMatchObject({
      mchid: shop.merchantId,
      platform_key_mode: 'cert',
      merchant_private_key_pem: expect.stringContaining('BEGIN PRIVATE KEY'),
      apiv3_key: expect.stringMatching(/^\w{32}$/),
    })
    const again = await call(app, 'POST', '/api/v1/merchant/api-keys', shop.auth, {})
    expect(again.json().merchant_private_key_pem).toBeUndefined()
    expect(again.json().merchant_serial_no).toBe(credentials.merchant_serial_no)
    const view = (await call(app, 'GET', '/api/v1/merchant/api-keys', shop.auth)).json()
    expect(view.credentials).toMatchObject({
      appid: credentials.appid,
      platform_key_id: credentials.platform_key_id,
      key_source: 'generated',
      bill_download_host: 'server',
    })
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY')
    expect(JSON.stringify(view)).not.toContain(credentials.apiv3_key)
    const rotated = await call(app, 'POST', '/api/v1/merchant/api-keys/rotate', shop.auth, {
      platformKeyMode: 'pubkey',
    })
    expect(rotated.json().platform_key_id).toMatch(/^PUB_KEY_ID_/)
    expect(rotated.json().platform_keys.map((key: { id: string }) => key.id)).toContain(
      credentials.platform_key_id,
    )
    const host = await call(app, 'PUT', '/api/v1/merchant/api-keys/bill-download-host', shop.auth, {
      host: 'official',
    })
    expect(host.json().credentials.bill_download_host).toBe('official')
    expect(await app.merchantApi.billDownloadHost(shop.merchantId)).toBe('official')
  })

  it('certifies an uploaded public key and refuses cashiers and strangers', async () => {
    const shop = await openShop(app, '上传小铺')
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const rotateFirst = await call(app, 'POST', '/api/v1/merchant/api-keys/rotate', shop.auth, {})
    expect(rotateFirst.statusCode).toBe(404)
    const uploaded = await call(app, 'POST', '/api/v1/merchant/api-keys', shop.auth, {
      publicKeyPem,
    })
    expect(uploaded.statusCode, uploaded.body).toBe(200)
    expect(uploaded.json().merchant_private_key_pem).toBeUndefined()
    expect(uploaded.json().merchant_certificate_pem).toContain('BEGIN CERTIFICATE')
    const bad = await call(app, 'POST', '/api/v1/merchant/api-keys', shop.auth, {
      publicKeyPem: 'not a key',
    })
    expect(bad.statusCode).toBeGreaterThanOrEqual(400)
    expect(bad.statusCode).toBeLessThan(500)
    const cashier = {
      username: `cashier.${shop.merchantId}`,
      displayName: '收银员',
      password: 'cashier-password',
    }
    expect((await call(app, 'POST', '/api/v1/merchant/staff', shop.auth, cashier)).statusCode).toBe(
      201,
    )
    const signIn = await app.server.inject({
      method: 'POST',
      url: '/api/v1/merchant/sessions',
      payload: { username: cashier.username, password: cashier.password },
    })
    const cashierAuth = { authorization: `Bearer ${signIn.json().token}` }
    expect((await call(app, 'GET', '/api/v1/merchant/api-keys', cashierAuth)).statusCode).toBe(403)
    const anonymous = await app.server.inject({ method: 'GET', url: '/api/v1/merchant/api-keys' })
    expect(anonymous.statusCode).toBe(401)
  })
})
