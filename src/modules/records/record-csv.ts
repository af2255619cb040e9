/**
 * A month's records as CSV for spreadsheet programs: UTF-8 with a byte-order mark (without it
 * Excel reads Chinese as mojibake), CRLF line ends, every field quoted when it holds a comma,
 * quote, line break or leading formula character, amounts in yuan with 2 decimals formatted
 * from integer fen (formatFen: no float ever touches money).
 */
import { DomainError } from '../../shared/errors.ts'
import { formatFen } from '../../shared/money.ts'
import { shanghaiDateTime } from '../../shared/shanghai-time.ts'
import {
  RECORD_EXPORT_ROWS_MAX,
  RECORD_PAGE_SIZE_MAX,
  type RecordDirection,
  type RecordsContext,
  type RecordSourceKind,
} from './context.ts'
import type { RecordFilter } from './record-filter.ts'
import { listRecords, type MoneyRecord } from './record-list.ts'

export type CsvLanguage = 'zh' | 'en'

const BOM = '\uFEFF'

const HEADERS: Record<CsvLanguage, string[]> = {
  zh: [
    '交易时间',
    '交易类型',
    '收/支',
    '交易对方',
    '说明',
    '金额(元)',
    '支付方式',
    '状态',
    '余额(元)',
    '记录号',
    '交易单号',
  ],
  en: [
    'Time',
    'Type',
    'In/out',
    'Counterparty',
    'Description',
    'Amount (CNY)',
    'Method',
    'Status',
    'Balance after (CNY)',
    'Record',
    'Reference',
  ],
}

const KIND_LABELS: Record<RecordSourceKind, Record<CsvLanguage, string>> = {
  TOPUP: { zh: '充值', en: 'Top-up' },
  WITHDRAW: { zh: '提现', en: 'Withdrawal' },
  PAYMENT: { zh: '消费', en: 'Payment' },
  REFUND: { zh: '退款', en: 'Refund' },
  TRANSFER: { zh: '转账', en: 'Transfer' },
  REDPACKET: { zh: '红包', en: 'Red packet' },
}

const DIRECTION_LABELS: Record<RecordDirection, Record<CsvLanguage, string>> = {
  in: { zh: '收入', en: 'In' },
  out: { zh: '支出', en: 'Out' },
  none: { zh: '不计收支', en: 'Neither' },
}

const METHOD_LABELS: Record<'balance' | 'none', Record<CsvLanguage, string>> = {
  balance: { zh: '零钱', en: 'Balance' },
  none: { zh: '', en: '' },
}

/** One CSV field (RFC 4180): quoted when needed, quotes doubled, formulas defused. */
export function csvField(value: string): string {
  // A cell starting with = + - @ is run as a formula by spreadsheets: prefix it with '.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function csvLine(record: MoneyRecord, language: CsvLanguage): string {
  const method =
    record.method.kind === 'card'
      ? record.method.label
      : METHOD_LABELS[record.method.kind][language]
  return [
    shanghaiDateTime(record.occurredAtMs),
    KIND_LABELS[record.sourceKind][language],
    DIRECTION_LABELS[record.direction][language],
    record.counterparty.name,
    record.title,
    formatFen(record.amountFen),
    method,
    record.status,
    record.balanceAfterFen === null ? '' : formatFen(record.balanceAfterFen),
    record.id,
    record.sourceId,
  ]
    .map(csvField)
    .join(',')
}

/** All records matching `filter` (newest first) as one CSV text, BOM and header included. */
export async function recordsCsv(
  ctx: RecordsContext,
  userId: string,
  filter: RecordFilter,
  language: CsvLanguage = 'zh',
): Promise<string> {
  const lines = [HEADERS[language].map(csvField).join(',')]
  let cursor: string | undefined
  do {
    const page = await listRecords(ctx, userId, {
      ...filter,
      limit: RECORD_PAGE_SIZE_MAX,
      ...(cursor === undefined ? {} : { cursor }),
    })
    lines.push(...page.records.map((record) => csvLine(record, language)))
    if (lines.length - 1 > RECORD_EXPORT_ROWS_MAX) {
      throw new DomainError('RECORDS_EXPORT_TOO_LARGE', { rowsMax: RECORD_EXPORT_ROWS_MAX })
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
  return `${BOM}${lines.join('\r\n')}\r\n`
}
