import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, SuccessNote } from '../../shared/forms'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { fenToYuanInput, formatFen, parseYuanToFen } from '../../shared/money'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { PinPrompt } from '../components/PinPrompt'
import { AmountField } from '../money/AmountField'
import { payApi } from './pay-api'
import type { PaySettings } from './pay-api'

type Passwordless = PaySettings['passwordless']

/** Turning 免密 on or raising a limit spends less care per payment: the server wants the PIN. */
export function needsPassword(before: Passwordless, next: Passwordless): boolean {
  if (!next.enabled) return false
  return (
    !before.enabled || next.perPaymentFen > before.perPaymentFen || next.dailyFen > before.dailyFen
  )
}

/** One limit: the amount typed, its highest allowed value, why it is not usable yet. */
function LimitField({
  label,
  text,
  onText,
  maxFen,
  testId,
}: {
  label: string
  text: string
  onText: (text: string) => void
  maxFen: number
  testId: string
}): ReactNode {
  const { t } = useI18n()
  const parsed = parseYuanToFen(text)
  return (
    <>
      <AmountField
        label={label}
        value={text}
        onValue={onText}
        error={parsed.ok ? null : parsed.error}
        hint={t('pay.settings.max', { max: formatFen(maxFen) })}
        testId={`${testId}-input`}
      />
      {parsed.ok && parsed.fen > maxFen && (
        <p className="lq-field__error" data-testid={`${testId}-over`}>
          {t('pay.settings.overMax')}
        </p>
      )}
    </>
  )
}

/** A typed limit in fen when it is usable (an amount within `maxFen`), else null. */
function limitFen(text: string, maxFen: number): number | null {
  const parsed = parseYuanToFen(text)
  return parsed.ok && parsed.fen <= maxFen ? parsed.fen : null
}

function SwitchRow({ enabled, onToggle }: { enabled: boolean; onToggle: () => void }) {
  const { t } = useI18n()
  return (
    <div className="lq-switch-row">
      <div>
        <h2 className="lq-card__title" id="lq-passwordless">
          {t('pay.settings.passwordless')}
        </h2>
        <p className="lq-muted">{t('pay.settings.passwordlessBody')}</p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-labelledby="lq-passwordless"
        className="lq-switch"
        data-testid="passwordless-switch"
        onClick={onToggle}
      >
        <span className="lq-visually-hidden">
          {t(enabled ? 'pay.settings.on' : 'pay.settings.off')}
        </span>
      </button>
    </div>
  )
}

function PinStep({
  save,
  onCancel,
}: {
  save: (pin: string) => Promise<void>
  onCancel: () => void
}): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card" data-testid="passwordless-pin">
      <p className="lq-form__intro">{t('pay.settings.pinToRaise')}</p>
      <PinPrompt testId="passwordless-pin" action={save} onCancel={onCancel} />
    </section>
  )
}

function LimitFields({
  current,
  perText,
  setPerText,
  dailyText,
  setDailyText,
}: {
  current: Passwordless
  perText: string
  setPerText: (text: string) => void
  dailyText: string
  setDailyText: (text: string) => void
}): ReactNode {
  const { t, lang } = useI18n()
  return (
    <>
      <LimitField
        label={t('pay.settings.perPayment')}
        text={perText}
        onText={setPerText}
        maxFen={current.perPaymentMaxFen}
        testId="passwordless-per"
      />
      <LimitField
        label={t('pay.settings.daily')}
        text={dailyText}
        onText={setDailyText}
        maxFen={current.dailyMaxFen}
        testId="passwordless-daily"
      />
      <p className="lq-muted" data-testid="passwordless-used">
        {t('pay.settings.usedToday', {
          used: formatFen(current.usedTodayFen),
          time: formatDateTime(current.resetsAtMs, lang),
        })}
      </p>
    </>
  )
}

function PasswordlessForm({
  settings,
  onSaved,
}: {
  settings: PaySettings
  onSaved: (settings: PaySettings) => void
}): ReactNode {
  const { t } = useI18n()
  const current = settings.passwordless
  const [enabled, setEnabled] = useState(current.enabled)
  const [perText, setPerText] = useState(fenToYuanInput(current.perPaymentFen))
  const [dailyText, setDailyText] = useState(fenToYuanInput(current.dailyFen))
  const [asking, setAsking] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const perFen = limitFen(perText, current.perPaymentMaxFen)
  const dailyFen = limitFen(dailyText, current.dailyMaxFen)
  const valid = !enabled || (perFen !== null && dailyFen !== null)
  const next: Passwordless = {
    ...current,
    enabled,
    perPaymentFen: perFen ?? current.perPaymentFen,
    dailyFen: dailyFen ?? current.dailyFen,
  }

  async function save(paymentPassword?: string): Promise<void> {
    setError(null)
    const passwordless = enabled
      ? { enabled, perPaymentFen: next.perPaymentFen, dailyFen: next.dailyFen }
      : { enabled }
    onSaved(
      await payApi.updateSettings({
        passwordless,
        ...(paymentPassword === undefined ? {} : { paymentPassword }),
      }),
    )
    setAsking(false)
    setSaved(true)
  }

  function submit(event: FormEvent): void {
    event.preventDefault()
    setSaved(false)
    if (!valid) return
    if (needsPassword(current, next)) return setAsking(true)
    save().catch(setError)
  }

  if (asking) return <PinStep save={save} onCancel={() => setAsking(false)} />
  return (
    <form className="lq-card lq-form" onSubmit={submit} noValidate data-testid="passwordless-form">
      <SwitchRow enabled={enabled} onToggle={() => setEnabled((on) => !on)} />
      {enabled && (
        <LimitFields
          current={current}
          perText={perText}
          setPerText={setPerText}
          dailyText={dailyText}
          setDailyText={setDailyText}
        />
      )}
      <ErrorAlert error={error} testId="passwordless-error" />
      {saved && <SuccessNote testId="passwordless-saved">{t('pay.settings.saved')}</SuccessNote>}
      <SubmitButton busy={false} disabled={!valid} testId="passwordless-save">
        {t('pay.settings.save')}
      </SubmitButton>
    </form>
  )
}

/** 免密支付: small payment-code payments without the PIN, within a per-payment and daily limit. */
export function PaySettingsPage(): ReactNode {
  const { t } = useI18n()
  const settings = useApiData(payApi.settings, 'pay-settings')
  return (
    <PageShell titleKey="pay.settings.title" backTo="/pay" testId="pay-settings-page">
      {settings.state.kind === 'loading' && (
        <p className="lq-card lq-muted">{t('common.loading')}</p>
      )}
      {settings.state.kind === 'error' && (
        <section className="lq-card">
          <ErrorAlert error={settings.state.error} />
        </section>
      )}
      {settings.state.kind === 'ready' && (
        <PasswordlessForm settings={settings.state.data} onSaved={settings.setData} />
      )}
    </PageShell>
  )
}
