export {
  type DatabaseHandle,
  type DatabaseKind,
  type Db,
  isRetryableDatabaseError,
  parseInt8,
} from './db.ts'
export {
  appliedMigrations,
  loadMigrations,
  loadRepeatableMigrations,
  migrate,
  migrationsPending,
} from './migrate.ts'
export { openPglite, type PgliteHandle } from './pglite.ts'
export { openPostgres } from './postgres.ts'
export { createScratchDatabase, type ScratchDatabase } from './scratch.ts'
export { acquireDataDirLock, DataDirBusyError, dataDirLockHolder } from './data-dir-lock.ts'
