import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { PaymentPasswordStatus } from '../api'
import { PageShell } from '../components/PageShell'
import { PinFlow } from '../components/PinFlow'
import { useUser } from '../session'
import { NO_RESET, ResetPin, type ResetState, ResetVerify } from './PasswordReset'

type Mode = 'main' | 'reset-verify' | 'reset-pin' | 'done'

function KycRequired(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-cta" data-testid="pin-kyc-required">
      <p>{t('pin.kycRequired')}</p>
      <Link to="/real-name" className="lq-pill-button" testId="pin-kyc-link">
        {t('wallet.kyc.action')}
      </Link>
    </section>
  )
}

function BackToSecurity({ primary }: { primary: boolean }): ReactNode {
  const { t } = useI18n()
  const kind = primary ? 'lq-button--primary' : 'lq-button--secondary'
  return (
    <Link to="/security" className={`lq-button ${kind}`} testId="pin-done-security">
      {t('pin.backToSecurity')}
    </Link>
  )
}

/** After the first password, a user with no card yet is offered the next step: adding one. */
function AddCardNext(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const cards = useApiData(walletApi.cards, user.id)
  if (cards.state.kind !== 'ready' || cards.state.data.cards.length > 0) {
    return <BackToSecurity primary />
  }
  return (
    <>
      <Link to="/cards/add" className="lq-button lq-button--primary" testId="pin-done-add-card">
        {t('cards.add')}
      </Link>
      <BackToSecurity primary={false} />
    </>
  )
}

function Done({ titleKey }: { titleKey: MessageKey }): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-done" data-testid="pin-done">
      <span className="lq-done__icon" aria-hidden="true">
        ✓
      </span>
      <h2>{t(titleKey)}</h2>
      <p>{t('pin.done.body')}</p>
      {titleKey === 'pin.done.set' ? <AddCardNext /> : <BackToSecurity primary />}
    </section>
  )
}

function LockedNote({ status }: { status: PaymentPasswordStatus }): ReactNode {
  const { t, lang } = useI18n()
  if (status.lockedUntilMs === null || status.lockedUntilMs <= Date.now()) return null
  return (
    <p className="lq-alert lq-alert--warning" role="alert" data-testid="pin-locked">
      {t('pin.locked', { time: formatDateTime(status.lockedUntilMs, lang) })}
    </p>
  )
}

/** 支付密码: set it (after 实名), change it, or reset it with SMS + ID number. */
export function PaymentPasswordPage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const status = useApiData(walletApi.paymentPassword, user.id)
  const [mode, setMode] = useState<Mode>('main')
  const [doneKey, setDoneKey] = useState<MessageKey>('pin.done.set')
  const [reset, setReset] = useState<ResetState>(NO_RESET)

  const finish = (key: MessageKey) => () => {
    setDoneKey(key)
    setMode('done')
  }

  function body(): ReactNode {
    if (!user.verified) return <KycRequired />
    if (mode === 'done') return <Done titleKey={doneKey} />
    if (mode === 'reset-verify') {
      return (
        <ResetVerify
          initial={reset}
          onVerified={(proof, resetTicket) => {
            setReset({ proof, resetTicket, error: null })
            setMode('reset-pin')
          }}
        />
      )
    }
    if (mode === 'reset-pin') {
      return (
        <ResetPin
          reset={reset}
          onSuccess={finish('pin.done.reset')}
          onFatal={(error) => {
            setReset({ ...reset, resetTicket: '', error })
            setMode('reset-verify')
          }}
        />
      )
    }
    if (status.state.kind === 'loading') {
      return <p className="lq-card lq-muted">{t('common.loading')}</p>
    }
    if (status.state.kind === 'error') {
      return (
        <section className="lq-card">
          <ErrorAlert error={status.state.error} />
          <button type="button" className="lq-link-button" onClick={status.reload}>
            {t('common.retry')}
          </button>
        </section>
      )
    }
    const current = status.state.data
    return (
      <>
        <LockedNote status={current} />
        <section className="lq-card" data-testid={current.set ? 'pin-change' : 'pin-set'}>
          {current.set ? (
            <PinFlow
              steps={['old', 'new', 'confirm']}
              newLabelKey="pin.change.new"
              hintKey="pin.set.hint"
              submit={async (pins) => {
                await walletApi.changePaymentPassword(pins.old, pins.new)
              }}
              onSuccess={finish('pin.done.changed')}
            />
          ) : (
            <PinFlow
              steps={['new', 'confirm']}
              hintKey="pin.set.hint"
              submit={async (pins) => {
                await walletApi.setPaymentPassword(pins.new)
              }}
              onSuccess={finish('pin.done.set')}
            />
          )}
        </section>
        {current.set && (
          <p className="lq-page__footer-link">
            <button
              type="button"
              className="lq-link-button"
              data-testid="pin-forgot"
              onClick={() => setMode('reset-verify')}
            >
              {t('pin.forgot')}
            </button>
          </p>
        )}
      </>
    )
  }

  return (
    <PageShell titleKey="pin.title" backTo="/security" testId="payment-password-page">
      {body()}
    </PageShell>
  )
}
