/**
 * @module redpackets
 * Red packets (红包): one-to-one (普通), group lucky (拼手气), group fixed (equal shares) and
 * exclusive (专属). The money leaves the sender at once into escrow:redpacket; openers are credited
 * from it, in opening order, shares drawn from the packet's committed seed (provably fair,
 * fairness.ts); what nobody opened in 24 hours goes back to the sender by the job runner.
 * Built for a storm: an open holds the packet row for one statement (open.ts).
 *
 * @example
 * const redpackets = createRedPacketsService({ db, clock, ledger, records, jobs, security,
 *   conversations: social, releaseClaims, balanceAccount: wallet.balanceAccount, escrowAccount })
 * const id = await redpackets.send(senderId, { idempotencyKey: 'k1', kind: 'lucky',
 *   conversationId, totalFen: 10_000, shares: 10, method: { kind: 'password', password } })
 * const share = await redpackets.open(memberId, id) // { slot: 0, amountFen: 1234, last: false }
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import {
  type ConversationPort,
  DEFAULT_RED_PACKET_RULES,
  type JobsPort,
  type PaymentSecurityPort,
  type RecordsPort,
  type RedPacketRules,
  type RedPacketsContext,
  type RedPacketsDb,
} from './context.ts'
import { CreditQueue } from './credit.ts'
import { expirePacket } from './expire.ts'
import { OpenGate } from './open-gate.ts'
import { openRedPacket } from './open.ts'
import { getRedPacket, listSentPackets, redPacketProof } from './packet-view.ts'
import { recoverRedPackets } from './recover.ts'
import { sendRedPacket } from './send.ts'
import type { SendRedPacketInput } from './send-rules.ts'

export {
  DEFAULT_RED_PACKET_RULES,
  RED_PACKET_COVERS,
  RED_PACKET_JOB_EXPIRE,
  RED_PACKET_JOB_RECOVER,
  RED_PACKET_KINDS,
  RED_PACKET_MESSAGE_LENGTH_MAX,
  RED_PACKET_STATUSES,
  type ConversationPort,
  type RedPacketKind,
  type RedPacketLimitRule,
  type RedPacketRules,
  type RedPacketStatus,
} from './context.ts'
export {
  commitmentOf,
  FAIRNESS_ALGORITHM,
  SPLITS,
  type Split,
  splitShares,
  verifySplit,
  type VerificationInput,
  type VerificationResult,
} from './fairness.ts'
export type { OpenedShare } from './open.ts'
export type { RedPacketOpening, RedPacketProof, RedPacketView } from './packet-view.ts'

/** The proof of one packet straight from the database (the CLI opened without a server). */
export const readRedPacketProof = (db: Db, packetId: string) =>
  redPacketProof(db as Kysely<unknown> as RedPacketsDb, packetId)
export type { RecoveryReport } from './recover.ts'
export type { SendRedPacketInput } from './send-rules.ts'

export interface RedPacketsDeps {
  db: Db
  clock: Clock
  ledger: Ledger
  records: RecordsPort
  jobs: JobsPort
  security: PaymentSecurityPort
  conversations: ConversationPort
  releaseClaims(claimIds: string[]): Promise<unknown>
  balanceAccount(userId: string): Promise<Account>
  rules?: Partial<RedPacketRules>
}

export function createRedPacketsService(deps: RedPacketsDeps) {
  let escrow: Account | undefined
  const ctx: RedPacketsContext = {
    db: deps.db as Kysely<unknown> as RedPacketsDb,
    clock: deps.clock,
    ledger: deps.ledger,
    records: deps.records,
    jobs: deps.jobs,
    security: deps.security,
    conversations: deps.conversations,
    releaseClaims: deps.releaseClaims,
    balanceAccount: deps.balanceAccount,
    async escrowAccount() {
      escrow ??= await deps.ledger.findAccount({
        ownerKind: 'platform',
        ownerId: 'platform',
        purpose: 'escrow:redpacket',
        currency: 'CNY',
      })
      if (escrow === undefined) throw new Error('platform account escrow:redpacket is missing')
      return escrow
    },
    rules: { ...DEFAULT_RED_PACKET_RULES, ...deps.rules },
    facts: new Map(),
    closed: new Map(),
    closedOpeners: new Map(),
    credit: (credit) => credits.credit(credit),
  }
  const credits = new CreditQueue(() => ctx)
  const gate = new OpenGate()
  return {
    rules: (): Readonly<RedPacketRules> => ctx.rules,
    /** Checks, confirms the payment, moves the money into escrow; returns the packet id. */
    send: (senderId: string, input: SendRedPacketInput) => sendRedPacket(ctx, senderId, input),
    /**
     * `opener.canReceive`: the caller already holds the opener's user (the HTTP layer's
     * authenticated user, identity's userCanReceive) and need not have it read again.
     */
    open: (userId: string, packetId: string, opener?: { canReceive: boolean }) =>
      gate.run(() => openRedPacket(ctx, userId, packetId, opener)),
    /** The packet page for `viewerId` (null: no audience check, for the CLI and operators). */
    get: (viewerId: string | null, packetId: string) => getRedPacket(ctx, viewerId, packetId),
    listSent: (senderId: string, limit = 20) => listSentPackets(ctx, senderId, limit),
    /** The fairness proof (seed null until finished or expired). */
    proof: (packetId: string) => redPacketProof(ctx.db, packetId),
    /** The per-packet job at the 24-hour mark. */
    expire: (packetId: string) => expirePacket(ctx, packetId),
    /** The recurring sweep (recover.ts). */
    recover: () => recoverRedPackets(ctx),
    /** Forget the per-process caches (tests that simulate another process). */
    forgetCaches(): void {
      ctx.facts.clear()
      ctx.closed.clear()
      ctx.closedOpeners.clear()
    },
  }
}

export type RedPacketsService = ReturnType<typeof createRedPacketsService>
