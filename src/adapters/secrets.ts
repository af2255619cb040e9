/**
 * The data key: from LQ_DATA_KEY (base64, 32 bytes) in production; otherwise generated once
 * into `<dataDir>/data.key` (mode 0600) so a self-hosted install works out of the box. Losing
 * the key makes encrypted ID and card numbers unreadable: back it up with the database.
 */
import { randomBytes } from 'node:crypto'
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
