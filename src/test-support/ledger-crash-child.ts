/**
 * Child process for the crash test: opens the database named by LQ_CRASH_DATA_DIR (PGlite) or
 * DATABASE_URL, then performs transfers forever, printing `ACK <key> <transferId>` after each
 * one the ledger acknowledged. The parent kills it with SIGKILL at a random moment.
 */
import { systemClock } from '../adapters/clock/index.ts'
import { type DatabaseHandle, migrate, openPglite, openPostgres } from '../adapters/db/index.ts'
import { createLedger } from '../modules/ledger/index.ts'

const PARALLEL_WRITERS = 4

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL
  const database: DatabaseHandle = url
    ? await openPostgres({ connectionString: url, poolMax: 4 })
    : await openPglite({ dataDir: process.env.LQ_CRASH_DATA_DIR as string })
  await migrate(database)
  const ledger = createLedger({ database, clock: systemClock })
  const source = await ledger.openAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'crash-src',
    currency: 'CNY',
  })
  const payee = await ledger.openAccount({
    ownerKind: 'user',
    ownerId: 'crash-payee',
    purpose: 'balance',
    currency: 'CNY',
    debitsMustNotExceedCredits: true,
  })
  process.stdout.write(`READY ${source.id} ${payee.id}\n`)
  let next = 0
  const writer = async (): Promise<void> => {
    for (;;) {
      const key = `crash-${process.pid}-${next++}`
      const created = await ledger.createTransfer({
        kind: 'posted',
        idempotencyKey: key,
        code: 'TOPUP',
        legs: [{ debitAccountId: source.id, creditAccountId: payee.id, amountFen: 101 }],
      })
      process.stdout.write(`ACK ${key} ${created.transferId}\n`)
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_WRITERS }, writer))
}

await main()
