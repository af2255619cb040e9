/**
 * Platform keys: what signs our responses and notifications to one merchant. Each merchant has
 * one default key; a rotation adds a new default and keeps the older keys valid until they
 * expire, so a request naming an older key in `Wechatpay-Serial` still gets it (reference §2.5).
 */
import { assert } from '../../shared/assert.ts'
import type { MerchantApiContext, PlatformKeyMode } from './context.ts'
import {
  generateRsaKeyPair,
  issueCertificate,
  newCertificateSerial,
  newPublicKeyId,
} from './key-material.ts'

export interface PlatformKey {
  id: string
  mode: PlatformKeyMode
  publicKeyPem: string
  certificatePem: string | null
  isDefault: boolean
  validFromMs: number
  validUntilMs: number
}

export interface PlatformSigner {
  id: string
  privateKeyPem: string
}

/** Adds a new key of `mode` and makes it the merchant's default, in one transaction. */
export async function addPlatformKey(
  ctx: MerchantApiContext,
  merchantId: string,
  mode: PlatformKeyMode,
): Promise<string> {
  const nowMs = ctx.clock.nowMs()
  const pair = generateRsaKeyPair()
  const id = mode === 'pubkey' ? newPublicKeyId() : newCertificateSerial()
  const validUntilMs = nowMs + ctx.rules.platformKeyValidityMs
  const certificatePem =
    mode === 'cert'
      ? issueCertificate({
          serialHex: id,
          subjectCommonName: 'Lingqian platform',
          subjectOrganizationalUnit: `Lingqian platform certificate for ${merchantId}`,
          publicKeyPem: pair.publicKeyPem,
          signingPrivateKeyPem: pair.privateKeyPem,
          notBeforeMs: nowMs,
          notAfterMs: validUntilMs,
        })
      : null
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('merchant_api_platform_keys')
      .set({ is_default: false })
      .where('merchant_id', '=', merchantId)
      .where('is_default', '=', true)
      .execute()
    await trx
      .insertInto('merchant_api_platform_keys')
      .values({
        id,
        merchant_id: merchantId,
        kind: mode,
        private_key_enc: ctx.secrets.encrypt(pair.privateKeyPem),
        public_key_pem: pair.publicKeyPem,
        certificate_pem: certificatePem,
        is_default: true,
        valid_from: new Date(nowMs),
        valid_until: new Date(validUntilMs),
        created_at: new Date(nowMs),
      })
      .execute()
  })
  return id
}

export async function makeDefaultPlatformKey(
  ctx: MerchantApiContext,
  merchantId: string,
  keyId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('merchant_api_platform_keys')
      .set({ is_default: false })
      .where('merchant_id', '=', merchantId)
      .where('is_default', '=', true)
      .execute()
    const updated = await trx
      .updateTable('merchant_api_platform_keys')
      .set({ is_default: true })
      .where('merchant_id', '=', merchantId)
      .where('id', '=', keyId)
      .executeTakeFirst()
    assert(updated.numUpdatedRows === 1n, 'platform key to make default')
  })
}

/** The merchant's keys still valid now, the default first, then newest first. */
export async function listPlatformKeys(
  ctx: MerchantApiContext,
  merchantId: string,
): Promise<PlatformKey[]> {
  const rows = await ctx.db
    .selectFrom('merchant_api_platform_keys')
    .select([
      'id',
      'kind',
      'public_key_pem',
      'certificate_pem',
      'is_default',
      'valid_from',
      'valid_until',
    ])
    .where('merchant_id', '=', merchantId)
    .where('valid_until', '>', new Date(ctx.clock.nowMs()))
    .orderBy('is_default', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    mode: row.kind as PlatformKeyMode,
    publicKeyPem: row.public_key_pem,
    certificatePem: row.certificate_pem,
    isDefault: row.is_default,
    validFromMs: new Date(row.valid_from).getTime(),
    validUntilMs: new Date(row.valid_until).getTime(),
  }))
}

/**
 * The key that signs a response: the one the request named in `Wechatpay-Serial` when it is
 * this merchant's and still valid, otherwise the default (an unknown value is tolerated:
 * wechatpay-node-v3 sends the merchant's own serial there).
 */
export async function platformSigner(
  ctx: MerchantApiContext,
  merchantId: string,
  requestedKeyId: string | undefined,
): Promise<PlatformSigner | undefined> {
  const rows = await ctx.db
    .selectFrom('merchant_api_platform_keys')
    .select(['id', 'private_key_enc', 'is_default'])
    .where('merchant_id', '=', merchantId)
    .where('valid_until', '>', new Date(ctx.clock.nowMs()))
    .execute()
  const chosen =
    rows.find((row) => requestedKeyId !== undefined && row.id === requestedKeyId) ??
    rows.find((row) => row.is_default)
  if (chosen === undefined) return undefined
  return { id: chosen.id, privateKeyPem: ctx.secrets.decrypt(chosen.private_key_enc) }
}
