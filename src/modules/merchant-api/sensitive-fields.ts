/**
 * Sensitive fields (reference §3.3): a merchant encrypts them (e.g. a profit-sharing receiver's
 * `name`) with one of our platform public keys, RSA-OAEP with SHA-1 and MGF1-SHA1, base64, and
 * names the key in `Wechatpay-Serial`; we decrypt with that key's private key. wechatpay-node-v3
 * sends the merchant's own serial there by default, so when the named key is not one of the
 * merchant's, each of its valid keys is tried. Fields we send back are encrypted with the
 * merchant's own API public key (it decrypts with apiclient_key.pem).
 */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto'
import type { MerchantApiContext } from './context.ts'
import { loadCredentialsRow } from './credentials.ts'

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' } as const

/** The plaintext, or undefined when no key of the merchant's decrypts it. */
export async function decryptSensitiveField(
  ctx: MerchantApiContext,
  merchantId: string,
  requestedKeyId: string | undefined,
  ciphertextBase64: string,
): Promise<string | undefined> {
  const rows = await ctx.db
    .selectFrom('merchant_api_platform_keys')
    .select(['id', 'private_key_enc'])
    .where('merchant_id', '=', merchantId)
    .where('valid_until', '>', new Date(ctx.clock.nowMs()))
    .execute()
  rows.sort((a, b) => Number(b.id === requestedKeyId) - Number(a.id === requestedKeyId))
  const ciphertext = Buffer.from(ciphertextBase64, 'base64')
  for (const row of rows) {
    try {
      const key = ctx.secrets.decrypt(row.private_key_enc)
      return privateDecrypt({ key, ...OAEP }, ciphertext).toString('utf8')
    } catch {
      // Not this key: try the next.
    }
  }
  return undefined
}

export async function encryptForMerchant(
  ctx: MerchantApiContext,
  merchantId: string,
  plaintext: string,
): Promise<string | undefined> {
  const row = await loadCredentialsRow(ctx, merchantId)
  if (row === undefined) return undefined
  const key = row.merchant_public_key_pem
  return publicEncrypt({ key, ...OAEP }, Buffer.from(plaintext, 'utf8')).toString('base64')
}
