/**
 * Red packets wired into the app: the service over the ledger, records, jobs, payment security
 * and the social module's conversations, and its two jobs (the per-packet 24-hour return and the
 * recovery sweep). Kept here so app.ts gains two lines.
 */
import type { Config } from './config.ts'
import type { Clock } from './adapters/clock/index.ts'
import type { DatabaseHandle } from './adapters/db/index.ts'
import type { SecurityService } from './modules/identity/index.ts'
import type { JobsService } from './modules/jobs/index.ts'
import type { Ledger } from './modules/ledger/index.ts'
import { createQuota } from './modules/quota/index.ts'
import type { RecordsService } from './modules/records/index.ts'
import {
  createRedPacketsService,
  RED_PACKET_JOB_EXPIRE,
  RED_PACKET_JOB_RECOVER,
  type RedPacketsService,
} from './modules/redpackets/index.ts'
import type { SocialService } from './modules/social/index.ts'
import type { WalletService } from './modules/wallet/index.ts'
import type { AppJobKind } from './shared/job-kinds.ts'

export interface RedPacketWiring {
  config: Config
  clock: Clock
  database: DatabaseHandle
  ledger: Ledger
  security: SecurityService
  wallet: WalletService
  jobs: JobsService
  records: RecordsService
  social: SocialService
}

export async function wireRedPackets(deps: RedPacketWiring): Promise<RedPacketsService> {
  const { database, clock, jobs } = deps
  const quota = createQuota({ db: database.db, clock })
  const redpackets = createRedPacketsService({
    db: database.db,
    clock,
    ledger: deps.ledger,
    records: deps.records,
    jobs,
    security: deps.security,
    conversations: deps.social,
    releaseClaims: (claimIds) => quota.release(claimIds),
    balanceAccount: (userId) => deps.wallet.balanceAccount(userId),
  })
  const expire: AppJobKind = RED_PACKET_JOB_EXPIRE
  const recover: AppJobKind = RED_PACKET_JOB_RECOVER
  jobs.register(expire, async (job) => {
    await redpackets.expire(String(job.payload.packetId))
  })
  await jobs.registerRecurring(recover, deps.config.expirySweepIntervalMs, async () => {
    await redpackets.recover()
  })
  return redpackets
}
