/**
 * AEAD_AES_256_GCM as WeChat uses it (reference §5.2): the 32-character APIv3 key as the raw key,
 * a 12-character nonce used as its UTF-8 bytes, the associated data as UTF-8, and
 * base64(ciphertext ‖ 16-byte tag). Used for notifications and `/v3/certificates`.
 */
import { createCipheriv, createDecipheriv, randomInt } from 'node:crypto'
import { assert } from '../../shared/assert.ts'

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM'
  nonce: string
  associated_data: string
  ciphertext: string
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function newAeadNonce(): string {
  let nonce = ''
  for (let index = 0; index < 12; index += 1) nonce += NONCE_ALPHABET[randomInt(0, 62)]
  return nonce
}

function checkedKey(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8')
  assert(key.length === 32, 'APIv3 key is 32 bytes')
  return key
}

export function encryptResource(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
): EncryptedResource {
  // Non-empty: WeChat's own Java utility rejects an empty associated_data (reference §5.2).
  assert(associatedData.length > 0, 'associated_data is not empty')
  const nonce = newAeadNonce()
  const cipher = createCipheriv('aes-256-gcm', checkedKey(apiV3Key), Buffer.from(nonce, 'utf8'))
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ])
  return {
    algorithm: 'AEAD_AES_256_GCM',
    nonce,
    associated_data: associatedData,
    ciphertext: body.toString('base64'),
  }
}

/** The inverse, checking the tag (tests and the sandbox's own verification use it). */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  const data = Buffer.from(resource.ciphertext, 'base64')
  const decipher = createDecipheriv(
    'aes-256-gcm',
    checkedKey(apiV3Key),
    Buffer.from(resource.nonce, 'utf8'),
  )
  decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'))
  decipher.setAuthTag(data.subarray(data.length - 16))
  return Buffer.concat([
    decipher.update(data.subarray(0, data.length - 16)),
    decipher.final(),
  ]).toString('utf8')
}
