/**
 * A merchant's v3 credentials: appid, APIv3 key, the merchant API key (we generate a key pair
 * and certificate, or the merchant uploads its public key and we certify it) and the platform
 * keys that sign what we send it. Issuing is idempotent: the first call creates, later calls
 * return the same credentials without the merchant's private key (it is never stored), and may
 * add a platform key of another mode or rotate to a new one (the old one stays valid).
 */
import { createPublicKey, randomBytes } from 'node:crypto'
import { assert } from '../../shared/assert.ts'
import { DomainError } from '../../shared/errors.ts'
import {
  type MerchantApiContext,
  PLATFORM_KEYS_PER_MERCHANT_MAX,
  type PlatformKeyMode,
  PUBLIC_KEY_PEM_LENGTH_MAX,
} from './context.ts'
import { type BillDownloadHost, setBillDownloadHost } from './bill-downloads.ts'
import { generateRsaKeyPair, issueCertificate, newCertificateSerial } from './key-material.ts'
import {
  addPlatformKey,
  listPlatformKeys,
  makeDefaultPlatformKey,
  type PlatformKey,
} from './platform-keys.ts'

export interface CredentialsRequest {
  merchantId: string
  /** The merchant's own RSA public key (SPKI PEM); without it we generate a key pair. */
  publicKeyPem?: string
  /** The mode of the default platform key; a new key of this mode is made when none exists. */
  platformKeyMode?: PlatformKeyMode
  /** Make a new platform key the default even if one of this mode exists (rotation). */
  rotatePlatformKey?: boolean
  /** Where bill download_urls point (bill-downloads.ts); unchanged when not given. */
  billDownloadHost?: BillDownloadHost
}

export interface MerchantCredentials {
  mchid: string
  appid: string
  apiv3_key: string
  merchant_serial_no: string
  /** Only in the answer that generated it: we keep no copy. */
  merchant_private_key_pem?: string
  merchant_certificate_pem: string
  platform_key_id: string
  platform_key_pem: string
  platform_key_mode: PlatformKeyMode
  /** Every platform key still valid (the default first): what a merchant should trust. */
  platform_keys: { id: string; mode: PlatformKeyMode; pem: string; valid_until_ms: number }[]
  /** 'official': bill download_urls name https://api.mch.weixin.qq.com (for wechatpay-node-v3). */
  bill_download_host: BillDownloadHost
}

const APIV3_KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

function newApiV3Key(): string {
  let key = ''
  for (const byte of randomBytes(64)) {
    if (key.length === 32) break
    if (byte < 4 * APIV3_KEY_ALPHABET.length) key += APIV3_KEY_ALPHABET[byte % 57]
  }
  assert(key.length === 32, 'APIv3 key length')
  return key
}

/** An uploaded key must be an RSA public key of at least 2048 bits. */
function checkedPublicKey(pem: string): string {
  if (pem.length > PUBLIC_KEY_PEM_LENGTH_MAX) {
    throw new DomainError('INVALID_REQUEST', { field: 'publicKey' })
  }
  try {
    const key = createPublicKey(pem)
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
    if (key.asymmetricKeyType !== 'rsa' || bits < 2048) throw new Error('not RSA-2048')
    return key.export({ type: 'spki', format: 'pem' }).toString()
  } catch {
    throw new DomainError('INVALID_REQUEST', { field: 'publicKey', reason: 'RSA_2048_SPKI_PEM' })
  }
}

async function createCredentials(ctx: MerchantApiContext, request: CredentialsRequest) {
  const nowMs = ctx.clock.nowMs()
  const generated = request.publicKeyPem === undefined ? generateRsaKeyPair() : undefined
  const publicKeyPem = generated?.publicKeyPem ?? checkedPublicKey(request.publicKeyPem as string)
  // An uploaded key is certified by a fresh issuer key (we cannot self-sign without theirs).
  const signer = generated ?? generateRsaKeyPair()
  const serialNo = newCertificateSerial()
  const certificatePem = issueCertificate({
    serialHex: serialNo,
    subjectCommonName: request.merchantId,
    subjectOrganizationalUnit: 'Lingqian merchant API',
    publicKeyPem,
    signingPrivateKeyPem: signer.privateKeyPem,
    notBeforeMs: nowMs,
    notAfterMs: nowMs + ctx.rules.merchantCertificateValidityMs,
  })
  const apiV3Key = newApiV3Key()
  const inserted = await ctx.db
    .insertInto('merchant_api_credentials')
    .values({
      merchant_id: request.merchantId,
      appid: `wx${randomBytes(8).toString('hex')}`,
      apiv3_key_enc: ctx.secrets.encrypt(apiV3Key),
      merchant_serial_no: serialNo,
      merchant_public_key_pem: publicKeyPem,
      merchant_certificate_pem: certificatePem,
      key_source: generated ? 'generated' : 'uploaded',
      created_at: new Date(nowMs),
      updated_at: new Date(nowMs),
    })
    .onConflict((conflict) => conflict.column('merchant_id').doNothing())
    .returning('merchant_id')
    .executeTakeFirst()
  // A concurrent first call won: its credentials stand, ours (and our private key) are dropped.
  return inserted === undefined ? undefined : generated?.privateKeyPem
}

export async function issueCredentials(
  ctx: MerchantApiContext,
  request: CredentialsRequest,
): Promise<MerchantCredentials> {
  await ctx.merchants.get(request.merchantId) // NOT_FOUND for an unknown merchant
  const existing = await loadCredentialsRow(ctx, request.merchantId)
  if (existing !== undefined && request.publicKeyPem !== undefined) {
    throw new DomainError('MERCHANT_API_CREDENTIALS_EXIST')
  }
  const privateKeyPem = existing ? undefined : await createCredentials(ctx, request)
  if (request.billDownloadHost !== undefined) {
    await setBillDownloadHost(ctx, request.merchantId, request.billDownloadHost)
  }
  const row = await loadCredentialsRow(ctx, request.merchantId)
  assert(row !== undefined, 'credentials row after create')
  const keys = await listPlatformKeys(ctx, request.merchantId)
  const mode = request.platformKeyMode ?? keys[0]?.mode ?? 'pubkey'
  const ofMode = keys.find((key) => key.mode === mode)
  if (ofMode === undefined || request.rotatePlatformKey === true) {
    if (keys.length >= PLATFORM_KEYS_PER_MERCHANT_MAX) {
      throw new DomainError('LIMIT_EXCEEDED', { rule: 'PLATFORM_KEYS_PER_MERCHANT' })
    }
    await addPlatformKey(ctx, request.merchantId, mode)
  } else if (!ofMode.isDefault) {
    await makeDefaultPlatformKey(ctx, request.merchantId, ofMode.id)
  }
  return toCredentials(ctx, row, await listPlatformKeys(ctx, request.merchantId), privateKeyPem)
}

export async function loadCredentialsRow(ctx: MerchantApiContext, merchantId: string) {
  return ctx.db
    .selectFrom('merchant_api_credentials')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .executeTakeFirst()
}

function toCredentials(
  ctx: MerchantApiContext,
  row: NonNullable<Awaited<ReturnType<typeof loadCredentialsRow>>>,
  keys: PlatformKey[],
  privateKeyPem: string | undefined,
): MerchantCredentials {
  const platform = keys[0]
  assert(platform !== undefined && platform.isDefault, 'a default platform key')
  const pemOf = (key: PlatformKey) => key.certificatePem ?? key.publicKeyPem
  return {
    mchid: row.merchant_id,
    appid: row.appid,
    apiv3_key: ctx.secrets.decrypt(row.apiv3_key_enc),
    merchant_serial_no: row.merchant_serial_no,
    ...(privateKeyPem ? { merchant_private_key_pem: privateKeyPem } : {}),
    merchant_certificate_pem: row.merchant_certificate_pem ?? '',
    platform_key_id: platform.id,
    platform_key_pem: pemOf(platform),
    platform_key_mode: platform.mode,
    platform_keys: keys.map((key) => ({
      id: key.id,
      mode: key.mode,
      pem: pemOf(key),
      valid_until_ms: key.validUntilMs,
    })),
    bill_download_host: row.bill_download_host === 'official' ? 'official' : 'server',
  }
}

/** The credentials without their secrets (the console's keys page): undefined before any. */
export async function describeCredentials(ctx: MerchantApiContext, merchantId: string) {
  const row = await loadCredentialsRow(ctx, merchantId)
  if (row === undefined) return undefined
  const { apiv3_key: _secret, ...view } = toCredentials(
    ctx,
    row,
    await listPlatformKeys(ctx, merchantId),
    undefined,
  )
  const keySource: 'generated' | 'uploaded' =
    row.key_source === 'uploaded' ? 'uploaded' : 'generated'
  return { ...view, key_source: keySource }
}
