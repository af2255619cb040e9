import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ACCOUNT_CLASS_KEY } from '../../shared/account-class'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { maskName, normalizeIdNumber } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { walletApi } from '../api'
import type { UserView } from '../api'
import { PageShell } from '../components/PageShell'
import { useSession, useUser } from '../session'

function Verified({ user }: { user: UserView }): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-done" data-testid="real-name-done">
      <span className="lq-done__icon" aria-hidden="true">
        ✓
      </span>
      <h2>{t('realName.done.title')}</h2>
      <p>
        {t('realName.done.body', {
          name: maskName(user.realName ?? ''),
          accountClass: t(ACCOUNT_CLASS_KEY[user.accountClass]),
        })}
      </p>
      <Link to="/payment-password" className="lq-button lq-button--primary" testId="real-name-next">
        {t('realName.next')}
      </Link>
    </section>
  )
}

/** 实名认证: name + resident ID number, checked by the server against the population register. */
export function RealNamePage(): ReactNode {
  const { t } = useI18n()
  const session = useSession()
  const user = useUser()
  const [realName, setRealName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      session.setUser(await walletApi.verifyRealName(realName.trim(), normalizeIdNumber(idNumber)))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell titleKey="realName.title" testId="real-name-page">
      {user.verified ? (
        <Verified user={user} />
      ) : (
        <form className="lq-card lq-form" onSubmit={(event) => void submit(event)} noValidate>
          <p className="lq-form__intro">{t('realName.intro')}</p>
          <TextField
            label={t('realName.name')}
            placeholder={t('realName.namePlaceholder')}
            autoComplete="name"
            maxLength={40}
            value={realName}
            onValue={setRealName}
            testId="real-name-name"
          />
          <TextField
            label={t('realName.idNumber')}
            placeholder={t('realName.idNumberPlaceholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={22}
            value={idNumber}
            onValue={setIdNumber}
            testId="real-name-id"
          />
          <p className="lq-field__hint">{t('realName.privacy')}</p>
          <ErrorAlert error={error} />
          <SubmitButton
            busy={busy}
            disabled={realName.trim() === '' || idNumber.trim() === ''}
            testId="real-name-submit"
          >
            {t('realName.submit')}
          </SubmitButton>
        </form>
      )}
    </PageShell>
  )
}
