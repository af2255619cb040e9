/** The embedded database directory's pid lock: one holder, stale locks taken over. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireDataDirLock, DataDirBusyError, dataDirLockHolder } from './data-dir-lock.ts'

let root: string
let directory: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lq-lock-'))
  directory = join(root, 'pglite')
})

afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('the data directory lock', () => {
  it('refuses a second open in the same process, and frees on release', () => {
    const release = acquireDataDirLock(directory)
    expect(dataDirLockHolder(directory)).toBe(process.pid)
    expect(() => acquireDataDirLock(directory)).toThrow(DataDirBusyError)
    expect(() => acquireDataDirLock(directory)).toThrow(/already open in this process/)
    release()
    expect(dataDirLockHolder(directory)).toBeUndefined()
    acquireDataDirLock(directory)()
  })

  it('refuses a directory another live process holds', () => {
    acquireDataDirLock(directory)()
    writeFileSync(join(root, 'pglite.lock'), String(process.ppid))
    expect(dataDirLockHolder(directory)).toBe(process.ppid)
    expect(() => acquireDataDirLock(directory)).toThrow(`in use by process ${process.ppid}`)
  })

  it('takes over a lock left by a dead process or a previous life with our pid', () => {
    acquireDataDirLock(directory)()
    for (const stale of ['2147483646', String(process.pid), 'garbage']) {
      writeFileSync(join(root, 'pglite.lock'), stale)
      expect(dataDirLockHolder(directory)).toBeUndefined()
      const release = acquireDataDirLock(directory)
      expect(dataDirLockHolder(directory)).toBe(process.pid)
      release()
    }
  })
})
