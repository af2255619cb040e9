import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { navigate, useLocation } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { PageShell } from '../components/PageShell'
import { CheckoutConfirm } from './CheckoutConfirm'
import { payOutcome } from './pay-outcome'
import { PayFailure } from './PayFailure'
import { invocationFromQuery, prepayApi } from './prepay-api'
import type { Invocation } from './prepay-api'

/**
 * /pay/jsapi, /pay/app, /pay/h5: an order a merchant placed over the WeChat Pay v3 API, opened
 * by what its page signed (JSAPI `paySign`, App `sign`) or by our h5_url. The server checks the
 * signature and the openid; the customer confirms like any payment. The outcome goes back to
 * the merchant's page (jsbridge.js listens) or to its `redirect_url`, else the result page.
 */
function tellMerchant(result: 'ok' | 'cancel' | 'fail'): boolean {
  const message = { lingqian: 'getBrandWCPayRequest', result }
  if (window.opener !== null && window.opener !== window) {
    // Only our bridge on the merchant's page reads it; it carries no order data.
    ;(window.opener as Window).postMessage(message, '*')
    window.close()
    return true
  }
  const back = new URLSearchParams(window.location.search).get('redirect_url')
  if (back !== null && /^https?:\/\//.test(back)) {
    window.location.assign(back)
    return true
  }
  return false
}

function PrepayPay({ invocation }: { invocation: Invocation }): ReactNode {
  const { t } = useI18n()
  const key = JSON.stringify(invocation)
  const start = useApiData(() => prepayApi.checkout(invocation), key)
  const state = start.state
  if (state.kind === 'loading') return <p className="lq-card lq-muted">{t('common.loading')}</p>
  if (state.kind === 'error') {
    return (
      <section className="lq-card" data-testid="prepay-refused">
        <PayFailure
          error={state.error}
          onBack={() => {
            if (!tellMerchant('fail')) navigate('/')
          }}
        />
      </section>
    )
  }
  const checkout = state.data
  return (
    <>
      <section className="lq-card lq-pay-merchant" data-testid="pay-merchant">
        <span className="lq-pay-merchant__logo" aria-hidden="true">
          {checkout.merchant.name.slice(0, 1)}
        </span>
        <div>
          <p className="lq-pay-merchant__label">{t('pay.merchant.payTo')}</p>
          <h2 className="lq-pay-merchant__name" data-testid="pay-merchant-name">
            {checkout.merchant.name}
          </h2>
        </div>
      </section>
      <CheckoutConfirm
        checkout={checkout}
        amountFen={checkout.amountFen ?? checkout.order?.amountFen ?? 0}
        submit={({ idempotencyKey, payMethod, auth }) =>
          payOutcome(prepayApi.pay({ invocation, idempotencyKey, payMethod, ...auth }))
        }
        onBack={() => {
          if (!tellMerchant('cancel')) navigate('/')
        }}
        onPaid={({ payment }) => {
          if (!tellMerchant(payment.status === 'FAILED' ? 'fail' : 'ok')) {
            navigate(`/pay/payments/${payment.id}`, { replace: true })
          }
        }}
      />
    </>
  )
}

function PrepayPage({ kind }: { kind: Invocation['kind'] }): ReactNode {
  const { search } = useLocation()
  return (
    <PageShell titleKey="pay.page.title" testId="pay-page">
      <PrepayPay invocation={invocationFromQuery(kind, search)} />
    </PageShell>
  )
}

export const JsapiPayPage = (): ReactNode => <PrepayPage kind="JSAPI" />
export const AppPayPage = (): ReactNode => <PrepayPage kind="APP" />
export const H5PayPage = (): ReactNode => <PrepayPage kind="H5" />
