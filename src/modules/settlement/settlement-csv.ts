/**
 * The settlement list as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel opens the
 * Chinese headers correctly), amounts in yuan with two decimals computed from integer fen.
 */
import type { Settlement } from './settlement-rows.ts'

const BOM = '\uFEFF'

function yuanText(amountFen: number): string {
  const sign = amountFen < 0 ? '-' : ''
  const absolute = Math.abs(amountFen)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`
}

function cell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const HEADER = [
  '结算日 Day',
  '笔数 Payments',
  '交易额 Gross',
  '退款 Refunds',
  '手续费 Fees',
  '净额 Net',
  '上期结转 Carried in',
  '优惠补扣 Discounts repaid',
  '退款扣回 Refunds deducted',
  '到账金额 Payout',
  '结转下期 Carried out',
  '状态 Status',
  '银行流水 Bank ref',
]

export function settlementCsv(settlements: readonly Settlement[]): string {
  const lines = [HEADER.map(cell).join(',')]
  for (const one of settlements) {
    lines.push(
      [
        one.day,
        one.payments,
        yuanText(one.grossFen),
        yuanText(one.refundsFen),
        yuanText(one.feesFen),
        yuanText(one.netFen),
        yuanText(one.carriedInFen),
        yuanText(one.discountsRepaidFen),
        yuanText(one.refundsDeductedFen),
        yuanText(one.payoutFen),
        yuanText(one.carriedOutFen),
        one.status,
        one.payout.bankRef ?? '',
      ]
        .map(cell)
        .join(','),
    )
  }
  return `${BOM}${lines.join('\r\n')}\r\n`
}
