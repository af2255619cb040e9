import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser'
import { useState } from 'react'
import type { ReactNode } from 'react'
import { localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { SuccessNote } from '../../shared/forms'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { Passkey } from '../api'
import { PinPrompt } from '../components/PinPrompt'
import { passkeyHostProblem, usableHere } from '../money/PasskeyConfirm'

/** "iPhone · Safari": a label the user recognises in the list, like the server's device names. */
export function describeDevice(userAgent: string): string {
  const platform = /iPhone|iPad|Android|Windows|Macintosh|Linux/.exec(userAgent)?.[0] ?? 'Device'
  const browser = /Edg|MicroMessenger|Chrome|Firefox|Safari/.exec(userAgent)?.[0] ?? 'Browser'
  return `${platform} · ${browser}`
}

/** The payment password unlocks the ceremony; the authenticator then makes the key pair. */
async function enrol(pin: string): Promise<void> {
  const optionsJSON = await walletApi.passkeyOptions(pin)
  let response
  try {
    response = await startRegistration({ optionsJSON })
  } catch {
    // The browser's errors are English developer text; the user only needs to know it did not work.
    throw localError('PASSKEY_CANCELLED', 'security.passkeys.cancelled')
  }
  await walletApi.addPasskey(response, describeDevice(navigator.userAgent))
}

function PasskeyRow({ passkey, onRemoved }: { passkey: Passkey; onRemoved: () => void }) {
  const { t, lang } = useI18n()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  return (
    <li className="lq-list__item" data-testid="passkey-item">
      <div>
        <p>{passkey.deviceName}</p>
        {!usableHere(passkey) && (
          <p className="lq-muted" data-testid="passkey-other-host">
            {t('security.passkeys.otherHost', { host: passkey.rpId ?? '' })}
          </p>
        )}
        {passkey.createdAtMs !== null && (
          <p className="lq-muted">
            {t('security.passkeys.addedAt', { time: formatDateTime(passkey.createdAtMs, lang) })}
          </p>
        )}
        <ErrorAlert error={error} testId="passkey-remove-error" />
      </div>
      <button
        type="button"
        className="lq-small-button"
        disabled={busy}
        data-testid="passkey-remove"
        onClick={() => {
          setBusy(true)
          walletApi.removePasskey(passkey.credentialId).then(onRemoved, (caught: unknown) => {
            setError(caught)
            setBusy(false)
          })
        }}
      >
        {t('security.passkeys.remove')}
      </button>
    </li>
  )
}

/** On an IP address: why passkeys cannot work here, and the localhost address that works. */
function NeedHostName({ localhostUrl }: { localhostUrl: string | null }): ReactNode {
  const { t } = useI18n()
  return (
    <div className="lq-alert lq-alert--warning" data-testid="passkeys-need-host-name">
      <p>{t('security.passkeys.needHostName')}</p>
      {localhostUrl !== null && (
        <a href={localhostUrl} data-testid="passkeys-localhost-link">
          {t('security.passkeys.openLocalhost', { url: localhostUrl })}
        </a>
      )}
    </div>
  )
}

/** 指纹/面容支付: enrol this device's authenticator, list and remove enrolled ones. */
export function PasskeysSection({ pinSet }: { pinSet: boolean }): ReactNode {
  const { t } = useI18n()
  const passkeys = useApiData(walletApi.passkeys, 'passkeys')
  const [asking, setAsking] = useState(false)
  const [added, setAdded] = useState(false)
  const hostProblem = passkeyHostProblem()
  const supported = browserSupportsWebAuthn() && hostProblem === null
  const list = passkeys.state.kind === 'ready' ? passkeys.state.data : []

  return (
    <section className="lq-card" aria-labelledby="lq-passkeys" data-testid="passkeys">
      <h2 className="lq-card__title" id="lq-passkeys">
        {t('security.passkeys.title')}
      </h2>
      <p className="lq-muted">{t('security.passkeys.body')}</p>
      {passkeys.state.kind === 'error' && (
        <ErrorAlert error={passkeys.state.error} testId="passkeys-error" />
      )}
      {list.length === 0 ? (
        <p className="lq-muted" data-testid="passkeys-none">
          {t('security.passkeys.none')}
        </p>
      ) : (
        <ul className="lq-list">
          {list.map((passkey) => (
            <PasskeyRow key={passkey.credentialId} passkey={passkey} onRemoved={passkeys.reload} />
          ))}
        </ul>
      )}
      {added && <SuccessNote testId="passkey-added">{t('security.passkeys.added')}</SuccessNote>}
      {hostProblem !== null && <NeedHostName localhostUrl={hostProblem.localhostUrl} />}
      {!supported && hostProblem === null && (
        <p className="lq-muted" data-testid="passkeys-unsupported">
          {t('security.passkeys.unsupported')}
        </p>
      )}
      {supported && !pinSet && <p className="lq-muted">{t('security.needPin')}</p>}
      {asking ? (
        <PinPrompt
          testId="passkey-prompt"
          onCancel={() => setAsking(false)}
          action={async (pin) => {
            await enrol(pin)
            setAsking(false)
            setAdded(true)
            passkeys.reload()
          }}
        />
      ) : (
        <button
          type="button"
          className="lq-button lq-button--secondary"
          disabled={!supported || !pinSet}
          data-testid="passkey-add"
          onClick={() => {
            setAdded(false)
            setAsking(true)
          }}
        >
          {t('security.passkeys.add')}
        </button>
      )}
    </section>
  )
}
