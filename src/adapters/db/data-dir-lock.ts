/**
 * A pid lock file for the embedded database directory. PGlite cannot share a directory between
 * processes, so the second one is refused with a clear message instead of corrupting data.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError'
}

export function acquireDataDirLock(directory: string): () => void {
  mkdirSync(directory, { recursive: true })
  const lockPath = join(directory, '..', `${directory.split('/').at(-1)}.lock`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      return () => rmSync(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(lockPath, 'utf8'))
      if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirBusyError(
          `the database in ${directory} is in use by process ${holder}; stop it first ` +
            '(the embedded database serves one process at a time)',
        )
      }
      // A stale lock from a process that died (kill -9): take it over.
      rmSync(lockPath, { force: true })
    }
  }
  throw new DataDirBusyError(`could not lock ${directory}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
