import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { ErrorWithAction } from '../money/ErrorWithAction'
import { payApi } from './pay-api'
import type { IssuedPaymentCode } from './pay-api'
import { paymentCodeText } from './scan-content'

type CodeState =
  | { kind: 'loading' }
  | { kind: 'ready'; code: IssuedPaymentCode }
  | { kind: 'error'; error: unknown }

/**
 * The server draws the code (bwip-js Code128, qrcode), as SVG so it stays sharp for any scanner;
 * only the code's owner may fetch it.
 */
function codeImageUrl(code: string, kind: 'barcode' | 'qr'): string {
  return `/api/v1/pay/payment-codes/${encodeURIComponent(code)}/image?kind=${kind}&format=svg`
}

/** Ticks every second: the clock the countdown reads. */
function useNowMs(): number {
  const [nowMs, setNowMs] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [])
  return nowMs
}

/**
 * A fresh code on mount, at the code's refresh time, when the tab comes back into view and on
 * 刷新. Each issue makes the earlier code stop working, so one on screen is the only one valid.
 */
function usePaymentCode(): { state: CodeState; refresh: () => void } {
  const [state, setState] = useState<CodeState>({ kind: 'loading' })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    let timer = 0
    payApi
      .issuePaymentCode()
      .then((code) => {
        if (!live) return
        setState({ kind: 'ready', code })
        const waitMs = Math.max(1_000, code.refreshAtMs - Date.now())
        timer = window.setTimeout(() => setRound((n) => n + 1), waitMs)
      })
      .catch((error: unknown) => live && setState({ kind: 'error', error }))
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [round])
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') setRound((n) => n + 1)
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [])
  return { state, refresh: () => setRound((n) => n + 1) }
}

function CodeNotReady({
  state,
  onRetry,
}: {
  state: Exclude<CodeState, { kind: 'ready' }>
  onRetry: () => void
}): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-paycode" data-testid="paycode-card" data-state={state.kind}>
      {state.kind === 'loading' ? (
        <p className="lq-muted">{t('common.loading')}</p>
      ) : (
        <>
          <ErrorWithAction error={state.error} testId="paycode-error" />
          <button type="button" className="lq-button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </>
      )}
    </section>
  )
}

/** 付款码: barcode, QR, the digits (hidden until tapped) and when it refreshes. */
export function PaymentCodeCard(): ReactNode {
  const { t } = useI18n()
  const { state, refresh } = usePaymentCode()
  const [revealed, setRevealed] = useState(false)
  const nowMs = useNowMs()

  if (state.kind !== 'ready') return <CodeNotReady state={state} onRetry={refresh} />
  const { code } = state
  const secondsLeft = Math.max(0, Math.ceil((code.refreshAtMs - nowMs) / 1000))
  return (
    <section
      className="lq-card lq-paycode"
      data-testid="paycode-card"
      data-state="ready"
      data-code={code.code}
    >
      <p className="lq-paycode__title">{t('pay.code.title')}</p>
      <img
        className="lq-paycode__barcode"
        src={codeImageUrl(code.code, 'barcode')}
        alt={t('pay.code.barcodeAlt')}
        data-testid="paycode-barcode"
      />
      <button
        type="button"
        className="lq-paycode__digits"
        onClick={() => setRevealed((shown) => !shown)}
        data-testid="paycode-digits"
        data-revealed={revealed}
        aria-label={revealed ? t('pay.code.hide') : t('pay.code.reveal')}
      >
        <span>{paymentCodeText(code.code, revealed)}</span>
        <small>{revealed ? t('pay.code.hide') : t('pay.code.reveal')}</small>
      </button>
      <img
        className="lq-paycode__qr"
        src={codeImageUrl(code.code, 'qr')}
        alt={t('pay.code.qrAlt')}
        data-testid="paycode-qr"
      />
      <p className="lq-paycode__refresh" data-testid="paycode-countdown">
        {t('pay.code.refreshIn', { seconds: secondsLeft })}{' '}
        <button
          type="button"
          className="lq-link-button"
          onClick={refresh}
          data-testid="paycode-refresh"
        >
          {t('pay.code.refreshNow')}
        </button>
      </p>
      <p className="lq-paycode__warning">{t('pay.code.warning')}</p>
    </section>
  )
}
