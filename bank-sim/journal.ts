/**
 * @module journal
 * Append-only JSON-lines journal: one entry per line, fsync'd before the simulator answers, so
 * an acknowledged request survives a kill -9. Replayed in full at start.
 *
 * A process killed mid-append can leave a torn last line. That entry was never acknowledged,
 * so replay drops it (and truncates the file); a bad line anywhere else is corruption and stops
 * the start. A lock file keeps two simulators from writing one journal.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { assert } from './assert.ts'
import type { JournalEntry } from './state.ts'

/** The largest entry is a card or a failed request with details: well under 4 KiB. */
export const JOURNAL_LINE_BYTES_MAX = 16 * 1024
/** Replay reads the whole file; past this, start over with a fresh data dir. */
export const JOURNAL_BYTES_MAX = 512 * 1024 * 1024

export const JOURNAL_FILE_NAME = 'bank-journal.jsonl'
const LOCK_FILE_NAME = 'bank-sim.lock'

export interface Journal {
  readonly path: string
  /** Appends entries in one write and one fsync. */
  append(entries: readonly JournalEntry[]): void
  close(): void
}

export interface OpenedJournal {
  journal: Journal
  /** Entries already in the journal, in order; empty for a new data dir. */
  entries: JournalEntry[]
  /** Bytes of a torn last line that replay dropped (0 normally). */
  droppedTailBytes: number
}

/**
 * Opens (or creates) the journal in `dataDir`. A new or empty journal is first filled with
 * `seedEntries()` in one atomic write, so a crash while seeding leaves no half-seeded books.
 */
export function openJournal(dataDir: string, seedEntries: () => JournalEntry[]): OpenedJournal {
  mkdirSync(dataDir, { recursive: true })
  const releaseLock = acquireLock(join(dataDir, LOCK_FILE_NAME))
  try {
    const path = join(dataDir, JOURNAL_FILE_NAME)
    if (!existsSync(path) || statSync(path).size === 0) {
      writeFileAtomic(
        path,
        seedEntries()
          .map((entry) => `${JSON.stringify(entry)}\n`)
          .join(''),
      )
    }
    const { entries, validBytes, totalBytes } = readEntries(path)
    const fd = openSync(path, 'r+')
    if (validBytes < totalBytes) {
      ftruncateSync(fd, validBytes)
      fsyncSync(fd)
    }
    closeSync(fd)
    const appendFd = openSync(path, 'a')
    let closed = false
    const journal: Journal = {
      path,
      append(entriesToAppend) {
        assert(!closed, 'append to a closed journal')
        const lines = entriesToAppend.map((entry) => {
          const line = `${JSON.stringify(entry)}\n`
          assert(Buffer.byteLength(line) <= JOURNAL_LINE_BYTES_MAX, 'journal line too long')
          return line
        })
        writeSync(appendFd, lines.join(''))
        fsyncSync(appendFd)
      },
      close() {
        if (closed) return
        closed = true
        closeSync(appendFd)
        releaseLock()
      },
    }
    return { journal, entries, droppedTailBytes: totalBytes - validBytes }
  } catch (error) {
    releaseLock()
    throw error
  }
}

function readEntries(path: string): {
  entries: JournalEntry[]
  validBytes: number
  totalBytes: number
} {
  const totalBytes = statSync(path).size
  assert(totalBytes <= JOURNAL_BYTES_MAX, `journal ${path} is larger than JOURNAL_BYTES_MAX`)
  const content = readFileSync(path)
  const entries: JournalEntry[] = []
  let lineStart = 0
  while (lineStart < content.length) {
    const newline = content.indexOf(0x0a, lineStart)
    // No newline: a torn write at the tail, never acknowledged. Drop it.
    if (newline === -1) break
    assert(newline - lineStart <= JOURNAL_LINE_BYTES_MAX, `journal line at ${lineStart} too long`)
    const text = content.subarray(lineStart, newline).toString('utf8')
    let entry: JournalEntry
    try {
      entry = JSON.parse(text) as JournalEntry
    } catch {
      throw new Error(`journal ${path} is corrupt at byte ${lineStart}; refusing to start`)
    }
    assert(typeof entry === 'object' && entry !== null && typeof entry.seq === 'number', 'entry')
    entries.push(entry)
    lineStart = newline + 1
  }
  return { entries, validBytes: lineStart, totalBytes }
}

/**
 * Takes the data dir's lock file, or fails if a live process holds it. A lock left by a killed
 * process (its pid no longer exists) is taken over.
 */
function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(lockPath, { force: true })
      }
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) throw error
      const holderPid = Number(readFileSync(lockPath, 'utf8').trim())
      if (Number.isSafeInteger(holderPid) && holderPid > 0 && isProcessAlive(holderPid)) {
        throw new Error(`data dir is in use by process ${holderPid} (${lockPath})`)
      }
      rmSync(lockPath, { force: true })
    }
  }
  throw new Error(`could not take the lock ${lockPath}`)
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isErrorCode(error, 'EPERM')
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}

/** Writes a whole file atomically: temp file, fsync, rename, fsync of the directory. */
function writeFileAtomic(path: string, content: string): void {
  const temporaryPath = `${path}.${process.pid}.tmp`
  const fd = openSync(temporaryPath, 'w')
  try {
    writeSync(fd, content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporaryPath, path)
  const directoryFd = openSync(dirname(path), 'r')
  try {
    fsyncSync(directoryFd)
  } finally {
    closeSync(directoryFd)
  }
}
