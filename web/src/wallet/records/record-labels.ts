import type { I18n, MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import type { RecordSourceKind, RecordView } from './api'

export const RECORD_KIND_KEY: Record<RecordSourceKind, MessageKey> = {
  TOPUP: 'records.kind.TOPUP',
  WITHDRAW: 'records.kind.WITHDRAW',
  PAYMENT: 'records.kind.PAYMENT',
  REFUND: 'records.kind.REFUND',
  TRANSFER: 'records.kind.TRANSFER',
  REDPACKET: 'records.kind.REDPACKET',
}

export const OUTCOME_KEY: Record<RecordView['outcome'], MessageKey> = {
  done: 'records.outcome.done',
  pending: 'records.outcome.pending',
  failed: 'records.outcome.failed',
}

/** The pill colours the operation pills use: green, amber, red. */
export const OUTCOME_PILL: Record<RecordView['outcome'], string> = {
  done: 'approved',
  pending: 'pending',
  failed: 'rejected',
}

/** +¥1.00 in, -¥1.00 out, ¥1.00 neither. */
export function signedRecordAmount(record: Pick<RecordView, 'direction' | 'amountFen'>): string {
  const text = formatFen(record.amountFen)
  if (record.direction === 'in') return `+${text}`
  if (record.direction === 'out') return `-${text}`
  return text
}

/** The title the list shows: our own words for top-ups and withdrawals, else the producer's. */
export function recordTitle(t: I18n['t'], record: RecordView): string {
  if (record.sourceKind === 'TOPUP' || record.sourceKind === 'WITHDRAW') {
    return `${t(RECORD_KIND_KEY[record.sourceKind])} · ${record.counterparty.name}`
  }
  return record.title
}

export function recordMethodText(t: I18n['t'], record: RecordView): string {
  const method = record.method
  if (method.kind === 'card') return method.label
  return t(method.kind === 'balance' ? 'records.method.balance' : 'records.method.none')
}
