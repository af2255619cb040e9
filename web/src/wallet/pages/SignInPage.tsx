import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, SuccessNote } from '../../shared/forms'
import { looksLikeMobile, maskPhone, normalizePhoneInput } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { Link, navigate, safeNext, useLocation } from '../../shared/router'
import { walletApi } from '../api'
import { DevSmsHint } from '../components/DevSmsHint'
import { PageShell } from '../components/PageShell'
import { SmsCodeButton } from '../components/SmsCodeButton'
import { useSession } from '../session'
import { isSmsCode, PhoneField, SmsCodeField } from '../components/SmsCodeField'

/** 登录/注册: one step for both, by phone and SMS code. */
export function SignInPage(): ReactNode {
  const { t } = useI18n()
  const session = useSession()
  const { search } = useLocation()
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!looksLikeMobile(phone)) {
      setError(localError('PHONE_INVALID', 'phone.invalid'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const result = await walletApi.signIn(normalizePhoneInput(phone), code.trim())
      session.setUser(result.user)
      navigate(safeNext(search.get('next')), { replace: true })
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <PageShell titleKey="signIn.title" testId="sign-in-page">
      <form className="lq-card lq-form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="lq-form__intro">{t('signIn.subtitle')}</p>
        <PhoneField value={phone} onValue={setPhone} testId="sign-in-phone" />
        <div className="lq-code-row">
          <SmsCodeField value={code} onValue={setCode} testId="sign-in-code" />
          <SmsCodeButton
            phone={phone}
            purpose="sign_in"
            testId="sign-in-send-code"
            onSent={() => {
              setError(null)
              setSentTo(maskPhone(normalizePhoneInput(phone)))
            }}
            onError={setError}
            codeError={error}
          />
        </div>
        {sentTo !== null && error === null && (
          <SuccessNote testId="sms-sent">{t('sms.sent', { phone: sentTo })}</SuccessNote>
        )}
        <ErrorAlert error={error} />
        <SubmitButton busy={busy} disabled={!isSmsCode(code)} testId="sign-in-submit">
          {t('signIn.submit')}
        </SubmitButton>
        <DevSmsHint />
      </form>
      <p className="lq-page__footer-link">
        <Link to="/freeze" testId="link-freeze">
          {t('signIn.lostPhone')}
        </Link>
      </p>
    </PageShell>
  )
}
