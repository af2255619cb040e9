import { api } from '../../shared/api'

/** JSAPI/App/H5 orders opened by the merchant's signed invocation (contract/pay-prepay.ts). */
import type { Invocation, PrepayPayRequest } from '@contract/pay-prepay'
import type { Checkout, PaymentView } from '@contract/payments'

export type { Invocation } from '@contract/pay-prepay'

export const prepayApi = {
  checkout: (invocation: Invocation) =>
    api.post<Checkout>('/api/v1/pay/prepay/checkout', { invocation }),
  pay: (request: PrepayPayRequest) => api.post<PaymentView>('/api/v1/pay/prepay/payments', request),
}

/** The invocation a pay page's query string carries, as the merchant's code (or bridge) sent it. */
export function invocationFromQuery(kind: Invocation['kind'], query: URLSearchParams): Invocation {
  const get = (name: string) => query.get(name) ?? ''
  if (kind === 'H5') return { kind, prepay_id: get('prepay_id'), package: get('package') }
  if (kind === 'APP') {
    return {
      kind,
      appid: get('appid'),
      partnerid: get('partnerid'),
      prepayid: get('prepayid'),
      package: 'Sign=WXPay',
      noncestr: get('noncestr'),
      timestamp: get('timestamp'),
      sign: get('sign'),
    }
  }
  return {
    kind,
    appId: get('appId'),
    timeStamp: get('timeStamp'),
    nonceStr: get('nonceStr'),
    package: get('package'),
    signType: 'RSA',
    paySign: get('paySign'),
  }
}
