import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser'
import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { Passkey, PaymentAuthorization } from '../api'

/**
 * Browsers refuse passkeys on an IP address (WebAuthn needs a host name as relying party). On
 * 127.0.0.1 or [::1] the same server answers on localhost, so say where to go instead.
 */
export function passkeyHostProblem(
  location: Pick<Location, 'hostname' | 'protocol' | 'port' | 'pathname'> = window.location,
): { localhostUrl: string | null } | null {
  const host = location.hostname
  const isIp = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[')
  if (!isIp) return null
  const loopback = host === '127.0.0.1' || host === '[::1]' || host === '::1'
  const port = location.port === '' ? '' : `:${location.port}`
  return {
    localhostUrl: loopback ? `${location.protocol}//localhost${port}${location.pathname}` : null,
  }
}

/** A passkey signs only for the host it was made on; one with no record may work anywhere. */
export function usableHere(passkey: Passkey, hostname: string = window.location.hostname): boolean {
  return passkey.rpId === null || passkey.rpId === hostname
}

/** 'loading' until known; true when this browser and host can confirm with one of the passkeys. */
export function useUsablePasskey(): 'loading' | boolean {
  const possible = browserSupportsWebAuthn() && passkeyHostProblem() === null
  const passkeys = useApiData(
    () => (possible ? walletApi.passkeys() : Promise.resolve([])),
    'confirm-passkeys',
  )
  if (passkeys.state.kind === 'loading') return 'loading'
  if (passkeys.state.kind === 'error') return false
  return passkeys.state.data.some((passkey) => usableHere(passkey))
}

/** Asks the server for a challenge bound to `amountFen` and the authenticator to sign it. */
export async function passkeyMethod(amountFen: number): Promise<PaymentAuthorization['method']> {
  const challenge = await walletApi.paymentChallenge(amountFen)
  let response
  try {
    response = await startAuthentication({ optionsJSON: challenge.options })
  } catch {
    // Cancelled, or the finger / face not recognised: the browser's text is for developers.
    throw localError('PASSKEY_CANCELLED', 'confirm.passkey.notRecognised')
  }
  return { kind: 'passkey', challengeId: challenge.challengeId, response }
}

/**
 * 指纹/面容支付: starts the authenticator at once (as the phone wallet does) and offers it again
 * by a button; 使用支付密码 switches to the PIN boxes.
 */
export function PasskeyPrompt({
  run,
  onUsePassword,
}: {
  run: () => Promise<void>
  onUsePassword: () => void
}): ReactNode {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const started = useRef(false)

  async function start(): Promise<void> {
    setBusy(true)
    try {
      await run()
    } catch {
      // `run` shows its own failures (it falls back to the payment password).
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    // A ref, so StrictMode's second mount does not start a second ceremony.
    if (started.current) return
    started.current = true
    void start()
    // Once, on mount.
  }, [])

  return (
    <div className="lq-passkey-prompt" data-testid="money-passkey">
      <p className="lq-form__intro">{t('confirm.passkey.intro')}</p>
      <button
        type="button"
        className="lq-button lq-button--primary"
        disabled={busy}
        data-testid="money-passkey-start"
        onClick={() => void start()}
      >
        {busy ? t('confirm.passkey.waiting') : t('confirm.passkey.use')}
      </button>
      <button
        type="button"
        className="lq-link-button"
        onClick={onUsePassword}
        data-testid="money-use-password"
      >
        {t('confirm.passkey.usePassword')}
      </button>
    </div>
  )
}

/** Above the PIN boxes after a passkey did not work: why, and a way back to 指纹/面容. */
export function PasskeyFallback({
  error,
  onRetry,
}: {
  error: unknown
  onRetry: () => void
}): ReactNode {
  const { t } = useI18n()
  return (
    <div className="lq-passkey-fallback" data-testid="money-passkey-fallback">
      <ErrorAlert error={error} testId="money-passkey-error" />
      <button
        type="button"
        className="lq-link-button"
        onClick={onRetry}
        data-testid="money-use-passkey"
      >
        {t('confirm.passkey.use')}
      </button>
    </div>
  )
}
