/**
 * The data key: from LQ_DATA_KEY (base64, 32 bytes) in production; otherwise generated once
 * into `<dataDir>/data.key` (mode 0600) so a self-hosted install works out of the box. Losing
 * the key makes encrypted ID and card numbers unreadable: back it up with the database.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/index.ts'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function loadDataKey(options: {
  dataKeyBase64: string | undefined
  dataDir: string
}): Buffer {
  if (options.dataKeyBase64 !== undefined) {
    const key = Buffer.from(options.dataKeyBase64, 'base64')
    if (key.length !== 32) throw new Error('LQ_DATA_KEY must be 32 bytes, base64-encoded')
    return key
  }
  const path = join(options.dataDir, 'data.key')
  if (!existsSync(path)) {
    mkdirSync(options.dataDir, { recursive: true })
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`)
  return key
}

const FINGERPRINT_LABEL = 'lingqian data key fingerprint v1'

/** HMAC-SHA256 of a fixed label under the key: names the key without revealing it. */
export function dataKeyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update(FINGERPRINT_LABEL).digest('hex')
}

/**
 * Records the key's fingerprint on first start; afterwards refuses a process whose key differs
 * (it would answer every card and ID operation with a decryption failure).
 */
export async function assertDataKeyMatches(database: DatabaseHandle, key: Buffer): Promise<void> {
  const fingerprint = dataKeyFingerprint(key)
  await sql`INSERT INTO platform_data_key (id, fingerprint) VALUES (1, ${fingerprint})
    ON CONFLICT (id) DO NOTHING`.execute(database.db)
  const stored = await sql<{ fingerprint: string }>`
    SELECT fingerprint FROM platform_data_key WHERE id = 1`.execute(database.db)
  const expected = stored.rows[0]?.fingerprint
  if (expected === fingerprint) return
  throw new Error(
    `Data key mismatch: the database expects data key fingerprint ${expected ?? '(none)'}, ` +
      `this process has ${fingerprint}. Set LQ_DATA_KEY to the key of the first process ` +
      '(or copy its data.key into this data directory); every process on one database needs ' +
      'the same key.',
  )
}

/** The given key, else LQ_DATA_KEY / data.key, once it matches the database's fingerprint. */
export async function checkedDataKey(
  database: DatabaseHandle,
  given: Buffer | undefined,
  options: { dataKeyBase64: string | undefined; dataDir: string },
): Promise<Buffer> {
  const key = given ?? loadDataKey(options)
  await assertDataKeyMatches(database, key)
  return key
}
