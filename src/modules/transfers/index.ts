/**
 * @module transfers
 * 转账: a balance transfer to another wallet user or to a phone number without a wallet yet
 * (money into escrow:transfer at once; the recipient accepts 收款 or returns it; not accepted
 * within 24 hours → back to the sender by a scheduled job), the sender's delayed-arrival
 * setting (延时到账, cancellable during the delay), and transfers to a bank card (two-phase
 * through the bank, like a withdrawal). A preview gives the fee, the arrival and risk hints.
 *
 * @example
 * const transfers = createTransfersService({ database, clock, ledger, ... })
 * const sent = await transfers.send(senderId, { idempotencyKey, to: { kind: 'user', userId },
 *   amountFen: 5_000, note: '午饭', method: { kind: 'password', password } })
 * await transfers.accept(recipientId, sent.id)
 */
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { SmsSender } from '../../adapters/sms/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import { createQuota } from '../quota/index.ts'
import { acceptTransfer, getTransfer, returnTransfer, viewOf } from './actions.ts'
import {
  DEFAULT_TRANSFER_RULES,
  NO_CHAT,
  TRANSFER_JOB,
  type TransferChat,
  type TransferRules,
  type TransfersContext,
  type TransfersDb,
} from './context.ts'
import { resolveUnsettled } from './resolve.ts'
import { previewTransfer } from './risk.ts'
import { type SendInput, sendTransfer } from './send.ts'
import { delayHoursOf, setDelayHours } from './settings.ts'
import { listTransfers, TRANSFER_IN_ESCROW_STATUSES_SQL } from './transfer-rows.ts'
import { advance } from './transitions.ts'

export {
  DEFAULT_TRANSFER_RULES,
  DELAY_HOURS_OPTIONS,
  NO_CHAT,
  TRANSFER_JOB,
  type DelayHours,
  type TransferCardSummary,
  type TransferChat,
  type TransferRules,
} from './context.ts'
export type { TransferView } from './actions.ts'
export type { Destination } from './recipients.ts'
export { RISK_HINTS, type RiskHintCode, type TransferPreview } from './risk.ts'
export type { SendInput } from './send.ts'
export {
  IN_ESCROW,
  TRANSFER_KINDS,
  TRANSFER_NOTE_LENGTH_MAX,
  TRANSFER_PAGE_SIZE_MAX,
  TRANSFER_STATUSES,
  type TransferKind,
  type TransferStatus,
} from './transfer-rows.ts'

export interface TransfersDeps extends Omit<
  TransfersContext,
  'db' | 'quota' | 'rules' | 'escrow' | 'fees' | 'chat'
> {
  database: Db
  platformAccount(purpose: string): Promise<Account | undefined>
  chat?: TransferChat
  rules?: Partial<TransferRules>
}

export async function createTransfersService(deps: TransfersDeps) {
  const escrow = await deps.platformAccount('escrow:transfer')
  const fees = await deps.platformAccount('fees')
  if (escrow === undefined || fees === undefined) throw new Error('platform accounts are missing')
  const { database, platformAccount: _unused, chat, rules, ...rest } = deps
  const ctx: TransfersContext = {
    ...rest,
    db: database as TransfersDb,
    quota: createQuota({ db: database, clock: deps.clock }),
    rules: { ...DEFAULT_TRANSFER_RULES, ...rules },
    escrow,
    fees,
    chat: chat ?? NO_CHAT,
  }
  return {
    preview: (senderId: string, request: Parameters<typeof previewTransfer>[2]) =>
      previewTransfer(ctx, senderId, request),
    async send(senderId: string, input: SendInput) {
      const row = await sendTransfer(ctx, senderId, input)
      const sender = await deps.identity.getUser(senderId)
      return viewOf(ctx, row.kind === 'CARD' ? row : await advance(ctx, row.id), sender)
    },
    get: (userId: string, transferId: string) => getTransfer(ctx, userId, transferId),
    async list(userId: string, page?: { limit?: number; beforeMs?: number }) {
      const user = await deps.identity.getUser(userId)
      const rows = await listTransfers(ctx, user, page)
      return Promise.all(rows.map((row) => viewOf(ctx, row, user)))
    },
    accept: (userId: string, transferId: string) => acceptTransfer(ctx, userId, transferId),
    /** 退还 by the recipient. */
    returnToSender: (userId: string, transferId: string) =>
      returnTransfer(ctx, userId, transferId, 'recipient'),
    /** The sender, during the delayed-arrival window. */
    cancel: (userId: string, transferId: string) =>
      returnTransfer(ctx, userId, transferId, 'sender'),
    delayHours: (userId: string) => delayHoursOf(ctx, userId),
    setDelayHours: (userId: string, request: Parameters<typeof setDelayHours>[2]) =>
      setDelayHours(ctx, userId, request),
    /** The job handlers (one job per deadline of a transfer) and the resolver sweep. */
    runDue: async (transferId: string) => {
      await advance(ctx, transferId)
    },
    resolveUnsettled: (options?: { olderThanMs?: number; limit?: number }) =>
      resolveUnsettled(ctx, options),
    /** What escrow:transfer must hold: the amounts of every transfer waiting in it. */
    escrowOwedFen: () => escrowOwedFen(ctx),
    escrowAccountId: escrow.id,
  }
}

async function escrowOwedFen(ctx: TransfersContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('transfers')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('owed'))
    .where('status', 'in', TRANSFER_IN_ESCROW_STATUSES_SQL)
    .executeTakeFirstOrThrow()
  return Number(row.owed)
}

export type TransfersService = Awaited<ReturnType<typeof createTransfersService>>
