import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, SuccessNote, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { newIdempotencyKey } from '../shared/idempotency'
import { formatFen, parseYuanToFen } from '../shared/money'
import { useApiData } from '../shared/useApiData'
import { merchantMoneyApi, shanghaiToday } from './money-api'
import type { CampaignView } from './money-api'

interface Draft {
  name: string
  threshold: string
  discount: string
  perUser: string
  budget: string
  startDate: string
  endDate: string
}

const emptyDraft = (): Draft => ({
  name: '',
  threshold: '',
  discount: '',
  perUser: '1',
  budget: '',
  startDate: shanghaiToday(),
  endDate: shanghaiToday(),
})

const dateText = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)

const FIELDS: [keyof Draft, MessageKey, string][] = [
  ['name', 'merchant.coupons.name', 'text'],
  ['threshold', 'merchant.coupons.threshold', 'text'],
  ['discount', 'merchant.coupons.discount', 'text'],
  ['perUser', 'merchant.coupons.perUser', 'number'],
  ['budget', 'merchant.coupons.budget', 'text'],
  ['startDate', 'merchant.coupons.start', 'date'],
  ['endDate', 'merchant.coupons.end', 'date'],
]

function CampaignFields({
  draft,
  onField,
}: {
  draft: Draft
  onField: (name: keyof Draft) => (value: string) => void
}): ReactNode {
  const { t } = useI18n()
  return FIELDS.map(([name, label, type]) => (
    <TextField
      key={name}
      label={t(label)}
      type={type}
      value={draft[name]}
      onValue={onField(name)}
      testId={`coupon-${name}`}
      required
      {...(type === 'text' && name !== 'name' ? { inputMode: 'decimal' as const } : {})}
    />
  ))
}

function CampaignForm({ onCreated }: { onCreated: () => void }): ReactNode {
  const { t } = useI18n()
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  // One key per filled-in form: a double click or a retry creates the campaign once.
  const [creationKey, setCreationKey] = useState(newIdempotencyKey)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [invalid, setInvalid] = useState(false)
  const [created, setCreated] = useState(false)
  const field = (name: keyof Draft) => (value: string) => setDraft({ ...draft, [name]: value })

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const threshold = parseYuanToFen(draft.threshold)
    const discount = parseYuanToFen(draft.discount)
    const budget = parseYuanToFen(draft.budget)
    if (!threshold.ok || !discount.ok || !budget.ok || discount.fen >= threshold.fen) {
      setInvalid(true)
      return
    }
    setInvalid(false)
    setBusy(true)
    setError(null)
    try {
      await merchantMoneyApi.createCampaign({
        creationKey,
        name: draft.name.trim(),
        thresholdFen: threshold.fen,
        discountFen: discount.fen,
        perUserMax: Number(draft.perUser),
        budgetFen: budget.fen,
        startDate: draft.startDate,
        endDate: draft.endDate,
      })
      setCreated(true)
      setDraft(emptyDraft())
      setCreationKey(newIdempotencyKey())
      onCreated()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="lq-card lq-form" onSubmit={(event) => void submit(event)}>
      <h2 className="lq-card__title">{t('merchant.coupons.create')}</h2>
      <p className="lq-muted">{t('merchant.coupons.funding')}</p>
      <CampaignFields draft={draft} onField={field} />
      {invalid && (
        <p className="lq-alert lq-alert--error" role="alert" data-testid="coupon-invalid">
          {t('merchant.coupons.invalidAmount')}
        </p>
      )}
      <ErrorAlert error={error} testId="coupon-error" />
      {created && (
        <SuccessNote testId="coupon-created">{t('merchant.coupons.created')}</SuccessNote>
      )}
      <SubmitButton busy={busy} testId="coupon-submit">
        {t('merchant.coupons.submit')}
      </SubmitButton>
    </form>
  )
}

function CampaignRow({
  campaign,
  isOwner,
  onChanged,
}: {
  campaign: CampaignView
  isOwner: boolean
  onChanged: () => void
}): ReactNode {
  const { t } = useI18n()
  const [error, setError] = useState<unknown>(null)
  async function end(): Promise<void> {
    try {
      await merchantMoneyApi.endCampaign(campaign.id)
      onChanged()
    } catch (caught) {
      setError(caught)
    }
  }
  const rule = t('merchant.coupons.rule', {
    threshold: formatFen(campaign.thresholdFen),
    discount: formatFen(campaign.discountFen),
    perUser: String(campaign.perUserMax),
  })
  return (
    <tr data-testid="coupon-row" data-campaign-id={campaign.id} data-status={campaign.status}>
      <td>{campaign.name}</td>
      <td>{rule}</td>
      <td data-testid="coupon-budget">
        {formatFen(campaign.budgetUsedFen)} / {formatFen(campaign.budgetFen)}
      </td>
      <td data-testid="coupon-remaining">{formatFen(campaign.budgetRemainingFen)}</td>
      <td data-testid="coupon-redemptions">{campaign.redemptions}</td>
      <td>
        {dateText(campaign.startsAtMs)} – {dateText(campaign.endsAtMs - 1)}
      </td>
      <td>{t(`merchant.coupons.status.${campaign.status}` as MessageKey)}</td>
      <td>
        {isOwner && campaign.status === 'active' && (
          <button
            type="button"
            className="lq-small-button"
            onClick={() => void end()}
            data-testid="coupon-end"
          >
            {t('merchant.coupons.endAction')}
          </button>
        )}
        <ErrorAlert error={error} testId="coupon-end-error" />
      </td>
    </tr>
  )
}

/** 优惠: the merchant's campaigns with the budget used; the owner creates and ends them. */
export function CouponsPage({ isOwner }: { isOwner: boolean }): ReactNode {
  const { t } = useI18n()
  const { state, reload } = useApiData(() => merchantMoneyApi.campaigns(), 'campaigns')
  const columns: MessageKey[] = [
    'merchant.coupons.name',
    'merchant.coupons.col.rule',
    'merchant.coupons.col.budget',
    'merchant.coupons.col.remaining',
    'merchant.coupons.col.redemptions',
    'merchant.coupons.col.dates',
    'merchant.coupons.col.status',
  ]
  return (
    <section className="lq-admin-page" data-testid="merchant-coupons">
      <h1>{t('merchant.coupons.title')}</h1>
      {isOwner ? (
        <CampaignForm onCreated={reload} />
      ) : (
        <p className="lq-muted">{t('merchant.staff.ownerOnly')}</p>
      )}
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'ready' && state.data.campaigns.length === 0 && (
        <p className="lq-muted">{t('merchant.coupons.empty')}</p>
      )}
      {state.kind === 'ready' && state.data.campaigns.length > 0 && (
        <div className="lq-card">
          <table className="lq-table" data-testid="coupon-table">
            <thead>
              <tr>
                {columns.map((key) => (
                  <th key={key}>{t(key)}</th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {state.data.campaigns.map((campaign) => (
                <CampaignRow
                  key={campaign.id}
                  campaign={campaign}
                  isOwner={isOwner}
                  onChanged={reload}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
