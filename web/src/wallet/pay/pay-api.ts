import { api, queryString } from '../../shared/api'

/** The wallet's paying routes (/api/v1/pay/*); every shape is the server's contract. */
import type {
  Checkout,
  IssuedPaymentCode,
  OrderPayRequest,
  PaySettings,
  PaySettingsUpdate,
  PaymentView,
  PendingConfirmRequest,
  PendingPayments,
  StaticPayRequest,
} from '@contract/payments'

export type {
  Checkout,
  IssuedPaymentCode,
  LimitView,
  MethodOption,
  PayMethod,
  PaySettings,
  PaySettingsUpdate,
  PaymentStatus,
  PaymentView as Payment,
} from '@contract/payments'

const seg = encodeURIComponent

export const payApi = {
  checkoutOrder: (orderToken: string) =>
    api.get<Checkout>(`/api/v1/pay/checkout/orders/${seg(orderToken)}`),
  checkoutStatic: (merchantCode: string, amountFen?: number) =>
    api.get<Checkout>(
      `/api/v1/pay/checkout/merchants/${seg(merchantCode)}${queryString({ amountFen: amountFen?.toString() })}`,
    ),
  payOrder: (orderToken: string, request: OrderPayRequest) =>
    api.post<PaymentView>(`/api/v1/pay/orders/${seg(orderToken)}/payments`, request),
  payStatic: (merchantCode: string, request: StaticPayRequest) =>
    api.post<PaymentView>(`/api/v1/pay/merchants/${seg(merchantCode)}/payments`, request),
  /** A fresh one-time code; earlier codes stop working. */
  issuePaymentCode: () => api.post<IssuedPaymentCode>('/api/v1/pay/payment-codes'),
  settings: () => api.get<PaySettings>('/api/v1/pay/settings'),
  updateSettings: (update: PaySettingsUpdate) =>
    api.put<PaySettings>('/api/v1/pay/settings', update),
  pending: () => api.get<PendingPayments>('/api/v1/pay/pending'),
  confirmPending: (paymentId: string, request: PendingConfirmRequest) =>
    api.post<PaymentView>(`/api/v1/pay/pending/${seg(paymentId)}/confirm`, request),
  cancelPending: (paymentId: string) =>
    api.post<PaymentView>(`/api/v1/pay/pending/${seg(paymentId)}/cancel`),
  payment: (paymentId: string) => api.get<PaymentView>(`/api/v1/pay/payments/${seg(paymentId)}`),
}
