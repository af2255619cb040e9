import type { ReactNode } from 'react'
import { ApiError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'

/** What each refusal asks of the customer, in words, and where the link goes. */
const NEXT_STEP: Readonly<Record<string, { hint: MessageKey; to?: string; link?: MessageKey }>> = {
  NOT_ENOUGH: { hint: 'pay.fail.NOT_ENOUGH', to: '/balance/top-up', link: 'pay.fail.topUp' },
  LIMIT_EXCEEDED: { hint: 'pay.fail.LIMIT_EXCEEDED', to: '/limits', link: 'pay.fail.seeLimits' },
  ORDER_PAID: { hint: 'pay.fail.ORDER_PAID' },
  ORDER_CLOSED: { hint: 'pay.fail.ORDER_CLOSED' },
  ORDER_EXPIRED: { hint: 'pay.fail.ORDER_EXPIRED' },
  MERCHANT_SUSPENDED: { hint: 'pay.fail.MERCHANT_SUSPENDED' },
  MERCHANT_NOT_FOUND: { hint: 'pay.fail.MERCHANT_NOT_FOUND' },
  BANK_LIMIT_EXCEEDED: { hint: 'pay.fail.BANK_LIMIT_EXCEEDED' },
  BANK_UNAVAILABLE: { hint: 'pay.fail.BANK_UNAVAILABLE' },
  BANK_DECLINED: { hint: 'pay.fail.BANK_DECLINED' },
  BANK_INSUFFICIENT_FUNDS: { hint: 'pay.fail.BANK_INSUFFICIENT_FUNDS' },
  ACCOUNT_FROZEN: {
    hint: 'pay.fail.ACCOUNT_FROZEN',
    to: '/appeal',
    link: 'wallet.banner.frozen.action',
  },
  PIN_LOCKED: { hint: 'pay.fail.PIN_LOCKED', to: '/payment-password', link: 'pin.forgot' },
  PAYMENT_DISABLED: {
    hint: 'pay.fail.PAYMENT_DISABLED',
    to: '/pay/settings',
    link: 'pay.settings.title',
  },
  KYC_REQUIRED: { hint: 'pay.fail.KYC_REQUIRED', to: '/real-name', link: 'wallet.kyc.action' },
  PAYMENT_PASSWORD_NOT_SET: {
    hint: 'pay.fail.PAYMENT_PASSWORD_NOT_SET',
    to: '/payment-password',
    link: 'realName.next',
  },
}

/** Codes another method (零钱 or another card) can get round. */
const OTHER_METHOD_HELPS: ReadonlySet<string> = new Set([
  'NOT_ENOUGH',
  'BANK_LIMIT_EXCEEDED',
  'BANK_UNAVAILABLE',
  'BANK_DECLINED',
  'BANK_INSUFFICIENT_FUNDS',
  'LIMIT_EXCEEDED',
  'CARD_TYPE_NOT_ALLOWED',
])

const LIMIT_RULE_KEY: Readonly<Record<string, MessageKey>> = {
  STATIC_QR_DAILY: 'pay.rule.STATIC_QR_DAILY',
  PASSWORDLESS_PER_PAYMENT: 'pay.rule.PASSWORDLESS_PER_PAYMENT',
  PASSWORDLESS_DAILY: 'pay.rule.PASSWORDLESS_DAILY',
  YEAR: 'pay.rule.YEAR',
  LIFETIME: 'pay.rule.LIFETIME',
  DAY: 'pay.rule.DAY',
}

/** LIMIT_EXCEEDED: the rule that declined, the quota left, when it resets. */
function LimitFacts({ error }: { error: ApiError }): ReactNode {
  const { t, lang } = useI18n()
  const rule = error.detailString('rule') ?? error.detailString('period')
  const ruleKey = rule === undefined ? undefined : LIMIT_RULE_KEY[rule]
  const limitFen = error.detailNumber('limitFen')
  const remainingFen = error.detailNumber('remainingFen')
  const resetsAtMs = error.detailNumber('resetsAtMs')
  const facts: [string, string, string][] = []
  if (rule !== undefined)
    facts.push([t('pay.limit.rule'), ruleKey === undefined ? rule : t(ruleKey), 'rule'])
  if (limitFen !== undefined) facts.push([t('pay.limit.limit'), formatFen(limitFen), 'limit'])
  if (remainingFen !== undefined) facts.push([t('pay.limit.left'), formatFen(remainingFen), 'left'])
  if (resetsAtMs !== undefined)
    facts.push([t('pay.limit.resets'), formatDateTime(resetsAtMs, lang), 'resets'])
  if (facts.length === 0) return null
  return (
    <dl className="lq-facts lq-pay-fail__facts" data-testid="pay-fail-limit">
      {facts.map(([label, value, id]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={`pay-fail-limit-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * A payment that did not go through: the server's message and details, what to do next in words,
 * a link to the page that fixes it (top up, reset the PIN, appeal…) and, when another method
 * could pay, 换个付款方式.
 */
export function PayFailure({
  error,
  shortfallFen,
  onOtherMethod,
  onBack,
}: {
  error: unknown
  /** NOT_ENOUGH: how much to top up. */
  shortfallFen?: number
  onOtherMethod?: () => void
  onBack: () => void
}): ReactNode {
  const { t } = useI18n()
  const code = error instanceof ApiError ? error.code : 'UNEXPECTED'
  const step = NEXT_STEP[code]
  const topUpTo =
    code === 'NOT_ENOUGH' && shortfallFen !== undefined && shortfallFen > 0
      ? `/balance/top-up?amount=${(shortfallFen / 100).toFixed(2)}`
      : step?.to
  return (
    <div className="lq-pay-fail" data-testid="pay-failure" data-code={code}>
      <ErrorAlert error={error} testId="pay-fail-error" />
      {error instanceof ApiError && code === 'LIMIT_EXCEEDED' && <LimitFacts error={error} />}
      {step !== undefined && (
        <p className="lq-pay-fail__hint" data-testid="pay-fail-hint">
          {t(step.hint)}
        </p>
      )}
      <div className="lq-pay-fail__actions">
        {topUpTo !== undefined && step?.link !== undefined && (
          <Link to={topUpTo} className="lq-button lq-button--primary" testId="pay-fail-action">
            {t(step.link)}
          </Link>
        )}
        {onOtherMethod !== undefined && OTHER_METHOD_HELPS.has(code) && (
          <button
            type="button"
            className="lq-button"
            onClick={onOtherMethod}
            data-testid="pay-fail-other-method"
          >
            {t('pay.fail.otherMethod')}
          </button>
        )}
        <button
          type="button"
          className="lq-link-button"
          onClick={onBack}
          data-testid="pay-fail-back"
        >
          {t('common.back')}
        </button>
      </div>
    </div>
  )
}
