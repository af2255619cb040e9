/** Runs a database command in this process, on `./data` opened directly or on PostgreSQL. */
import { openDatabase } from '../app.ts'
import { systemClock } from '../adapters/clock/index.ts'
import { migrate } from '../adapters/db/index.ts'
import { createOutboxSms } from '../adapters/sms/index.ts'
import type { Config } from '../config.ts'
import { createLedger } from '../modules/ledger/index.ts'
import { openCommandBank } from './command-bank.ts'
import type { CliCommand } from './commands.ts'

export async function runDirect(
  config: Config,
  command: CliCommand,
  args: string[],
): Promise<unknown> {
  const database = await openDatabase(config)
  const stops: (() => Promise<void>)[] = []
  try {
    const applied = await migrate(database)
    return await command.run(
      {
        ledger: createLedger({ database, clock: systemClock }),
        outbox: createOutboxSms(database.db, systemClock),
        migrate: async () => applied,
        bank: () => openCommandBank(config, stops),
        nowMs: () => systemClock.nowMs(),
      },
      args,
    )
  } finally {
    for (const stop of stops) await stop()
    await database.close()
  }
}
