import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from './ErrorAlert'
import { SubmitButton, TextField } from './forms'

export interface PasswordSignInFormProps {
  /** Test ids are `<prefix>-sign-in`, `<prefix>-username`, `<prefix>-password`, `<prefix>-sign-in-submit`. */
  testIdPrefix: string
  labels: { title: string; username: string; password: string; submit: string }
  /** Signs in; a thrown error is shown under the fields and the form can be sent again. */
  signIn: (username: string, password: string) => Promise<void>
  children?: ReactNode
}

/** Username-and-password sign-in of the consoles (operators, merchant staff), one form for both. */
export function PasswordSignInForm(props: PasswordSignInFormProps): ReactNode {
  const { testIdPrefix: prefix, labels } = props
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await props.signIn(username.trim(), password)
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
      data-testid={`${prefix}-sign-in`}
    >
      <h2 className="lq-card__title">{labels.title}</h2>
      <TextField
        label={labels.username}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onValue={setUsername}
        testId={`${prefix}-username`}
      />
      <TextField
        label={labels.password}
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        testId={`${prefix}-password`}
      />
      <ErrorAlert error={error} />
      <SubmitButton
        busy={busy}
        disabled={username.trim() === '' || password === ''}
        testId={`${prefix}-sign-in-submit`}
      >
        {labels.submit}
      </SubmitButton>
      {props.children}
    </form>
  )
}
