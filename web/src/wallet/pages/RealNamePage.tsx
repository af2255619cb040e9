import { useEffect, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ACCOUNT_CLASS_KEY } from '../../shared/account-class'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { maskName, normalizeIdNumber } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { walletApi } from '../api'
import type { DemoIdentity, UserView } from '../api'
import { PageShell } from '../components/PageShell'
import { useSession, useUser } from '../session'

/** After verifying with a demo identity: its card at the simulated bank, to bind next. */
function DemoCard({ card }: { card: NonNullable<DemoIdentity['debitCard']> }): ReactNode {
  const { t } = useI18n()
  const query = new URLSearchParams({ card: card.cardNumber, phone: card.reservedPhone })
  return (
    <div className="lq-alert lq-alert--warning lq-demo-note" data-testid="real-name-demo-card">
      <p>{t('realName.demo.card', { card: card.cardNumber, phone: card.reservedPhone })}</p>
      <Link to={`/cards/add?${query.toString()}`} testId="real-name-demo-bind">
        {t('realName.demo.bind')}
      </Link>
    </div>
  )
}

function Verified({ user, demo }: { user: UserView; demo: DemoIdentity | null }): ReactNode {
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
      {demo?.debitCard && <DemoCard card={demo.debitCard} />}
      <Link to="/payment-password" className="lq-button lq-button--primary" testId="real-name-next">
        {t('realName.next')}
      </Link>
    </section>
  )
}

/** A free simulated resident in demo mode; null elsewhere (the dev route answers 404). */
function useDemoIdentity(): { identity: DemoIdentity | null; another: () => void } {
  const [identity, setIdentity] = useState<DemoIdentity | null>(null)
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    walletApi.demoIdentity().then(
      (found) => live && setIdentity(found),
      () => live && setIdentity(null),
    )
    return () => {
      live = false
    }
  }, [round])
  return { identity, another: () => setRound((value) => value + 1) }
}

/**
 * 演示模式: no population register is connected, only the simulated residents verify. Says so,
 * and fills in one nobody has used yet.
 */
function DemoNote({ onUse }: { onUse: (identity: DemoIdentity) => void }): ReactNode {
  const { t } = useI18n()
  const demo = useDemoIdentity()
  if (demo.identity === null) return null
  const identity = demo.identity
  return (
    <div className="lq-alert lq-alert--warning lq-demo-note" data-testid="real-name-demo">
      <p>{t('realName.demo.body')}</p>
      <button
        type="button"
        className="lq-pill-button"
        data-testid="real-name-demo-use"
        onClick={() => {
          onUse(identity)
          demo.another()
        }}
      >
        {t('realName.demo.use')}
      </button>
    </div>
  )
}

/** 真实姓名 and 身份证号, as typed. */
function IdentityFields(props: {
  realName: string
  idNumber: string
  onRealName: (value: string) => void
  onIdNumber: (value: string) => void
}): ReactNode {
  const { t } = useI18n()
  return (
    <>
      <TextField
        label={t('realName.name')}
        placeholder={t('realName.namePlaceholder')}
        autoComplete="name"
        maxLength={40}
        value={props.realName}
        onValue={props.onRealName}
        testId="real-name-name"
      />
      <TextField
        label={t('realName.idNumber')}
        placeholder={t('realName.idNumberPlaceholder')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={22}
        value={props.idNumber}
        onValue={props.onIdNumber}
        testId="real-name-id"
      />
    </>
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
  // The demo identity filled in, kept for its card once it verified (demo mode only).
  const [demo, setDemo] = useState<DemoIdentity | null>(null)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const normalized = normalizeIdNumber(idNumber)
    if (demo !== null && demo.idNumber !== normalized) setDemo(null)
    try {
      session.setUser(await walletApi.verifyRealName(realName.trim(), normalized))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell titleKey="realName.title" testId="real-name-page">
      {user.verified ? (
        <Verified user={user} demo={demo} />
      ) : (
        <form className="lq-card lq-form" onSubmit={(event) => void submit(event)} noValidate>
          <p className="lq-form__intro">{t('realName.intro')}</p>
          <DemoNote
            onUse={(identity) => {
              setDemo(identity)
              setRealName(identity.realName)
              setIdNumber(identity.idNumber)
              setError(null)
            }}
          />
          <IdentityFields
            realName={realName}
            idNumber={idNumber}
            onRealName={setRealName}
            onIdNumber={setIdNumber}
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
