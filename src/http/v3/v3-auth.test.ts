/**
 * The v3 wire protocol against a listening server, with the real SDKs from npm: credentials in
 * both platform-key modes, responses (errors too) signed and verified by wechatpay-axios-plugin,
 * `/v3/certificates` read and decrypted by both SDKs, key rotation chosen by Wechatpay-Serial,
 * and hand-built requests for each authentication failure (wrong serial, old timestamp,
 * tampered body, tampered query, wrong key, replayed nonce).
 */
import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../adapters/clock/index.ts'
import {
  type MerchantCredentials,
  requestSignMessage,
  responseSignMessage,
  signSha256WithRsa,
  verifySha256WithRsa,
} from '../../modules/merchant-api/index.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { axiosClient, axiosPlugin, nodeV3Client } from '../../test-support/wechatpay-sdks.ts'

let app: TestApp
let baseUrl: string
let credentials: MerchantCredentials
let privateKeyPem: string

beforeAll(async () => {
  // The SDKs compare our timestamps with their own clock: start the test clock at real time.
  app = await createTestApp({ clock: new ManualClock(Date.now()) })
  baseUrl = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace(
    'localhost',
    '127.0.0.1',
  )
  const { merchant } = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: 'test:v3',
      legalName: '上海接口测试有限公司',
      storeName: '接口测试',
      category: '5814',
      settlementCardNumber: '6222020000000000018',
    },
  )
  credentials = await app.merchantApi.issueCredentials({ merchantId: merchant.id })
  privateKeyPem = credentials.merchant_private_key_pem as string
})

afterAll(async () => {
  await app.close()
})

/** A request signed by hand; `tamper` changes what is sent after signing. */
async function signedFetch(
  path: string,
  options: {
    method?: string
    body?: string
    key?: string
    serial?: string
    timestamp?: number
    nonce?: string
    sentPath?: string
    sentBody?: string
  } = {},
) {
  const method = options.method ?? 'GET'
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  const nonce = options.nonce ?? `n${Math.random().toString(36).slice(2)}`
  const body = options.body ?? ''
  const signature = signSha256WithRsa(
    requestSignMessage(method, path, timestamp, nonce, body),
    options.key ?? privateKeyPem,
  )
  const authorization =
    `WECHATPAY2-SHA256-RSA2048 timestamp="${timestamp}",signature="${signature}",` +
    `serial_no="${options.serial ?? credentials.merchant_serial_no.toLowerCase()}",` +
    `mchid="${credentials.mchid}",nonce_str="${nonce}"`
  const response = await fetch(`${baseUrl}${options.sentPath ?? path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
    ...(method === 'GET' ? {} : { body: options.sentBody ?? body }),
  })
  return { response, text: await response.text() }
}

function expectSignedByPlatform(response: Response, text: string) {
  const serial = response.headers.get('wechatpay-serial') as string
  const key = credentials.platform_keys.find((candidate) => candidate.id === serial)
  expect(key, `Wechatpay-Serial ${serial}`).toBeDefined()
  const message = responseSignMessage(
    response.headers.get('wechatpay-timestamp') as string,
    response.headers.get('wechatpay-nonce') as string,
    text,
  )
  expect(
    verifySha256WithRsa(
      message,
      response.headers.get('wechatpay-signature') as string,
      key?.pem as string,
    ),
  ).toBe(true)
}

describe(`v3 authentication and signing on ${testDatabaseKind()}`, () => {
  it('issues credentials once: the private key only in the first answer, the same keys after', async () => {
    expect(credentials).toMatchObject({
      mchid: expect.stringMatching(/^[1-9]\d{9}$/),
      appid: expect.stringMatching(/^wx[0-9a-f]{16}$/),
      apiv3_key: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      merchant_serial_no: expect.stringMatching(/^[0-9A-F]{40}$/),
      platform_key_id: expect.stringMatching(/^PUB_KEY_ID_\d{32}$/),
      platform_key_mode: 'pubkey',
    })
    expect(privateKeyPem).toContain('BEGIN PRIVATE KEY')
    const again = await app.merchantApi.issueCredentials({ merchantId: credentials.mchid })
    expect(again.merchant_private_key_pem).toBeUndefined()
    expect(again.platform_key_id).toBe(credentials.platform_key_id)
    expect(again.apiv3_key).toBe(credentials.apiv3_key)
  })

  it('in public-key mode /v3/certificates is a signed 404 RESOURCE_NOT_EXISTS the SDK can read', async () => {
    const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
    const failure = await wxpay.v3.certificates.get().catch((error: unknown) => error)
    expect(failure.response.status).toBe(404)
    expect(failure.response.data).toMatchObject({ code: 'RESOURCE_NOT_EXISTS' })
    expect(failure.response.headers['request-id']).toMatch(/^[0-9A-F]{44}-0$/)
    const { response, text } = await signedFetch('/v3/certificates')
    expect(response.status).toBe(404)
    expectSignedByPlatform(response, text)
  })

  it('in certificate mode both SDKs read and decrypt the platform certificates', async () => {
    credentials = await app.merchantApi.issueCredentials({
      merchantId: credentials.mchid,
      platformKeyMode: 'cert',
    })
    expect(credentials.platform_key_id).toMatch(/^[0-9A-F]{40}$/)
    const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
    const { data, headers } = await wxpay.v3.certificates.get()
    expect(headers['wechatpay-serial']).toBe(credentials.platform_key_id)
    const [first] = data.data
    expect(first.serial_no).toBe(credentials.platform_key_id)
    expect(first.expire_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    const { nonce, associated_data: aad, ciphertext } = first.encrypt_certificate
    const pem = axiosPlugin.Aes.AesGcm.decrypt(ciphertext, credentials.apiv3_key, nonce, aad)
    expect(pem).toBe(credentials.platform_key_pem)
    const { pay } = nodeV3Client(baseUrl, credentials, privateKeyPem)
    const fetched = await pay.get_certificates(credentials.apiv3_key)
    expect(fetched.map((item: { serial_no: string }) => item.serial_no)).toContain(
      credentials.platform_key_id,
    )
  })

  it('after a rotation the request’s Wechatpay-Serial picks the old key, otherwise the new', async () => {
    const old = credentials.platform_key_id
    credentials = await app.merchantApi.issueCredentials({
      merchantId: credentials.mchid,
      platformKeyMode: 'cert',
      rotatePlatformKey: true,
    })
    expect(credentials.platform_key_id).not.toBe(old)
    const wxpay = axiosClient(baseUrl, credentials, privateKeyPem)
    const byDefault = await wxpay.v3.certificates.get()
    expect(byDefault.headers['wechatpay-serial']).toBe(credentials.platform_key_id)
    const chosen = await wxpay.v3.certificates.get({ headers: { 'Wechatpay-Serial': old } })
    expect(chosen.headers['wechatpay-serial']).toBe(old)
    expect(chosen.data.data.map((item: { serial_no: string }) => item.serial_no).sort()).toEqual(
      [old, credentials.platform_key_id].sort(),
    )
  })

  it('accepts the fields in any order, a lower-case serial and a short nonce', async () => {
    const { response, text } = await signedFetch('/v3/certificates', { nonce: 'x1' })
    expect(response.status, text).toBe(200)
    expectSignedByPlatform(response, text)
  })

  it.each([
    ['wrong serial', { serial: 'ABCDEF0123456789' }, 'serial_no'],
    ['old timestamp', { timestamp: Math.floor(Date.now() / 1000) - 301 }, 'timestamp'],
    ['tampered query', { sentPath: '/v3/certificates?x=1' }, 'signature'],
    [
      'wrong key',
      {
        key: generateKeyPairSync('rsa', { modulusLength: 2048 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
      'signature',
    ],
  ])(
    'refuses a request with a %s: 401 SIGN_ERROR naming the field',
    async (_name, options, field) => {
      const { response, text } = await signedFetch('/v3/certificates', options)
      expect(response.status).toBe(401)
      expect(JSON.parse(text)).toMatchObject({ code: 'SIGN_ERROR', detail: { field } })
      expectSignedByPlatform(response, text)
    },
  )

  it('refuses a tampered body with the signed message it expected', async () => {
    const body = JSON.stringify({ mchid: credentials.mchid })
    const { response, text } = await signedFetch('/v3/certificates', {
      method: 'POST',
      body,
      sentBody: body.replace('}', ',"x":1}'),
    })
    expect(response.status).toBe(401)
    expect(JSON.parse(text).detail.sign_information).toMatchObject({
      method: 'POST',
      url: '/v3/certificates',
    })
  })

  it('refuses a replayed nonce and a missing header', async () => {
    const first = await signedFetch('/v3/certificates', { nonce: 'replay-me' })
    expect(first.response.status).toBe(200)
    const replay = await signedFetch('/v3/certificates', { nonce: 'replay-me' })
    expect(replay.response.status).toBe(401)
    expect(JSON.parse(replay.text).detail.field).toBe('nonce_str')
    const bare = await fetch(`${baseUrl}/v3/certificates`)
    expect(bare.status).toBe(401)
    expect(await bare.json()).toMatchObject({ code: 'SIGN_ERROR', detail: { issue: 'missing' } })
  })
})
