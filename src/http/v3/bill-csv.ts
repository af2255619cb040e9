/**
 * WeChat Pay's bill files byte for byte (reference §6.7; wechatpay-axios-plugin's
 * `Formatter.castCsvBill` reads exactly this shape): UTF-8 with a BOM, CRLF line ends and a final
 * CRLF; a header line, one line per record with every field prefixed by a back-tick, a summary
 * header and one back-ticked summary line. Amounts in yuan with 2 decimals, fees with 5, rates
 * like `0.60%`. Integer fen arithmetic throughout: a yuan string is made, never computed.
 */
import { formatFen } from '../../shared/money.ts'

export const TRADE_BILL_HEADER = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
] as const

export const TRADE_BILL_SUMMARY_HEADER = [
  '总交易单数',
  '应结订单总金额',
  '退款总金额',
  '充值券退款总金额',
  '手续费总金额',
  '订单总金额',
  '申请退款总金额',
] as const

export const FUND_FLOW_BILL_HEADER = [
  '记账时间',
  '微信支付业务单号',
  '资金流水单号',
  '业务名称',
  '业务类型',
  '收支类型',
  '收支金额（元）',
  '账户结余（元）',
  '资金变更提交申请人',
  '备注',
  '业务凭证号',
] as const

export const FUND_FLOW_SUMMARY_HEADER = [
  '资金流水总笔数',
  '收入笔数',
  '收入金额',
  '支出笔数',
  '支出金额',
] as const

const BOM = '\uFEFF'
const CRLF = '\r\n'

/** 2 decimals of yuan. */
export const yuan2 = (fen: number): string => formatFen(fen)

/** 5 decimals of yuan (fees): 1 fen → "0.01000". */
export const yuan5 = (fen: number): string => `${formatFen(fen)}000`

/** A fee rate in basis points as WeChat writes it: 60 → "0.60%". */
export function ratePercent(basisPoints: number): string {
  return `${formatFen(basisPoints)}%`
}

/**
 * Free text in a field: a back-tick would start a field of its own and a line break a line,
 * so both become a plain character; commas are fine (readers split on ",`").
 */
export function billText(text: string | null | undefined): string {
  return (text ?? '').replace(/`/g, "'").replace(/[\r\n]+/g, ' ')
}

function backTicked(fields: readonly string[]): string {
  return fields.map((field) => `\`${field}`).join(',')
}

/** The whole file as bytes: what is hashed (SHA-1) and, gzipped or not, sent. */
export function billFile(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  summaryHeader: readonly string[],
  summary: readonly string[],
): Buffer {
  const lines = [
    header.join(','),
    ...rows.map(backTicked),
    summaryHeader.join(','),
    backTicked(summary),
  ]
  return Buffer.from(BOM + lines.join(CRLF) + CRLF, 'utf8')
}
