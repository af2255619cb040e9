import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { formatDateTime } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { navigate } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { SessionView } from '../api'
import { useSession } from '../session'

function DeviceRow({ device, onSignedOut }: { device: SessionView; onSignedOut: () => void }) {
  const { t, lang } = useI18n()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  return (
    <li className="lq-list__item" data-testid="device-item" data-current={device.current}>
      <div>
        <p>
          {device.deviceName}
          {device.current && (
            <span className="lq-pill lq-pill--approved">{t('security.devices.current')}</span>
          )}
        </p>
        <p className="lq-muted">
          {t('security.devices.lastSeen', { time: formatDateTime(device.lastSeenAtMs, lang) })}
          {device.ip !== null && ` · ${device.ip}`}
        </p>
        <ErrorAlert error={error} testId="device-error" />
      </div>
      {!device.current && (
        <button
          type="button"
          className="lq-small-button"
          disabled={busy}
          data-testid="device-sign-out"
          onClick={() => {
            setBusy(true)
            walletApi.signOutSession(device.id).then(onSignedOut, (caught: unknown) => {
              setError(caught)
              setBusy(false)
            })
          }}
        >
          {t('security.devices.signOut')}
        </button>
      )}
    </li>
  )
}

/** 登录设备: every signed-in device; sign one out, or all of them including this one. */
export function DevicesSection(): ReactNode {
  const { t } = useI18n()
  const session = useSession()
  const devices = useApiData(walletApi.sessions, 'sessions')
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<unknown>(null)

  async function signOutEverywhere(): Promise<void> {
    try {
      await walletApi.signOutEverywhere()
      session.clear()
      navigate('/sign-in', { replace: true })
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <section className="lq-card" aria-labelledby="lq-devices" data-testid="devices">
      <h2 className="lq-card__title" id="lq-devices">
        {t('security.devices.title')}
      </h2>
      {devices.state.kind === 'error' && (
        <ErrorAlert error={devices.state.error} testId="devices-error" />
      )}
      {devices.state.kind === 'ready' && (
        <ul className="lq-list">
          {devices.state.data.sessions.map((device) => (
            <DeviceRow key={device.id} device={device} onSignedOut={devices.reload} />
          ))}
        </ul>
      )}
      <ErrorAlert error={error} testId="sign-out-everywhere-error" />
      {confirming ? (
        <div className="lq-confirm" role="alertdialog" aria-labelledby="lq-everywhere">
          <p id="lq-everywhere">{t('security.devices.confirmEverywhere')}</p>
          <div className="lq-button-row">
            <button
              type="button"
              className="lq-button lq-button--secondary"
              onClick={() => setConfirming(false)}
            >
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="lq-button lq-button--danger"
              data-testid="sign-out-everywhere-confirm"
              onClick={() => void signOutEverywhere()}
            >
              {t('security.devices.signOutEverywhere')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="lq-button lq-button--secondary"
          data-testid="sign-out-everywhere"
          onClick={() => setConfirming(true)}
        >
          {t('security.devices.signOutEverywhere')}
        </button>
      )}
    </section>
  )
}
