import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { Field, SubmitButton, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import { newIdempotencyKey } from '../shared/idempotency'
import { useApiData } from '../shared/useApiData'
import { merchantsAdminApi } from './merchants-api'
import type { MerchantCreated } from './merchants-api'

function CreatedNotice({ created }: { created: MerchantCreated }): ReactNode {
  const { t } = useI18n()
  return (
    <div
      className="lq-card"
      data-testid="admin-merchant-created"
      data-merchant-id={created.merchant.id}
    >
      <p>{t('admin.merchants.created', { id: created.merchant.id })}</p>
      <dl className="lq-facts">
        <div>
          <dt>{t('admin.merchants.ownerUsername')}</dt>
          <dd data-testid="admin-merchant-owner-username">{created.owner.username}</dd>
        </div>
        <div>
          <dt>{t('admin.merchants.ownerPassword')}</dt>
          <dd data-testid="admin-merchant-owner-password">{created.owner.password ?? '—'}</dd>
        </div>
      </dl>
    </div>
  )
}

function CategorySelect({ value, onValue }: { value: string; onValue: (value: string) => void }) {
  const { t, lang } = useI18n()
  const categories = useApiData(() => merchantsAdminApi.categories(), 'categories')
  const list = categories.state.kind === 'ready' ? categories.state.data.categories : []
  return (
    <Field label={t('admin.merchants.create.category')} htmlFor="lq-merchant-category">
      <select
        id="lq-merchant-category"
        className="lq-input"
        value={value}
        onChange={(event) => onValue(event.target.value)}
        data-testid="admin-merchant-category"
      >
        {list.map((category) => (
          <option key={category.code} value={category.code}>
            {`${category.code} ${category.name[lang]}`}
          </option>
        ))}
      </select>
    </Field>
  )
}

type FormFields = {
  legalName: string
  storeName: string
  category: string
  card: string
  fee: string
}

function MerchantFields(props: {
  form: FormFields
  set: (field: keyof FormFields) => (value: string) => void
}): ReactNode {
  const { t } = useI18n()
  const { form, set } = props
  return (
    <>
      <TextField
        label={t('admin.merchants.create.legalName')}
        value={form.legalName}
        onValue={set('legalName')}
        testId="admin-merchant-legal-name"
      />
      <TextField
        label={t('admin.merchants.create.storeName')}
        value={form.storeName}
        onValue={set('storeName')}
        testId="admin-merchant-store-name"
      />
      <CategorySelect value={form.category} onValue={set('category')} />
      <TextField
        label={t('admin.merchants.create.card')}
        inputMode="numeric"
        value={form.card}
        onValue={set('card')}
        testId="admin-merchant-card"
      />
      <TextField
        label={t('admin.merchants.create.feeRate')}
        inputMode="numeric"
        value={form.fee}
        onValue={set('fee')}
        testId="admin-merchant-fee"
      />
    </>
  )
}

/** 新增商户: the owner's sign-in comes back once and is shown until the next merchant. */
export function MerchantCreateForm({ onCreated }: { onCreated: () => void }): ReactNode {
  const { t } = useI18n()
  const [form, setForm] = useState<FormFields>({
    legalName: '',
    storeName: '',
    category: '5999',
    card: '',
    fee: '60',
  })
  // One key per form: a double submit or a retry after a timeout creates one merchant.
  const [creationKey, setCreationKey] = useState(newIdempotencyKey)
  const [created, setCreated] = useState<MerchantCreated | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const set = (field: keyof FormFields) => (value: string) => setForm({ ...form, [field]: value })

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const result = await merchantsAdminApi.create({
        creationKey,
        legalName: form.legalName.trim(),
        storeName: form.storeName.trim(),
        category: form.category,
        settlementCardNumber: form.card.replace(/\s+/g, ''),
        feeRateBp: Number(form.fee),
      })
      setCreated(result)
      setCreationKey(newIdempotencyKey())
      setForm({ legalName: '', storeName: '', category: form.category, card: '', fee: form.fee })
      onCreated()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const ready =
    form.legalName.trim() && form.storeName.trim() && form.card.trim() && /^\d{1,5}$/.test(form.fee)
  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="admin-merchant-create"
    >
      <h2 className="lq-card__title">{t('admin.merchants.create.title')}</h2>
      <MerchantFields form={form} set={set} />
      <ErrorAlert error={error} testId="admin-merchant-create-error" />
      <SubmitButton busy={busy} disabled={!ready} testId="admin-merchant-create-submit">
        {t('admin.merchants.create.submit')}
      </SubmitButton>
      {created !== null && <CreatedNotice created={created} />}
    </form>
  )
}
