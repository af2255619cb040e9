import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { SubmitButton, SuccessNote } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import { useApiData } from '../shared/useApiData'
import {
  downloadCredentials,
  type MerchantApiCredentials,
  type MerchantApiKeysView,
  merchantKeysApi,
} from './keys-api'

type Mode = 'pubkey' | 'cert'
type Described = NonNullable<MerchantApiKeysView['credentials']>

/** What generation answered: the one moment the private key exists outside the merchant. */
function IssuedOnce({ issued }: { issued: MerchantApiCredentials }): ReactNode {
  const { t } = useI18n()
  return (
    <div className="lq-card" data-testid="keys-issued">
      <p className="lq-alert" role="alert">
        {t('merchant.keys.once')}
      </p>
      <button
        type="button"
        className="lq-button"
        data-testid="keys-download"
        onClick={() => downloadCredentials(issued)}
      >
        {t('merchant.keys.download')}
      </button>
      {issued.merchant_private_key_pem !== undefined && (
        <label className="lq-field">
          <span>{t('merchant.keys.privateKey')}</span>
          <textarea
            readOnly
            rows={8}
            value={issued.merchant_private_key_pem}
            data-testid="keys-private-key"
          />
        </label>
      )}
    </div>
  )
}

function GenerateForm({ onIssued }: { onIssued: (issued: MerchantApiCredentials) => void }) {
  const { t } = useI18n()
  const [mode, setMode] = useState<Mode>('pubkey')
  const [publicKeyPem, setPublicKeyPem] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const trimmed = publicKeyPem.trim()
      onIssued(
        await merchantKeysApi.create({
          platformKeyMode: mode,
          ...(trimmed === '' ? {} : { publicKeyPem: trimmed }),
        }),
      )
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="lq-card lq-form" onSubmit={(event) => void submit(event)}>
      <h2 className="lq-card__title">{t('merchant.keys.generate')}</h2>
      <ModeSelect mode={mode} onMode={setMode} testId="keys-mode" />
      <label className="lq-field">
        <span>{t('merchant.keys.publicKey')}</span>
        <textarea
          rows={5}
          value={publicKeyPem}
          onChange={(event) => setPublicKeyPem(event.target.value)}
          data-testid="keys-public-key"
        />
      </label>
      <ErrorAlert error={error} testId="keys-error" />
      <SubmitButton busy={busy} testId="keys-generate">
        {t('merchant.keys.generate')}
      </SubmitButton>
    </form>
  )
}

function ModeSelect(props: { mode: Mode; onMode: (mode: Mode) => void; testId: string }) {
  const { t } = useI18n()
  return (
    <label className="lq-field">
      <span>{t('merchant.keys.mode')}</span>
      <select
        value={props.mode}
        onChange={(event) => props.onMode(event.target.value as Mode)}
        data-testid={props.testId}
      >
        <option value="pubkey">{t('merchant.keys.mode.pubkey')}</option>
        <option value="cert">{t('merchant.keys.mode.cert')}</option>
      </select>
    </label>
  )
}

function Details({ credentials }: { credentials: Described }): ReactNode {
  const { t } = useI18n()
  const rows: [string, string, string][] = [
    [t('merchant.keys.mchid'), credentials.mchid, 'keys-mchid'],
    [t('merchant.keys.appid'), credentials.appid, 'keys-appid'],
    [t('merchant.keys.serial'), credentials.merchant_serial_no, 'keys-serial'],
    [
      t('merchant.keys.keySource'),
      t(`merchant.keys.source.${credentials.key_source}`),
      'keys-source',
    ],
    [t('merchant.keys.platformKeyId'), credentials.platform_key_id, 'keys-platform-key-id'],
    [
      t('merchant.keys.mode'),
      t(`merchant.keys.mode.${credentials.platform_key_mode}`),
      'keys-mode-now',
    ],
  ]
  return (
    <div className="lq-card">
      <dl className="lq-details">
        {rows.map(([label, value, testId]) => (
          <div key={testId}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="lq-card__title">{t('merchant.keys.platformKeys')}</h2>
      <ul data-testid="keys-platform-keys">
        {credentials.platform_keys.map((key) => (
          <li key={key.id}>
            {key.id} · {t(`merchant.keys.mode.${key.mode}`)} · {t('merchant.keys.validUntil')}{' '}
            {new Date(key.valid_until_ms).toLocaleDateString()}
          </li>
        ))}
      </ul>
    </div>
  )
}

function Changes(props: { credentials: Described; onChanged: () => void }): ReactNode {
  const { t } = useI18n()
  const [mode, setMode] = useState<Mode>(props.credentials.platform_key_mode)
  const [error, setError] = useState<unknown>(null)
  const [rotated, setRotated] = useState(false)
  async function act(work: () => Promise<unknown>): Promise<void> {
    setError(null)
    try {
      await work()
      props.onChanged()
    } catch (caught) {
      setError(caught)
    }
  }
  return (
    <div className="lq-card lq-form">
      <ModeSelect mode={mode} onMode={setMode} testId="keys-rotate-mode" />
      <button
        type="button"
        className="lq-button"
        data-testid="keys-rotate"
        onClick={() =>
          void act(async () => {
            await merchantKeysApi.rotate({ platformKeyMode: mode })
            setRotated(true)
          })
        }
      >
        {t('merchant.keys.rotate')}
      </button>
      {rotated && <SuccessNote testId="keys-rotated">{t('merchant.keys.rotated')}</SuccessNote>}
      <label className="lq-field">
        <span>{t('merchant.keys.billHost')}</span>
        <select
          value={props.credentials.bill_download_host}
          data-testid="keys-bill-host"
          onChange={(event) =>
            void act(() =>
              merchantKeysApi.setBillHost({ host: event.target.value as 'server' | 'official' }),
            )
          }
        >
          <option value="server">{t('merchant.keys.billHost.server')}</option>
          <option value="official">{t('merchant.keys.billHost.official')}</option>
        </select>
      </label>
      <ErrorAlert error={error} testId="keys-change-error" />
    </div>
  )
}

/** API 密钥 (owner only): the v3 credentials, generated once, rotated, the bill host chosen. */
export function KeysPage(): ReactNode {
  const { t } = useI18n()
  const { state, reload } = useApiData(() => merchantKeysApi.view(), 'api-keys')
  const [issued, setIssued] = useState<MerchantApiCredentials | null>(null)
  return (
    <section className="lq-admin-page" data-testid="merchant-keys-page">
      <h1>{t('merchant.keys.title')}</h1>
      <p className="lq-muted">{t('merchant.keys.intro')}</p>
      {issued !== null && <IssuedOnce issued={issued} />}
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'ready' && state.data.credentials === null && (
        <>
          <p data-testid="keys-none">{t('merchant.keys.none')}</p>
          <GenerateForm
            onIssued={(credentials) => {
              setIssued(credentials)
              reload()
            }}
          />
        </>
      )}
      {state.kind === 'ready' && state.data.credentials !== null && (
        <>
          <Details credentials={state.data.credentials} />
          <Changes credentials={state.data.credentials} onChanged={reload} />
        </>
      )}
    </section>
  )
}
