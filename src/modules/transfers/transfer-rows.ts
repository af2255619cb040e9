/**
 * Transfer rows (transfers) and the view of one transfer as its sender or recipient sees it.
 * A recipient never sees a transfer still inside the sender's delayed-arrival window.
 */
import { createHash } from 'node:crypto'
import { DomainError } from '../../shared/errors.ts'
import type { TransfersContext, TransfersDb } from './context.ts'
import type { TransfersTables } from './transfers-tables.ts'

export type TransferRow = TransfersTables['transfers']

export const TRANSFER_KINDS = ['USER', 'PHONE', 'CARD'] as const
export type TransferKind = (typeof TRANSFER_KINDS)[number]

export const TRANSFER_STATUSES = [
  'SENDING',
  'DELAYED',
  'PENDING',
  'ACCEPTING',
  'RETURNING',
  'ACCEPTED',
  'RETURNED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
  'PROCESSING',
  'SUCCEEDED',
] as const
export type TransferStatus = (typeof TRANSFER_STATUSES)[number]

/** Money sits in escrow:transfer in exactly these states (the books check counts them). */
export const IN_ESCROW = [
  'DELAYED',
  'PENDING',
  'ACCEPTING',
  'RETURNING',
] as const satisfies readonly TransferStatus[]
export const TRANSFER_IN_ESCROW_STATUSES_SQL = [...IN_ESCROW]

export const TRANSFER_PAGE_SIZE_MAX = 100
export const TRANSFER_NOTE_LENGTH_MAX = 50

export interface Transfer {
  id: string
  kind: TransferKind
  status: TransferStatus
  /** Whether the one asking sent it or receives it. */
  role: 'sender' | 'recipient'
  senderId: string
  recipientUserId: string | null
  /** Masked, for phone transfers. */
  recipientPhone: string | null
  card: { bankCode: string; last4: string; holderName: string; own: boolean } | null
  amountFen: number
  feeFen: number
  note: string
  /** 延时到账: the delay the sender chose; 0 means real time. */
  delayMs: number
  /** False for a delayed arrival: the receipt must say it is not real time (银发〔2019〕85号). */
  realTime: boolean
  /** When the recipient sees it (PENDING from then on) and when it goes back if not accepted. */
  availableAtMs: number
  expiresAtMs: number
  /** Card transfers: when the money is expected on the card. */
  expectedArrivalAtMs: number | null
  failureCode: string | null
  createdAtMs: number
  completedAtMs: number | null
}

const ms = (date: Date) => new Date(date).getTime()

export function toTransfer(
  ctx: TransfersContext,
  row: TransferRow,
  role: Transfer['role'],
): Transfer {
  const card =
    row.kind === 'CARD'
      ? {
          bankCode: row.card_bank_code ?? '',
          last4: row.card_last4 ?? '',
          holderName: row.card_holder_name ?? '',
          own: row.own_card,
        }
      : null
  return {
    id: row.id,
    kind: row.kind as TransferKind,
    status: row.status as TransferStatus,
    role,
    senderId: row.sender_id,
    recipientUserId: row.recipient_user_id,
    recipientPhone:
      row.recipient_phone === null
        ? null
        : `${row.recipient_phone.slice(0, 3)}****${row.recipient_phone.slice(-4)}`,
    card,
    amountFen: Number(row.amount_fen),
    feeFen: Number(row.fee_fen),
    note: row.note,
    delayMs: Number(row.delay_ms),
    realTime: Number(row.delay_ms) === 0,
    availableAtMs: ms(row.available_at),
    expiresAtMs: ms(row.expires_at),
    expectedArrivalAtMs:
      row.kind === 'CARD' ? ms(row.created_at) + ctx.rules.cardArrivalHours * 3600_000 : null,
    failureCode: row.failure_code,
    createdAtMs: ms(row.created_at),
    completedAtMs: row.completed_at === null ? null : ms(row.completed_at),
  }
}

/** The same request always hashes the same: a retried key with other content is a conflict. */
export function requestHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)
}

export async function loadTransfer(
  db: TransfersDb,
  transferId: string,
  options: { forUpdate?: boolean } = {},
): Promise<TransferRow> {
  let query = db.selectFrom('transfers').selectAll().where('id', '=', transferId)
  if (options.forUpdate) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  if (row === undefined) throw new DomainError('NOT_FOUND', { resource: 'transfer' })
  return row
}

/** Whether this user may see the row, and as whom (unclaimed phone transfers by phone). */
export function roleOf(
  row: TransferRow,
  user: { id: string; phone: string },
): Transfer['role'] | undefined {
  if (row.sender_id === user.id) return 'sender'
  const addressed =
    row.recipient_user_id === user.id ||
    (row.recipient_user_id === null && row.kind === 'PHONE' && row.recipient_phone === user.phone)
  if (!addressed) return undefined
  // Inside the delayed-arrival window (and when cancelled in it) the recipient never knew of it.
  return HIDDEN_FROM_RECIPIENT.has(row.status as TransferStatus) ? undefined : 'recipient'
}

const HIDDEN_FROM_RECIPIENT: ReadonlySet<TransferStatus> = new Set([
  'SENDING',
  'DELAYED',
  'CANCELLED',
  'FAILED',
])

export async function listTransfers(
  ctx: TransfersContext,
  user: { id: string; phone: string },
  page: { limit?: number; beforeMs?: number } = {},
): Promise<TransferRow[]> {
  const limit = Math.min(page.limit ?? 20, TRANSFER_PAGE_SIZE_MAX)
  let query = ctx.db
    .selectFrom('transfers')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('sender_id', '=', user.id),
        eb('recipient_user_id', '=', user.id),
        eb.and([eb('recipient_user_id', 'is', null), eb('recipient_phone', '=', user.phone)]),
      ]),
    )
  if (page.beforeMs !== undefined) query = query.where('created_at', '<', new Date(page.beforeMs))
  const rows = await query.orderBy('created_at', 'desc').limit(limit).execute()
  return rows.filter((row) => roleOf(row, user) !== undefined)
}
