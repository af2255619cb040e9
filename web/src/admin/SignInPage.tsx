import { useEffect, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import { adminApi } from './api'
import { useAdminSession } from './session'

function DevAccountsHint(): ReactNode {
  const { t } = useI18n()
  const [dev, setDev] = useState(false)
  useEffect(() => {
    let live = true
    void adminApi.devMode().then((yes) => {
      if (live) setDev(yes)
    })
    return () => {
      live = false
    }
  }, [])
  if (!dev) return null
  return (
    <p className="lq-dev-hint" data-testid="admin-dev-hint">
      {t('admin.signIn.devHint')}
    </p>
  )
}

/** Operator sign-in: username and password, its own session cookie. */
export function AdminSignInCard(): ReactNode {
  const { t } = useI18n()
  const session = useAdminSession()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { operator } = await adminApi.signIn(username.trim(), password)
      session.setOperator(operator)
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="admin-sign-in"
    >
      <h2 className="lq-card__title">{t('admin.signIn.title')}</h2>
      <TextField
        label={t('admin.signIn.username')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onValue={setUsername}
        testId="admin-username"
      />
      <TextField
        label={t('admin.signIn.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        testId="admin-password"
      />
      <ErrorAlert error={error} />
      <SubmitButton
        busy={busy}
        disabled={username.trim() === '' || password === ''}
        testId="admin-sign-in-submit"
      >
        {t('admin.signIn.submit')}
      </SubmitButton>
      <DevAccountsHint />
    </form>
  )
}
