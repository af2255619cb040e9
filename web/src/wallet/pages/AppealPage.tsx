import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { Field, SubmitButton, SuccessNote, TextField } from '../../shared/forms'
import { formatDateTime, maskPhone, normalizeIdNumber } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { Appeal, AppealStatus } from '../api'
import { PageShell } from '../components/PageShell'
import { SmsCodeButton } from '../components/SmsCodeButton'
import { StatusBanner } from '../components/StatusBanner'
import { useSession, useUser } from '../session'

export const STATEMENT_MAX_CHARS = 2000

export const APPEAL_STATUS_KEY: Record<AppealStatus, MessageKey> = {
  pending: 'appealStatus.pending',
  approved: 'appealStatus.approved',
  rejected: 'appealStatus.rejected',
}

function AppealItem({ appeal }: { appeal: Appeal }): ReactNode {
  const { t, lang } = useI18n()
  return (
    <li className="lq-appeal" data-testid="appeal-item" data-appeal-id={appeal.id}>
      <p className="lq-appeal__head">
        <span
          className={`lq-pill lq-pill--${appeal.status}`}
          data-testid="appeal-status"
          data-status={appeal.status}
        >
          {t(APPEAL_STATUS_KEY[appeal.status])}
        </span>
        <span className="lq-muted">
          {t('appeal.submittedAt', { time: formatDateTime(appeal.createdAtMs, lang) })}
        </span>
      </p>
      <p className="lq-appeal__statement">{appeal.statement}</p>
      {appeal.decisionReason !== null && appeal.decisionReason !== '' && (
        <p className="lq-appeal__reason" data-testid="appeal-decision-reason">
          {t('appeal.decisionReason', { reason: appeal.decisionReason })}
        </p>
      )}
      {appeal.decidedAtMs !== null && (
        <p className="lq-muted">
          {t('appeal.decidedAt', { time: formatDateTime(appeal.decidedAtMs, lang) })}
        </p>
      )}
    </li>
  )
}

/** Verified users prove who they are with name + ID number; the others with an SMS code. */
function AppealForm({ onSubmitted }: { onSubmitted: (appeal: Appeal) => void }): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const [statement, setStatement] = useState('')
  const [realName, setRealName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [smsCode, setSmsCode] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const proofMissing = user.verified
    ? realName.trim() === '' || idNumber.trim() === ''
    : smsCode.trim() === ''

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const proof = user.verified
        ? { realName: realName.trim(), idNumber: normalizeIdNumber(idNumber) }
        : { smsCode: smsCode.trim() }
      const { appeal } = await walletApi.submitAppeal({ statement: statement.trim(), ...proof })
      onSubmitted(appeal)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="lq-card lq-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="appeal-form"
    >
      <Field
        label={t('appeal.statement')}
        htmlFor="lq-appeal-statement"
        hint={`${statement.length} / ${STATEMENT_MAX_CHARS}`}
      >
        <textarea
          id="lq-appeal-statement"
          className="lq-input lq-textarea"
          rows={4}
          maxLength={STATEMENT_MAX_CHARS}
          placeholder={t('appeal.statementPlaceholder')}
          value={statement}
          onChange={(event) => setStatement(event.target.value)}
          data-testid="appeal-statement"
        />
      </Field>
      {user.verified ? (
        <>
          <p className="lq-form__intro">{t('appeal.verifyId')}</p>
          <TextField
            label={t('realName.name')}
            autoComplete="name"
            maxLength={40}
            value={realName}
            onValue={setRealName}
            testId="appeal-name"
          />
          <TextField
            label={t('realName.idNumber')}
            autoComplete="off"
            spellCheck={false}
            maxLength={22}
            value={idNumber}
            onValue={setIdNumber}
            testId="appeal-id"
          />
        </>
      ) : (
        <>
          <p className="lq-form__intro">
            {t('appeal.verifySms', { phone: maskPhone(user.phone) })}
          </p>
          <div className="lq-code-row">
            <TextField
              label={t('sms.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={smsCode}
              onValue={setSmsCode}
              testId="appeal-code"
            />
            <SmsCodeButton
              phone={user.phone}
              purpose="appeal"
              testId="appeal-send-code"
              onSent={() => setError(null)}
              onError={setError}
            />
          </div>
        </>
      )}
      <ErrorAlert error={error} />
      <SubmitButton
        busy={busy}
        disabled={statement.trim() === '' || proofMissing}
        testId="appeal-submit"
      >
        {t('appeal.submit')}
      </SubmitButton>
    </form>
  )
}

/** 申诉: ask to lift a freeze, and follow the decision and the operator's reason. */
export function AppealPage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const session = useSession()
  const appeals = useApiData(walletApi.appeals, user.id)
  const [justSubmitted, setJustSubmitted] = useState(false)

  const list = appeals.state.kind === 'ready' ? appeals.state.data.appeals : []
  const pending = list.some((appeal) => appeal.status === 'pending')

  function formOrNote(): ReactNode {
    if (appeals.state.kind !== 'ready') return null
    if (pending) {
      return (
        <p className="lq-card lq-muted" data-testid="appeal-pending">
          {t('appeal.pending')}
        </p>
      )
    }
    if (user.status !== 'frozen') {
      return (
        <p className="lq-card lq-muted" data-testid="appeal-not-needed">
          {t('appeal.notNeeded')}
        </p>
      )
    }
    return (
      <AppealForm
        onSubmitted={(appeal) => {
          setJustSubmitted(true)
          appeals.setData({ appeals: [appeal, ...list] })
          void session.refresh()
        }}
      />
    )
  }

  return (
    <PageShell titleKey="appeal.title" testId="appeal-page">
      <StatusBanner user={user} appealLink={false} />
      <p className="lq-page__intro">{t('appeal.intro')}</p>
      {justSubmitted && (
        <SuccessNote testId="appeal-submitted">{t('appeal.submitted')}</SuccessNote>
      )}
      {appeals.state.kind === 'loading' && (
        <p className="lq-card lq-muted">{t('common.loading')}</p>
      )}
      {appeals.state.kind === 'error' && (
        <section className="lq-card">
          <ErrorAlert error={appeals.state.error} />
        </section>
      )}
      {formOrNote()}
      <section className="lq-card" aria-labelledby="lq-appeal-history">
        <h2 className="lq-card__title" id="lq-appeal-history">
          {t('appeal.history')}
        </h2>
        {list.length === 0 ? (
          <p className="lq-muted">{t('appeal.none')}</p>
        ) : (
          <ul className="lq-list" data-testid="appeal-list">
            {list.map((appeal) => (
              <AppealItem key={appeal.id} appeal={appeal} />
            ))}
          </ul>
        )}
      </section>
    </PageShell>
  )
}
