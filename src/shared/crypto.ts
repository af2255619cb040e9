/**
 * @module crypto
 * Encryption at rest for sensitive fields (ID numbers, card numbers: JR/T 0171 class C2) and
 * keyed hashes for looking them up without decrypting. AES-256-GCM with a random nonce; the
 * key comes from configuration and never appears in logs or the database.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { assert } from './assert.ts'

const KEY_BYTES = 32
const NONCE_BYTES = 12
const VERSION = 'v1'

export interface SecretBox {
  encrypt(plaintext: string): string
  decrypt(sealed: string): string
  /** A stable keyed hash: equal inputs give equal outputs, the input cannot be recovered. */
  keyedHash(value: string): string
}

export function createSecretBox(key: Buffer): SecretBox {
  assert(key.length === KEY_BYTES, 'the data key must be 32 bytes')
  const encryptionKey = createHmac('sha256', key).update('lingqian:encrypt').digest()
  const hashKey = createHmac('sha256', key).update('lingqian:hash').digest()
  return {
    encrypt(plaintext) {
      const nonce = randomBytes(NONCE_BYTES)
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce)
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return [
        VERSION,
        nonce.toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.')
    },
    decrypt(sealed) {
      const [version, nonce, body, tag] = sealed.split('.')
      assert(version === VERSION && nonce && body !== undefined && tag, 'sealed value format')
      const decipher = createDecipheriv(
        'aes-256-gcm',
        encryptionKey,
        Buffer.from(nonce, 'base64url'),
      )
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    },
    keyedHash(value) {
      return createHmac('sha256', hashKey).update(value).digest('base64url')
    },
  }
}

/** sha256 of an opaque token (session tokens are stored this way, never in the clear). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/** A random URL-safe token with `bytes` of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** An unguessable id such as `u_k3j9…` (ids appear in URLs, so they must not be enumerable). */
export function randomId(prefix: string, length = 20): string {
  const bytes = randomBytes(length)
  let id = `${prefix}_`
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length]
  return id
}

/** A uniformly random string of decimal digits (SMS codes). */
export function randomDigits(count: number): string {
  let digits = ''
  while (digits.length < count) {
    const byte = randomBytes(1)[0] as number
    if (byte < 250) digits += String(byte % 10)
  }
  return digits
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
