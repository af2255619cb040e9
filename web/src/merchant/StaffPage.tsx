import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, SuccessNote, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import { useApiData } from '../shared/useApiData'
import { merchantMoneyApi } from './money-api'

function CashierForm({ onAdded }: { onAdded: () => void }): ReactNode {
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [added, setAdded] = useState<string | null>(null)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const cashier = await merchantMoneyApi.addCashier({ username, displayName, password })
      setAdded(cashier.displayName)
      setUsername('')
      setDisplayName('')
      setPassword('')
      onAdded()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="lq-card lq-form" onSubmit={(event) => void submit(event)}>
      <h2 className="lq-card__title">{t('merchant.staff.add')}</h2>
      <TextField
        label={t('merchant.staff.username')}
        value={username}
        onValue={setUsername}
        testId="cashier-username"
        autoComplete="off"
        required
      />
      <TextField
        label={t('merchant.staff.displayName')}
        value={displayName}
        onValue={setDisplayName}
        testId="cashier-name"
        required
      />
      <TextField
        label={t('merchant.staff.password')}
        type="password"
        value={password}
        onValue={setPassword}
        testId="cashier-password"
        autoComplete="new-password"
        minLength={8}
        required
      />
      <ErrorAlert error={error} testId="cashier-error" />
      {added !== null && (
        <SuccessNote testId="cashier-added">
          {t('merchant.staff.added', { name: added })}
        </SuccessNote>
      )}
      <SubmitButton busy={busy} testId="cashier-submit">
        {t('merchant.staff.submit')}
      </SubmitButton>
    </form>
  )
}

/** 员工: who signs in to this merchant's console; the owner adds cashiers. */
export function StaffPage({ isOwner }: { isOwner: boolean }): ReactNode {
  const { t } = useI18n()
  const { state, reload } = useApiData(() => merchantMoneyApi.staff(), 'staff')
  return (
    <section className="lq-admin-page" data-testid="merchant-staff-page">
      <h1>{t('merchant.staff.title')}</h1>
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'ready' && (
        <div className="lq-card">
          <table className="lq-table" data-testid="staff-table">
            <thead>
              <tr>
                <th>{t('merchant.staff.col.name')}</th>
                <th>{t('merchant.staff.col.username')}</th>
                <th>{t('merchant.staff.col.role')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.staff.map((one) => (
                <tr key={one.id} data-testid="staff-row" data-username={one.username}>
                  <td>{one.displayName}</td>
                  <td>{one.username}</td>
                  <td>
                    {t(
                      one.role === 'owner'
                        ? 'merchant.staffRole.owner'
                        : 'merchant.staffRole.cashier',
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isOwner ? (
        <CashierForm onAdded={reload} />
      ) : (
        <p className="lq-muted">{t('merchant.staff.ownerOnly')}</p>
      )}
    </section>
  )
}
