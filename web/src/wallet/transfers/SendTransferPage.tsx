import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { formatFen, parseYuanToFen } from '../../shared/money'
import { navigate, useLocation } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import type { TransferRequest } from '@contract/transfers'
import { chatApi } from '../chat/chat-api'
import { PageShell } from '../components/PageShell'
import { AmountField } from '../money/AmountField'
import { ErrorWithAction } from '../money/ErrorWithAction'
import { PaymentConfirm } from '../money/PaymentConfirm'
import { useAttemptKey } from '../money/useAttemptKey'
import { useUser } from '../session'
import { ContactPicker } from '../redpackets/Pickers'
import { transferSendApi } from '../redpackets/redpacket-api'
import type { TransferPreview } from '../redpackets/redpacket-api'

/** Matches the server's limit (contract TRANSFER_NOTE_LENGTH_MAX). */
const NOTE_LENGTH_MAX = 50

interface Recipient {
  userId: string
  name: string
  conversationId: string | null
}

/** 延时到账 and the fee, as the preview tells them (shown on the hints and on the confirm step). */
function ArrivalFacts({ preview }: { preview: TransferPreview }): ReactNode {
  const { t, lang } = useI18n()
  return (
    <>
      {!preview.realTime && (
        <p className="lq-rp-note" data-testid="transfer-delayed-notice">
          {t('transferSend.delayed', { time: formatDateTime(preview.availableAtMs, lang) })}
        </p>
      )}
      {preview.feeFen > 0 && (
        <p className="lq-muted">{t('transferSend.fee', { amount: formatFen(preview.feeFen) })}</p>
      )}
    </>
  )
}

/** The calm risk hints (不是好友, 首次大额): a reason each, never a block. */
function RiskHints({
  preview,
  onContinue,
  onEdit,
}: {
  preview: TransferPreview
  onContinue: () => void
  onEdit: () => void
}): ReactNode {
  const { t, lang } = useI18n()
  return (
    <section className="lq-card lq-rp-hints" data-testid="transfer-hints">
      <h2 className="lq-card__title">{t('transferSend.hintTitle')}</h2>
      <ul>
        {preview.hints.map((hint) => (
          <li key={hint.code} data-testid="transfer-hint" data-code={hint.code}>
            {hint.message[lang]}
          </li>
        ))}
      </ul>
      <p className="lq-muted">{t('transferSend.hintBody')}</p>
      <ArrivalFacts preview={preview} />
      <div className="lq-rp-hints__actions">
        <button type="button" className="lq-button" onClick={onEdit} data-testid="transfer-edit">
          {t('transferSend.edit')}
        </button>
        <button
          type="button"
          className="lq-button lq-button--primary"
          onClick={onContinue}
          data-testid="transfer-continue"
        >
          {t('transferSend.continue')}
        </button>
      </div>
    </section>
  )
}

/** The payment password for the previewed transfer, then its receipt. */
function ConfirmTransfer({
  preview,
  recipientId,
  note,
  onCancel,
}: {
  preview: TransferPreview
  recipientId: string
  note: string
  onCancel: () => void
}): ReactNode {
  const { t } = useI18n()
  const attempt = useAttemptKey()
  const { amountFen } = preview
  const body: Omit<TransferRequest, 'method' | 'smsCode'> = {
    idempotencyKey: attempt.keyFor(`${recipientId}:${note}`, amountFen),
    to: { kind: 'user', userId: recipientId },
    amountFen,
    ...(note === '' ? {} : { note }),
  }
  return (
    <PaymentConfirm
      title={t('transferSend.confirm', { name: preview.recipient.displayName })}
      amountFen={amountFen}
      details={<ArrivalFacts preview={preview} />}
      submit={(auth) => transferSendApi.send({ ...body, ...auth })}
      onResult={(transfer) => {
        attempt.finish()
        navigate(`/transfers/${encodeURIComponent(transfer.id)}`)
      }}
      onCancel={onCancel}
    />
  )
}

type Step =
  | { kind: 'form' }
  | { kind: 'hints'; preview: TransferPreview }
  | { kind: 'confirm'; preview: TransferPreview }

/** Form → (risk hints) → confirm; the preview is asked for first. */
function useTransferSteps(userId: string) {
  const [step, setStep] = useState<Step>({ kind: 'form' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function previewFor(amountFen: number): Promise<void> {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      // Asked first: a recipient who cannot receive is refused before any password.
      const preview = await transferSendApi.preview({ to: { kind: 'user', userId }, amountFen })
      setStep(preview.hints.length > 0 ? { kind: 'hints', preview } : { kind: 'confirm', preview })
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return { step, setStep, busy, error, previewFor }
}

function TransferForm({ recipient }: { recipient: Recipient }): ReactNode {
  const { t } = useI18n()
  const [amountText, setAmountText] = useState('')
  const [note, setNote] = useState('')
  const parsed = parseYuanToFen(amountText)
  const { step, setStep, busy, error, previewFor } = useTransferSteps(recipient.userId)

  function next(event: FormEvent): void {
    event.preventDefault()
    if (parsed.ok) void previewFor(parsed.fen)
  }

  if (step.kind === 'hints')
    return (
      <RiskHints
        preview={step.preview}
        onContinue={() => setStep({ kind: 'confirm', preview: step.preview })}
        onEdit={() => setStep({ kind: 'form' })}
      />
    )
  if (step.kind === 'confirm')
    return (
      <ConfirmTransfer
        preview={step.preview}
        recipientId={recipient.userId}
        note={note.trim()}
        onCancel={() => setStep({ kind: 'form' })}
      />
    )
  return (
    <form className="lq-card lq-form" onSubmit={next} noValidate data-testid="transfer-form">
      <h2 className="lq-card__title" data-testid="transfer-recipient">
        {t('transferSend.to', { name: recipient.name })}
      </h2>
      <AmountField
        label={t('transferSend.amount')}
        value={amountText}
        onValue={setAmountText}
        error={parsed.ok ? null : parsed.error}
      />
      <TextField
        label={t('transferSend.note')}
        maxLength={NOTE_LENGTH_MAX}
        value={note}
        onValue={setNote}
        testId="transfer-note"
      />
      <ErrorWithAction error={error} testId="transfer-error" />
      <SubmitButton busy={busy} disabled={!parsed.ok} testId="transfer-next">
        {t('transferSend.next')}
      </SubmitButton>
    </form>
  )
}

/** Who `?conversationId=` (the other person of a one-to-one chat) or `?userId=` names. */
async function findRecipient(myId: string, search: URLSearchParams): Promise<Recipient | null> {
  const conversationId = search.get('conversationId')
  if (conversationId !== null) {
    const detail = await chatApi.conversation(conversationId)
    const peer = detail.members.find((member) => member.userId !== myId)
    if (detail.kind !== 'direct' || peer === undefined) return null
    return { userId: peer.userId, name: peer.displayName, conversationId }
  }
  const userId = search.get('userId')
  if (userId === null) return null
  const { contacts } = await chatApi.contacts()
  const contact = contacts.find((person) => person.userId === userId)
  return { userId, name: contact?.displayName ?? userId, conversationId: null }
}

function RecipientLoader(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const { search, href } = useLocation()
  const { state } = useApiData(() => findRecipient(user.id, search), href)
  if (state.kind === 'loading') return <p className="lq-card lq-muted">{t('common.loading')}</p>
  if (state.kind === 'error')
    return (
      <section className="lq-card">
        <ErrorAlert error={state.error} />
      </section>
    )
  if (state.data === null) return <ContactPicker />
  return <TransferForm key={state.data.userId} recipient={state.data} />
}

/** 转账: to the other person of a chat, or to a contact picked here; the receipt afterwards. */
export function SendTransferPage(): ReactNode {
  const { search } = useLocation()
  const conversationId = search.get('conversationId')
  const picking = conversationId === null && search.get('userId') === null
  return (
    <PageShell
      titleKey={picking ? 'transferSend.pick.title' : 'transferSend.title'}
      backTo={conversationId === null ? '/' : `/chats/${encodeURIComponent(conversationId)}`}
      testId={picking ? 'transfer-pick-page' : 'transfer-send-page'}
    >
      {picking ? <ContactPicker /> : <RecipientLoader />}
    </PageShell>
  )
}
