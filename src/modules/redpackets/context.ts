/** What every red-packet function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { ConfirmMethod } from '../identity/index.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import type { RecordEntry } from '../records/index.ts'
import type { SlotCredit } from './credit.ts'
import type { Split } from './fairness.ts'
import type { RedPacketsTables } from './redpackets-tables.ts'

export const RED_PACKET_KINDS = ['single', 'lucky', 'fixed', 'exclusive'] as const
export type RedPacketKind = (typeof RED_PACKET_KINDS)[number]

export const RED_PACKET_STATUSES = ['ACTIVE', 'FINISHED', 'EXPIRED'] as const
export type RedPacketStatus = (typeof RED_PACKET_STATUSES)[number]

export const RED_PACKET_COVERS = ['classic', 'spring', 'lantern', 'fortune'] as const
export type RedPacketCover = (typeof RED_PACKET_COVERS)[number]

export const RED_PACKET_MESSAGE_LENGTH_MAX = 30

/** The rule pack (wallet-rules.md §1.5); operators may change it, code never hard-codes it. */
export interface RedPacketRules {
  /** ≤ 200 yuan per packet. */
  packetFenMax: number
  /** ≥ 0.01 yuan per share. */
  shareFenMin: number
  /** ≤ 100 shares per packet. */
  sharesMax: number
  /** Unopened money goes back to the sender after this long (24 h). */
  expiryMs: number
  /** A claimed slot not credited after this long is credited by the recovery sweep. */
  recoverAfterMs: number
  /** A packet still SENDING after this long is settled by the recovery sweep. */
  sendingStaleMs: number
}

export const DEFAULT_RED_PACKET_RULES: RedPacketRules = {
  packetFenMax: 20_000,
  shareFenMin: 1,
  sharesMax: 100,
  expiryMs: 24 * 3600_000,
  recoverAfterMs: 30_000,
  sendingStaleMs: 10 * 60_000,
}

/** Which rule refused a packet (REDPACKET_LIMIT details.rule). */
export type RedPacketLimitRule =
  | 'PACKET_FEN_MAX'
  | 'SHARE_FEN_MIN'
  | 'SHARES_MAX'
  | 'SHARES_OVER_GROUP_SIZE'
  | 'EQUAL_SPLIT_INDIVISIBLE'

/**
 * The conversations a packet is sent into (the social module's producer API, src/modules/social),
 * as a small port so tests can stand in for it.
 */
export interface ConversationPort {
  members(conversationId: string): Promise<string[]>
  isMember(conversationId: string, userId: string): Promise<boolean>
  groupSize(conversationId: string): Promise<number>
  directConversation(userA: string, userB: string): Promise<string>
  postCard(post: {
    conversationId: string
    senderId: string
    card: { kind: 'redpacket'; refId: string; summary: Record<string, unknown> }
  }): Promise<unknown>
  updateCard(kind: 'redpacket', refId: string, summary: Record<string, unknown>): Promise<unknown>
  /** Display names for packet pages and records. */
  people(userIds: readonly string[]): Promise<{ userId: string; displayName: string }[]>
}

/** The identity side: payment confirmation, account-class limits, who may receive money. */
export interface PaymentSecurityPort {
  confirmPayment(request: {
    userId: string
    amountFen: number
    purpose: 'REDPACKET'
    countsAgainstBalanceLimit: boolean
    method: ConfirmMethod
    smsCode?: string
  }): Promise<unknown>
  /** Claims the amount against the account-class limit (idempotent by claimId). */
  recordBalancePayment(
    userId: string,
    amountFen: number,
    year: undefined,
    claimId: string,
  ): Promise<{ claimIds: string[] }>
  /** Verified and not frozen. */
  canReceive(userId: string): Promise<boolean>
}

export interface JobsPort {
  schedule(request: {
    kind: string
    key: string
    payload: { packetId: string }
    runAtMs: number
  }): Promise<unknown>
}

export interface RecordsPort {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transaction of the caller's
  upsert(entry: RecordEntry, executor?: Kysely<any>): Promise<void>
  /** Records of distinct sources in one statement (a batch of credits). */
  upsertMany(entries: readonly RecordEntry[]): Promise<void>
}

export type RedPacketsDb = Kysely<RedPacketsTables>

/** What never changes about a packet once sent: cached per process for the open path. */
export interface PacketFacts {
  id: string
  senderId: string
  senderName: string
  conversationId: string | null
  kind: RedPacketKind
  split: Split
  recipientId: string | null
  totalFen: number
  shares: number
  message: string
  cover: string
  expiresAtMs: number
  /** Share i is what the i-th opener gets (fairness.ts). */
  amountsFen: number[]
}

export interface RedPacketsContext {
  db: RedPacketsDb
  clock: Clock
  ledger: Ledger
  records: RecordsPort
  jobs: JobsPort
  security: PaymentSecurityPort
  conversations: ConversationPort
  /** Releases balance-limit claims of a packet that could not be paid (quota module). */
  releaseClaims(claimIds: string[]): Promise<unknown>
  balanceAccount(userId: string): Promise<Account>
  escrowAccount(): Promise<Account>
  rules: RedPacketRules
  /** Facts of recently seen packets (bounded), so an open reads no packet row. */
  facts: Map<string, PacketFacts>
  /** Packets known to be empty or over: later openers are answered without touching the row. */
  closed: Map<string, 'REDPACKET_EMPTY' | 'REDPACKET_EXPIRED'>
  /** Who opened which slot of a closed packet (final once closed), read once per packet. */
  closedOpeners: Map<string, Promise<Map<string, number>>>
  /** Hands a claimed slot's credit to the batched writer (credit.ts). */
  credit(credit: SlotCredit): Promise<void>
}

export const RED_PACKET_JOB_EXPIRE = 'redpackets.expire'
export const RED_PACKET_JOB_RECOVER = 'redpackets.recover'
/** Bound on the per-process caches (entries). */
export const PACKET_CACHE_MAX = 10_000
/** Rows the recovery sweep handles per run, per kind of work. */
export const RECOVERY_BATCH_MAX = 500
