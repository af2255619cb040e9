/**
 * A pid lock file for the embedded database directory. PGlite cannot share a directory between
 * processes, so the second one is refused with a clear message instead of corrupting data.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError'
}

/** Lock files this process took: a file naming our pid that is not here is a previous life's. */
const heldHere = new Set<string>()

function lockPathOf(directory: string): string {
  return join(directory, '..', `${directory.split('/').at(-1)}.lock`)
}

export function acquireDataDirLock(directory: string): () => void {
  mkdirSync(directory, { recursive: true })
  const lockPath = lockPathOf(directory)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      heldHere.add(lockPath)
      return () => {
        heldHere.delete(lockPath)
        rmSync(lockPath, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = dataDirLockHolder(directory)
      if (holder !== undefined) {
        throw new DataDirBusyError(
          holder === process.pid
            ? `the database in ${directory} is already open in this process`
            : `the database in ${directory} is in use by process ${holder}; stop it first ` +
                '(the embedded database serves one process at a time)',
        )
      }
      // A stale lock from a process that died (kill -9): take it over.
      rmSync(lockPath, { force: true })
    }
  }
  throw new DataDirBusyError(`could not lock ${directory}`)
}

/**
 * The live process holding the directory's lock, or undefined when it is free or stale. Our own
 * pid counts only when this process took the lock: after a restart in a container the new
 * process often gets the pid the dead one wrote.
 */
export function dataDirLockHolder(directory: string): number | undefined {
  const lockPath = lockPathOf(directory)
  let text: string
  try {
    text = readFileSync(lockPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const holder = Number(text)
  if (!Number.isSafeInteger(holder) || holder <= 0) return undefined
  if (holder === process.pid) return heldHere.has(lockPath) ? holder : undefined
  return isAlive(holder) ? holder : undefined
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
