/**
 * The producer's detail of a record, shown by the keys records know (orderNumber, refunds…), and
 * any `lines: [{ label: { zh, en }, value: text or { zh, en } }]` a producer adds for what only it knows. Money in
 * `…Fen` keys is integer fen; times in `…AtMs` keys are epoch milliseconds.
 */
import type { ReactNode } from 'react'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { Lang, MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'

const KNOWN: readonly [string, MessageKey][] = [
  ['orderNumber', 'record.detail.orderNumber'],
  ['merchantOrderNumber', 'record.detail.merchantOrderNumber'],
  ['note', 'record.detail.note'],
  ['amountFen', 'record.detail.amountFen'],
  ['feeFen', 'record.detail.feeFen'],
  ['failureMessage', 'record.detail.failureCode'],
  ['completedAtMs', 'record.detail.completedAtMs'],
]

function valueText(key: string, value: unknown, lang: Lang): string | null {
  if (value === null || value === undefined || value === '') return null
  if (key.endsWith('Fen') && typeof value === 'number') return formatFen(value)
  if (key.endsWith('AtMs') && typeof value === 'number') return formatDateTime(value, lang)
  if (isLocalized(value)) return value[lang]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null
}

type Localized = { zh: string; en: string }

function isLocalized(value: unknown): value is Localized {
  if (typeof value !== 'object' || value === null) return false
  const text = value as { zh?: unknown; en?: unknown }
  return typeof text.zh === 'string' && typeof text.en === 'string'
}

function isLine(value: unknown): value is { label: Localized; value: string | Localized } {
  if (typeof value !== 'object' || value === null) return false
  const line = value as { label?: unknown; value?: unknown }
  return isLocalized(line.label) && (typeof line.value === 'string' || isLocalized(line.value))
}

type Refund = { amountFen: number; status?: string; atMs?: number; reason?: string }

function isRefund(value: unknown): value is Refund {
  return (
    typeof value === 'object' && value !== null && typeof (value as Refund).amountFen === 'number'
  )
}

export function RecordDetail({ detail }: { detail: Record<string, unknown> | null }): ReactNode {
  const { t, lang } = useI18n()
  if (detail === null) return null
  const rows: [string, string, string][] = []
  for (const [key, labelKey] of KNOWN) {
    const text = valueText(key, detail[key], lang)
    if (text !== null) rows.push([key, t(labelKey), text])
  }
  const lines = Array.isArray(detail.lines) ? detail.lines.filter(isLine) : []
  lines.forEach((line, index) => {
    const text = typeof line.value === 'string' ? line.value : line.value[lang]
    rows.push([`line-${index}`, line.label[lang], text])
  })
  const refunds = Array.isArray(detail.refunds) ? detail.refunds.filter(isRefund) : []
  if (rows.length === 0 && refunds.length === 0) return null
  return (
    <section className="lq-card" aria-label={t('record.details')} data-testid="record-detail">
      <dl className="lq-record-fields">
        {rows.map(([key, label, text]) => (
          <div key={key} data-testid={`record-detail-${key}`}>
            <dt>{label}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      {refunds.length > 0 && (
        <>
          <h2 className="lq-card__title">{t('record.detail.refunds')}</h2>
          <ul className="lq-op-list" data-testid="record-refunds">
            {refunds.map((refund, index) => (
              <li key={index} className="lq-op">
                <span>{formatFen(refund.amountFen)}</span>
                <span className="lq-muted">
                  {[refund.status, refund.reason, refund.atMs && formatDateTime(refund.atMs, lang)]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
