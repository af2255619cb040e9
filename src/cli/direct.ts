/** Runs a database command in this process, on `./data` opened directly or on PostgreSQL. */
import { openDatabase } from '../app.ts'
import { systemClock } from '../adapters/clock/index.ts'
import { DataDirBusyError, migrate } from '../adapters/db/index.ts'
import { createOutboxSms } from '../adapters/sms/index.ts'
import type { Config } from '../config.ts'
import { createLedger } from '../modules/ledger/index.ts'
import { createAuditLog } from '../modules/audit/index.ts'
import { createMerchantsService } from '../modules/merchants/index.ts'
import { readRedPacketProof } from '../modules/redpackets/index.ts'
import { createMerchantApi } from '../modules/merchant-api/index.ts'
import { checkedDataKey } from '../adapters/secrets/index.ts'
import { createSecretBox } from '../shared/crypto.ts'
import { openCommandBank } from './command-bank.ts'
import type { CliCommand } from './commands.ts'
import { CommandFailure } from './failure.ts'

export async function runDirect(
  config: Config,
  command: CliCommand,
  args: string[],
): Promise<unknown> {
  const database = await openDatabase(config).catch((error: unknown) => {
    // Held, but not by a server with a CLI bridge (one still starting, or another command).
    if (!(error instanceof DataDirBusyError)) throw error
    throw new CommandFailure(
      `${error.message}; if it is \`lingqian serve\` still starting, try again once it listens`,
      2,
    )
  })
  const stops: (() => Promise<void>)[] = []
  try {
    const applied = await migrate(database)
    const ledger = createLedger({ database, clock: systemClock })
    const secrets = async () => createSecretBox(await checkedDataKey(database, undefined, config))
    const merchants = async () =>
      createMerchantsService({
        db: database.db,
        clock: systemClock,
        secrets: await secrets(),
        audit: createAuditLog(database.db, systemClock),
        ledger,
      })
    return await command.run(
      {
        ledger,
        merchants,
        merchantApi: async () =>
          createMerchantApi({
            db: database.db,
            clock: systemClock,
            secrets: await secrets(),
            merchants: await merchants(),
          }),
        redPacketProof: (packetId) => readRedPacketProof(database.db, packetId),
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
