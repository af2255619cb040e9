import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import { merchantApi } from './api'

/** Staff sign-in: username and password, its own session cookie (not the wallet's or admin's). */
export function MerchantSignInCard({ onSignedIn }: { onSignedIn: () => void }): ReactNode {
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await merchantApi.signIn(username.trim(), password)
      onSignedIn()
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
      data-testid="merchant-sign-in"
    >
      <h2 className="lq-card__title">{t('merchant.signIn.title')}</h2>
      <TextField
        label={t('merchant.signIn.username')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onValue={setUsername}
        testId="merchant-username"
      />
      <TextField
        label={t('merchant.signIn.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        testId="merchant-password"
      />
      <ErrorAlert error={error} />
      <SubmitButton
        busy={busy}
        disabled={username.trim() === '' || password === ''}
        testId="merchant-sign-in-submit"
      >
        {t('merchant.signIn.submit')}
      </SubmitButton>
    </form>
  )
}
