import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, SuccessNote } from '../../shared/forms'
import { looksLikeMobile, maskPhone, normalizePhoneInput } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { walletApi } from '../api'
import { PageShell } from '../components/PageShell'
import { SmsCodeButton } from '../components/SmsCodeButton'
import { useSession } from '../session'
import { isSmsCode, PhoneField, SmsCodeField } from '../components/SmsCodeField'

type Step = 'form' | 'confirm' | 'done'

function Warning(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-warning-card" data-testid="freeze-warning">
      <h2 className="lq-card__title">{t('freeze.warning.title')}</h2>
      <ul className="lq-bullets">
        <li>{t('freeze.warning.signOut')}</li>
        <li>{t('freeze.warning.money')}</li>
        <li>{t('freeze.warning.unfreeze')}</li>
      </ul>
    </section>
  )
}

function Done(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-done lq-done--danger" data-testid="freeze-done">
      <span className="lq-done__icon" aria-hidden="true">
        !
      </span>
      <h2>{t('freeze.done.title')}</h2>
      <p>{t('freeze.done.body')}</p>
      <Link to="/sign-in" className="lq-button lq-button--primary" testId="freeze-sign-in">
        {t('freeze.done.signIn')}
      </Link>
    </section>
  )
}

/**
 * 冻结账户 (挂失): works signed out, for a lost phone. The code goes to the number itself, so
 * whoever holds the SIM (or its replacement) can freeze; a second screen asks to confirm.
 * Freezing signs out every device, possibly this one, so the session is read again after.
 */
export function FreezePage(): ReactNode {
  const { t } = useI18n()
  const session = useSession()
  const signedInPhone = session.state.kind === 'signed-in' ? session.state.user.phone : ''
  const [phone, setPhone] = useState(signedInPhone)
  const [code, setCode] = useState('')
  const [step, setStep] = useState<Step>('form')
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  function next(event: FormEvent): void {
    event.preventDefault()
    if (!looksLikeMobile(phone)) {
      setError(localError('PHONE_INVALID', 'phone.invalid'))
      return
    }
    setError(null)
    setStep('confirm')
  }

  async function freeze(): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await walletApi.freeze(normalizePhoneInput(phone), code.trim())
      setStep('done')
      if (session.state.kind === 'signed-in') await session.refresh()
    } catch (caught) {
      setError(caught)
      setStep('form')
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell
      titleKey="freeze.title"
      backTo={signedInPhone === '' ? '/sign-in' : '/security'}
      testId="freeze-page"
    >
      {step === 'done' ? (
        <Done />
      ) : (
        <>
          <p className="lq-page__intro">{t('freeze.intro')}</p>
          <Warning />
          {step === 'form' ? (
            <form className="lq-card lq-form" onSubmit={next} noValidate>
              <PhoneField value={phone} onValue={setPhone} testId="freeze-phone" />
              <div className="lq-code-row">
                <SmsCodeField value={code} onValue={setCode} testId="freeze-code" />
                <SmsCodeButton
                  phone={phone}
                  purpose="freeze"
                  testId="freeze-send-code"
                  onSent={() => {
                    setError(null)
                    setSent(true)
                  }}
                  onError={setError}
                  codeError={error}
                />
              </div>
              {sent && error === null && (
                <SuccessNote testId="sms-sent">
                  {t('sms.sent', { phone: maskPhone(normalizePhoneInput(phone)) })}
                </SuccessNote>
              )}
              <ErrorAlert error={error} />
              <SubmitButton
                busy={false}
                disabled={!isSmsCode(code)}
                testId="freeze-next"
                variant="danger"
              >
                {t('common.next')}
              </SubmitButton>
            </form>
          ) : (
            <section
              className="lq-card lq-confirm"
              role="alertdialog"
              aria-labelledby="lq-freeze-confirm"
              data-testid="freeze-confirm-panel"
            >
              <h2 id="lq-freeze-confirm">
                {t('freeze.confirm.title', { phone: maskPhone(normalizePhoneInput(phone)) })}
              </h2>
              <p>{t('freeze.confirm.body')}</p>
              <div className="lq-button-row">
                <button
                  type="button"
                  className="lq-button lq-button--secondary"
                  data-testid="freeze-cancel"
                  onClick={() => setStep('form')}
                  disabled={busy}
                >
                  {t('common.cancel')}
                </button>
                <SubmitButton
                  type="button"
                  busy={busy}
                  variant="danger"
                  testId="freeze-confirm"
                  onClick={() => void freeze()}
                >
                  {t('freeze.confirm.action')}
                </SubmitButton>
              </div>
            </section>
          )}
        </>
      )}
    </PageShell>
  )
}
