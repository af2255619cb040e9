/**
 * The records behind a merchant's bills, read through the modules' indexes: the trade bill from
 * the payments paid and the refunds that succeeded in the day (payments and refunds modules);
 * the fund-flow bill from the ledger entries of one of the merchant's accounts. The result is the
 * finished file (bill-csv.ts), or null when the day has no record (NO_STATEMENT_EXIST).
 */
import type { Ledger } from '../../modules/ledger/index.ts'
import type { MerchantsService } from '../../modules/merchants/index.ts'
import {
  BILL_PAGE_SIZE_MAX,
  type Payment,
  type PaymentsService,
} from '../../modules/payments/index.ts'
import { REFUND_BILL_PAGE_SIZE_MAX, type RefundsService } from '../../modules/refunds/index.ts'
import { shanghaiDateTime } from '../../shared/shanghai-time.ts'
import {
  billFile,
  billText,
  ratePercent,
  TRADE_BILL_HEADER,
  TRADE_BILL_SUMMARY_HEADER,
  yuan2,
  yuan5,
} from './bill-csv.ts'

export interface BillDataDeps {
  payments: PaymentsService
  refunds: RefundsService
  merchants: MerchantsService
  ledger: Ledger
}

export interface BillWindow {
  merchantId: string
  appId: string
  /** The payer's openid for this app (merchantApi.openIdFor), as the order answers showed it. */
  openIdOf: (userId: string) => string
  fromMs: number
  toMs: number
}

/** What the trade bill's summary adds up: tests compare these with the ledger. */
export interface TradeBillTotals {
  rows: number
  settlementFen: number
  refundFen: number
  feeFen: number
}

const TRADE_TYPE: Record<string, string> = { ORDER: 'NATIVE', STATIC: 'NATIVE', CODE: 'MICROPAY' }

function bankType(payment: Payment): string {
  const method = payment.method
  return method?.kind === 'card' ? `${method.bankCode.toUpperCase()}_DEBIT` : 'OTHERS'
}

async function allPaid(deps: BillDataDeps, window: BillWindow): Promise<Payment[]> {
  const all: Payment[] = []
  for (;;) {
    const last = all.at(-1)
    const page = await deps.payments.listPaidPayments(window.merchantId, {
      fromMs: window.fromMs,
      toMs: window.toMs,
      after: last ? { paidAtMs: last.paidAtMs as number, paymentId: last.id } : undefined,
    })
    all.push(...page)
    if (page.length < BILL_PAGE_SIZE_MAX) return all
  }
}

async function allRefunds(deps: BillDataDeps, window: BillWindow) {
  const all: Awaited<ReturnType<RefundsService['listSucceededRefunds']>> = []
  for (;;) {
    const last = all.at(-1)
    const page = await deps.refunds.listSucceededRefunds(window.merchantId, {
      fromMs: window.fromMs,
      toMs: window.toMs,
      after: last ? { finishedAtMs: last.finishedAtMs as number, refundId: last.id } : undefined,
    })
    all.push(...page)
    if (page.length < REFUND_BILL_PAGE_SIZE_MAX) return all
  }
}

function paymentRow(window: BillWindow, payment: Payment, rate: string): string[] {
  return [
    shanghaiDateTime(payment.paidAtMs as number),
    window.appId,
    window.merchantId,
    '0',
    '',
    payment.id,
    payment.outTradeNo ?? '',
    window.openIdOf(payment.userId),
    TRADE_TYPE[payment.channel] ?? 'NATIVE',
    'SUCCESS',
    bankType(payment),
    'CNY',
    yuan2(payment.amountFen),
    '0.00',
    '0',
    '0',
    '0.00',
    '0.00',
    '',
    '',
    billText(payment.description),
    '',
    yuan5(payment.feeFen),
    rate,
    yuan2(payment.amountFen),
    '0.00',
    '',
  ]
}

type BillRefund = Awaited<ReturnType<RefundsService['listSucceededRefunds']>>[number]

function refundRow(window: BillWindow, refund: BillRefund, payment: Payment, rate: string) {
  return [
    shanghaiDateTime(refund.finishedAtMs as number),
    window.appId,
    window.merchantId,
    '0',
    '',
    payment.id,
    payment.outTradeNo ?? '',
    window.openIdOf(payment.userId),
    TRADE_TYPE[payment.channel] ?? 'NATIVE',
    'REFUND',
    bankType(payment),
    'CNY',
    '0.00',
    '0.00',
    refund.id,
    refund.outRefundNo,
    yuan2(refund.amountFen),
    '0.00',
    'ORIGINAL',
    'SUCCESS',
    billText(payment.description),
    '',
    // The fee that came back with the refund: negative, as WeChat shows it.
    yuan5(-refund.feeBackFen),
    rate,
    '0.00',
    yuan2(refund.amountFen),
    '',
  ]
}

/** The trade bill of the window: ALL, SUCCESS (payments only) or REFUND (refunds only). */
export async function tradeBill(
  deps: BillDataDeps,
  window: BillWindow,
  billType: 'ALL' | 'SUCCESS' | 'REFUND',
): Promise<{ file: Buffer; totals: TradeBillTotals } | null> {
  const rate = ratePercent((await deps.merchants.get(window.merchantId)).feeRateBp)
  const payments = billType === 'REFUND' ? [] : await allPaid(deps, window)
  const refunds = billType === 'SUCCESS' ? [] : await allRefunds(deps, window)
  if (payments.length + refunds.length === 0) return null
  const rows = payments.map((payment) => paymentRow(window, payment, rate))
  const totals: TradeBillTotals = { rows: 0, settlementFen: 0, refundFen: 0, feeFen: 0 }
  for (const payment of payments) {
    totals.settlementFen += payment.amountFen
    totals.feeFen += payment.feeFen
  }
  const paymentsById = new Map<string, Payment>()
  for (const refund of refunds) {
    let payment = paymentsById.get(refund.paymentId)
    if (payment === undefined) {
      payment = await deps.payments.getMerchantPayment(window.merchantId, refund.paymentId)
      paymentsById.set(payment.id, payment)
    }
    rows.push(refundRow(window, refund, payment, rate))
    totals.refundFen += refund.amountFen
    totals.feeFen -= refund.feeBackFen
  }
  totals.rows = rows.length
  const summary = [
    String(totals.rows),
    yuan2(totals.settlementFen),
    yuan2(totals.refundFen),
    '0.00',
    yuan5(totals.feeFen),
    yuan2(totals.settlementFen),
    yuan2(totals.refundFen),
  ]
  return { file: billFile(TRADE_BILL_HEADER, rows, TRADE_BILL_SUMMARY_HEADER, summary), totals }
}
