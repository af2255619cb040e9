import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SubmitButton, TextField } from '../../shared/forms'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen, parseYuanToFen } from '../../shared/money'
import { navigate, useLocation } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { chatApi } from '../chat/chat-api'
import type { ConversationDetail } from '../chat/chat-api'
import { PageShell } from '../components/PageShell'
import { AmountField } from '../money/AmountField'
import { PaymentConfirm } from '../money/PaymentConfirm'
import { useAttemptKey } from '../money/useAttemptKey'
import { useUser } from '../session'
import { ConversationPicker } from './Pickers'
import { isSplit, packetDraft } from './packet-draft'
import { redPacketApi } from './redpacket-api'
import type { RedPacketKind, RedPacketRulesView, SendRedPacketRequest } from './redpacket-api'

type Cover = NonNullable<SendRedPacketRequest['cover']>

/** Every cover the server offers (a missing one fails to compile). */
const COVER_KEYS: Readonly<Record<Cover, MessageKey>> = {
  classic: 'redpacket.cover.classic',
  spring: 'redpacket.cover.spring',
  lantern: 'redpacket.cover.lantern',
  fortune: 'redpacket.cover.fortune',
}

const KINDS_BY_CONVERSATION: Record<ConversationDetail['kind'], readonly RedPacketKind[]> = {
  direct: ['single'],
  group: ['lucky', 'fixed', 'exclusive'],
}

function KindPicker({
  kinds,
  kind,
  onKind,
}: {
  kinds: readonly RedPacketKind[]
  kind: RedPacketKind
  onKind: (kind: RedPacketKind) => void
}): ReactNode {
  const { t } = useI18n()
  if (kinds.length < 2) return null
  return (
    <fieldset className="lq-field lq-rp-choices" data-testid="redpacket-kinds">
      <legend className="lq-field__label">{t('redpacket.kind.label')}</legend>
      {kinds.map((option) => (
        <label key={option} className="lq-rp-choice">
          <input
            type="radio"
            name="redpacket-kind"
            checked={kind === option}
            data-testid={`redpacket-kind-${option}`}
            onChange={() => onKind(option)}
          />
          <span>
            <strong>{t(`redpacket.kind.${option}`)}</strong>
            <small>{t(`redpacket.kind.${option}.hint`)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  )
}

function CoverPicker({ cover, onCover }: { cover: Cover; onCover: (cover: Cover) => void }) {
  const { t } = useI18n()
  return (
    <fieldset className="lq-field lq-rp-covers">
      <legend className="lq-field__label">{t('redpacket.cover')}</legend>
      {(Object.keys(COVER_KEYS) as Cover[]).map((option) => (
        <label key={option} className={`lq-rp-cover lq-rp-cover--${option}`}>
          <input
            type="radio"
            name="redpacket-cover"
            checked={cover === option}
            data-testid={`redpacket-cover-${option}`}
            onChange={() => onCover(option)}
          />
          <span>{t(COVER_KEYS[option])}</span>
        </label>
      ))}
    </fieldset>
  )
}

function RecipientPicker({
  detail,
  recipientId,
  onRecipient,
}: {
  detail: ConversationDetail
  recipientId: string | null
  onRecipient: (id: string) => void
}): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  return (
    <label className="lq-field">
      <span className="lq-field__label">{t('redpacket.recipient')}</span>
      <select
        className="lq-input"
        value={recipientId ?? ''}
        data-testid="redpacket-recipient"
        onChange={(event) => onRecipient(event.target.value)}
      >
        <option value="" disabled>
          —
        </option>
        {detail.members
          .filter((member) => member.userId !== user.id)
          .map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.displayName}
            </option>
          ))}
      </select>
    </label>
  )
}

function amountLabel(kind: RedPacketKind): MessageKey {
  if (kind === 'lucky') return 'redpacket.amount.total'
  if (kind === 'fixed') return 'redpacket.amount.single'
  return 'redpacket.amount.one'
}

/** The form's fields as typed, and the packet they describe (checked against the rules). */
function usePacketForm(detail: ConversationDetail, rules: RedPacketRulesView) {
  const kinds = KINDS_BY_CONVERSATION[detail.kind]
  const [kind, setKind] = useState<RedPacketKind>(kinds[0] ?? 'single')
  const [amountText, setAmountText] = useState('')
  const [sharesText, setSharesText] = useState('')
  const [recipientId, setRecipientId] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const [cover, setCover] = useState<Cover>('classic')
  const parsed = parseYuanToFen(amountText)
  const amountFen = parsed.ok ? parsed.fen : null
  const groupSize = detail.memberCount
  const draft = packetDraft({ kind, amountFen, sharesText, recipientId, groupSize }, rules)
  return {
    ...{ kinds, kind, setKind, amountText, setAmountText, sharesText, setSharesText },
    ...{ recipientId, setRecipientId, message, setMessage, cover, setCover, parsed, draft },
  }
}
type PacketForm = ReturnType<typeof usePacketForm>

function ConfirmPacket({
  form,
  conversationId,
  onCancel,
}: {
  form: PacketForm
  conversationId: string
  onCancel: () => void
}): ReactNode {
  const { t } = useI18n()
  const attempt = useAttemptKey()
  const { draft } = form
  if (!draft.ok) return null
  const request = {
    ...draft.request,
    conversationId,
    message: form.message.trim(),
    cover: form.cover,
  }
  return (
    <PaymentConfirm
      title={t('redpacket.confirm')}
      amountFen={draft.totalFen}
      submit={(auth) =>
        redPacketApi.send({
          idempotencyKey: attempt.keyFor(JSON.stringify(request), draft.totalFen),
          ...request,
          ...auth,
        })
      }
      onResult={() => {
        attempt.finish()
        navigate(`/chats/${encodeURIComponent(conversationId)}`)
      }}
      onCancel={onCancel}
    />
  )
}

function PacketFields({
  form,
  detail,
  rules,
}: {
  form: PacketForm
  detail: ConversationDetail
  rules: RedPacketRulesView
}): ReactNode {
  const { t } = useI18n()
  const { kind, parsed } = form
  return (
    <>
      <KindPicker kinds={form.kinds} kind={kind} onKind={form.setKind} />
      {kind === 'exclusive' && (
        <RecipientPicker
          detail={detail}
          recipientId={form.recipientId}
          onRecipient={form.setRecipientId}
        />
      )}
      <AmountField
        label={t(amountLabel(kind))}
        value={form.amountText}
        onValue={form.setAmountText}
        error={parsed.ok ? null : parsed.error}
      />
      {isSplit(kind) && (
        <TextField
          label={t('redpacket.shares')}
          hint={t('redpacket.shares.hint', {
            count: detail.memberCount,
            max: Math.min(detail.memberCount, rules.sharesMax),
          })}
          inputMode="numeric"
          maxLength={4}
          value={form.sharesText}
          onValue={(text) => form.setSharesText(text.replace(/\D/g, ''))}
          testId="redpacket-shares"
        />
      )}
      <TextField
        label={t('redpacket.message')}
        placeholder={t('redpacket.message.placeholder')}
        maxLength={rules.messageLengthMax}
        value={form.message}
        onValue={form.setMessage}
        testId="redpacket-message"
      />
      <CoverPicker cover={form.cover} onCover={form.setCover} />
    </>
  )
}

function SendForm({ detail, rules }: { detail: ConversationDetail; rules: RedPacketRulesView }) {
  const { t } = useI18n()
  const form = usePacketForm(detail, rules)
  const [confirming, setConfirming] = useState(false)
  const { draft } = form
  if (confirming && draft.ok)
    return (
      <ConfirmPacket form={form} conversationId={detail.id} onCancel={() => setConfirming(false)} />
    )
  function next(event: FormEvent): void {
    event.preventDefault()
    if (draft.ok) setConfirming(true)
  }
  return (
    <form className="lq-card lq-form" onSubmit={next} noValidate data-testid="redpacket-form">
      <PacketFields form={form} detail={detail} rules={rules} />
      <p className="lq-field__hint" data-testid="redpacket-rules">
        {t('redpacket.rules', {
          packetMax: formatFen(rules.packetFenMax),
          shareMin: formatFen(rules.shareFenMin),
          sharesMax: rules.sharesMax,
        })}
      </p>
      {!draft.ok && <ErrorAlert error={draft.error} testId="redpacket-limit-error" />}
      <p className="lq-rp-total" data-testid="redpacket-total">
        {formatFen(draft.ok ? draft.totalFen : 0)}
      </p>
      <SubmitButton busy={false} disabled={!draft.ok} testId="redpacket-next">
        {t('redpacket.submit')}
      </SubmitButton>
    </form>
  )
}

function SendLoader({ conversationId }: { conversationId: string }): ReactNode {
  const { t } = useI18n()
  const data = useApiData(
    () => Promise.all([chatApi.conversation(conversationId), redPacketApi.rules()]),
    conversationId,
  )
  if (data.state.kind === 'loading')
    return <p className="lq-card lq-muted">{t('common.loading')}</p>
  if (data.state.kind === 'error')
    return (
      <section className="lq-card">
        <ErrorAlert error={data.state.error} />
      </section>
    )
  const [detail, rules] = data.state.data
  return <SendForm key={detail.id} detail={detail} rules={rules} />
}

/** 发红包: into the conversation in `?conversationId=`, else first pick the conversation. */
export function SendRedPacketPage(): ReactNode {
  const { search } = useLocation()
  const conversationId = search.get('conversationId')
  if (conversationId === null)
    return (
      <PageShell titleKey="redpacket.pick.title" testId="redpacket-pick-page">
        <ConversationPicker />
      </PageShell>
    )
  return (
    <PageShell
      titleKey="redpacket.send.title"
      backTo={`/chats/${encodeURIComponent(conversationId)}`}
      testId="redpacket-send-page"
    >
      <SendLoader conversationId={conversationId} />
    </PageShell>
  )
}
