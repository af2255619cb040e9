import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, SuccessNote, TextField } from '../../shared/forms'
import { looksLikeMobile, maskPhone, normalizePhoneInput } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { walletApi } from '../api'
import { PageShell } from '../components/PageShell'
import { SmsCodeButton } from '../components/SmsCodeButton'
import { useSession, useUser } from '../session'

/** 更换手机号: a code to the old number proves ownership, one to the new proves it is reachable. */
export function ChangePhonePage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const session = useSession()
  const [oldCode, setOldCode] = useState('')
  const [newPhone, setNewPhone] = useState('')
  const [newCode, setNewCode] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [changedTo, setChangedTo] = useState<string | null>(null)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!looksLikeMobile(newPhone)) {
      setError(localError('PHONE_INVALID', 'phone.invalid'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const updated = await walletApi.changePhone(
        oldCode.trim(),
        normalizePhoneInput(newPhone),
        newCode.trim(),
      )
      session.setUser(updated)
      setChangedTo(updated.phone)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell titleKey="changePhone.title" backTo="/security" testId="change-phone-page">
      {changedTo !== null ? (
        <SuccessNote testId="change-phone-done">
          {t('changePhone.done', { phone: maskPhone(changedTo) })}
        </SuccessNote>
      ) : (
        <form className="lq-card lq-form" onSubmit={(event) => void submit(event)} noValidate>
          <p className="lq-form__intro">{t('changePhone.intro')}</p>
          <div className="lq-code-row">
            <TextField
              label={t('changePhone.oldCode', { phone: maskPhone(user.phone) })}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={oldCode}
              onValue={setOldCode}
              testId="change-phone-old-code"
            />
            <SmsCodeButton
              phone={user.phone}
              purpose="change_phone_old"
              testId="change-phone-send-old"
              onSent={() => setError(null)}
              onError={setError}
            />
          </div>
          <TextField
            label={t('changePhone.newPhone')}
            placeholder={t('phone.placeholder')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={newPhone}
            onValue={setNewPhone}
            testId="change-phone-new-phone"
          />
          <div className="lq-code-row">
            <TextField
              label={t('changePhone.newCode')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={newCode}
              onValue={setNewCode}
              testId="change-phone-new-code"
            />
            <SmsCodeButton
              phone={newPhone}
              purpose="change_phone_new"
              testId="change-phone-send-new"
              onSent={() => setError(null)}
              onError={setError}
            />
          </div>
          <ErrorAlert error={error} />
          <SubmitButton
            busy={busy}
            disabled={oldCode.trim() === '' || newCode.trim() === ''}
            testId="change-phone-submit"
          >
            {t('changePhone.submit')}
          </SubmitButton>
        </form>
      )}
    </PageShell>
  )
}
