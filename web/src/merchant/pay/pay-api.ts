import { api, queryString } from '../../shared/api'
import type {
  CodeCollectRequest,
  MerchantPaymentList,
  MerchantPaymentView,
  OrderCreateRequest,
  OrderList,
  OrderStatus,
  OrderView,
  PaymentStatus,
  StaticCodeView,
  Takings,
} from '@contract/payments'

/** The console's paying routes (/api/v1/merchant/*); every shape is the server's contract. */
export type {
  CodeCollectRequest,
  MerchantPaymentView as MerchantPayment,
  OrderStatus,
  OrderView as Order,
  PaymentStatus,
  StaticCodeView as StaticCode,
  Takings,
} from '@contract/payments'

const seg = encodeURIComponent

export type ImageKind = 'qr' | 'barcode'
export type ImageFormat = 'png' | 'svg'

export const merchantPayApi = {
  staticCode: () => api.get<StaticCodeView>('/api/v1/merchant/static-code'),
  staticCodeImageUrl: (format: ImageFormat = 'png') =>
    `/api/v1/merchant/static-code/image${queryString({ kind: 'qr', format })}`,

  createOrder: (request: OrderCreateRequest) =>
    api.post<OrderView>('/api/v1/merchant/orders', request),
  orders: (query: { status?: OrderStatus; cursor?: string; limit?: number }) =>
    api.get<OrderList>(
      `/api/v1/merchant/orders${queryString({
        status: query.status,
        cursor: query.cursor,
        limit: query.limit?.toString(),
      })}`,
    ),
  order: (orderId: string) => api.get<OrderView>(`/api/v1/merchant/orders/${seg(orderId)}`),
  closeOrder: (orderId: string) =>
    api.post<OrderView>(`/api/v1/merchant/orders/${seg(orderId)}/close`),
  orderImageUrl: (orderId: string, format: ImageFormat = 'png') =>
    `/api/v1/merchant/orders/${seg(orderId)}/image${queryString({ kind: 'qr', format })}`,

  collectByCode: (request: CodeCollectRequest) =>
    api.post<MerchantPaymentView>('/api/v1/merchant/code-payments', request),
  payments: (query: {
    fromMs?: number
    toMs?: number
    status?: PaymentStatus
    cursor?: string
    limit?: number
  }) =>
    api.get<MerchantPaymentList>(
      `/api/v1/merchant/payments${queryString({
        fromMs: query.fromMs?.toString(),
        toMs: query.toMs?.toString(),
        status: query.status,
        cursor: query.cursor,
        limit: query.limit?.toString(),
      })}`,
    ),
  payment: (paymentId: string) =>
    api.get<MerchantPaymentView>(`/api/v1/merchant/payments/${seg(paymentId)}`),
  takingsToday: () => api.get<Takings>('/api/v1/merchant/takings/today'),
}

/** A merchant order number (商户订单号) for a console order or a cashier collection. */
export function newOutTradeNo(prefix: 'WEB' | 'POS'): string {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const random = ((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 1_000_000)
    .toString()
    .padStart(6, '0')
  return `${prefix}${stamp}${random}`
}
