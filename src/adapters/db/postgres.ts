import { Kysely, type LogConfig, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type DatabaseHandle, parseInt8 } from './db.ts'

const INT8_OID = 20
// Set once for the process: node-postgres type parsers are global.
pg.types.setTypeParser(INT8_OID, parseInt8)

export interface PostgresOptions {
  connectionString: string
  /** About 2× cores: more connections only add contention on a small machine (ledgers.md §3.3). */
  poolMax: number
  /** Kysely's query log (the benchmark counts round trips with it); none by default. */
  log?: LogConfig
}

export async function openPostgres(options: PostgresOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  })
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  const db = new Kysely({
    dialect: new PostgresDialect({ pool }),
    ...(options.log === undefined ? {} : { log: options.log }),
  })
  return {
    kind: 'postgres',
    db,
    async execScript(script) {
      const client = await pool.connect()
      try {
        await client.query(script)
      } finally {
        client.release()
      }
    },
    async withSession(work) {
      const client = await pool.connect()
      try {
        return await work(async (script) => {
          await client.query(script)
        })
      } finally {
        client.release()
      }
    },
    async close() {
      await db.destroy()
    },
  }
}
