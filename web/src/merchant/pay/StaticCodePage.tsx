import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { useApiData } from '../../shared/useApiData'
import type { Merchant } from '../api'
import { merchantPayApi } from './pay-api'
import type { StaticCode } from './pay-api'

function StaticCodeCard({ merchant, code }: { merchant: Merchant; code: StaticCode }) {
  const { t } = useI18n()
  const png = merchantPayApi.staticCodeImageUrl('png')
  const svg = merchantPayApi.staticCodeImageUrl('svg')
  return (
    <div className="lq-card lq-qr-poster" data-testid="static-code-card">
      <p className="lq-qr-poster__brand">{t('common.brand')}</p>
      <h2 className="lq-qr-poster__store">{merchant.storeName}</h2>
      <img
        className="lq-qr-poster__image"
        src={png}
        alt={t('mpay.static.alt', { store: merchant.storeName })}
        data-testid="static-code-image"
      />
      <p className="lq-qr-poster__hint">{t('mpay.static.scanHint')}</p>
      <p className="lq-qr-poster__url lq-no-print" data-testid="static-code-url">
        {code.payUrl}
      </p>
      <p className="lq-muted lq-no-print" data-testid="static-code-limit">
        {t('mpay.static.limit', { limit: formatFen(code.dailyLimitFen) })}
      </p>
      <div className="lq-qr-poster__actions lq-no-print">
        <a
          className="lq-button lq-button--primary"
          href={png}
          download={`lingqian-${code.merchantCode}.png`}
          data-testid="static-code-download"
        >
          {t('mpay.static.downloadPng')}
        </a>
        <a className="lq-button" href={svg} download={`lingqian-${code.merchantCode}.svg`}>
          {t('mpay.static.downloadSvg')}
        </a>
        <button
          type="button"
          className="lq-button"
          onClick={() => window.print()}
          data-testid="static-code-print"
        >
          {t('mpay.static.print')}
        </button>
      </div>
    </div>
  )
}

/** 收款码: the shop's static QR to print and put by the till; customers type the amount. */
export function StaticCodePage({ merchant }: { merchant: Merchant }): ReactNode {
  const { t } = useI18n()
  const code = useApiData(merchantPayApi.staticCode, merchant.id)
  return (
    <section className="lq-admin-page" data-testid="merchant-static-code">
      <h1 className="lq-no-print">{t('mpay.static.title')}</h1>
      <p className="lq-console__intro lq-no-print">{t('mpay.static.intro')}</p>
      {code.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {code.state.kind === 'error' && <ErrorAlert error={code.state.error} />}
      {code.state.kind === 'ready' && <StaticCodeCard merchant={merchant} code={code.state.data} />}
    </section>
  )
}
