/**
 * Operator passwords: argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane), passed
 * explicitly so a library upgrade cannot silently change the cost of stored hashes.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2'
import { randomToken } from '../../shared/crypto.ts'

// The package's Algorithm is an ambient const enum, which verbatimModuleSyntax cannot inline.
const ARGON2ID: Algorithm = 2
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const OPERATOR_PASSWORD_LENGTH_MIN = 8
export const OPERATOR_PASSWORD_LENGTH_MAX = 128

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password, ARGON2_OPTIONS)
}

let decoyHash: Promise<string> | undefined

/**
 * Verifies against a throwaway hash, so that an unknown username costs as much time as a wrong
 * password and response times do not tell which usernames exist.
 */
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword(randomToken(16))
  await verify(await decoyHash, password, ARGON2_OPTIONS)
}
