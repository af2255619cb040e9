/**
 * The fund-flow bill (资金账单, reference §6.9): every posted movement of one of the merchant's
 * ledger accounts in the day, with the balance after it, read from the ledger's index. BASIC is
 * where takings land (merchant_pending), OPERATION the marketing account that funds the
 * merchant's coupons, FEES the fees it paid.
 */
import type { Entry, Ledger } from '../../modules/ledger/index.ts'
import type { MerchantsService } from '../../modules/merchants/index.ts'
import { shanghaiDateTime } from '../../shared/shanghai-time.ts'
import { billFile, FUND_FLOW_BILL_HEADER, FUND_FLOW_SUMMARY_HEADER, yuan2 } from './bill-csv.ts'

export const FUND_ACCOUNT_TYPES = ['BASIC', 'OPERATION', 'FEES'] as const
export type FundAccountType = (typeof FUND_ACCOUNT_TYPES)[number]

const BUSINESS_NAME: Record<string, string> = {
  PAYMENT: '交易',
  REFUND: '退款',
  SETTLEMENT: '结算',
  FEE: '手续费',
  ADJUSTMENT: '调账',
}

const ENTRY_PAGE = 200

async function accountIdOf(
  merchants: MerchantsService,
  merchantId: string,
  accountType: FundAccountType,
): Promise<number | undefined> {
  if (accountType === 'OPERATION') return (await merchants.findMarketingAccount(merchantId))?.id
  const accounts = await merchants.accounts(merchantId)
  return (accountType === 'FEES' ? accounts.merchant_fees : accounts.merchant_pending).id
}

/** The account's posted entries in [fromMs, toMs), oldest first (the ledger pages newest first). */
async function entriesIn(ledger: Ledger, accountId: number, fromMs: number, toMs: number) {
  const found: Entry[] = []
  let beforeVersion: number | undefined
  for (;;) {
    const page = await ledger.listEntries(accountId, {
      limit: ENTRY_PAGE,
      ...(beforeVersion === undefined ? {} : { beforeVersion }),
    })
    for (const entry of page.entries) {
      if (entry.createdAtMs >= fromMs && entry.createdAtMs < toMs && entry.postedDeltaFen !== 0) {
        found.push(entry)
      }
    }
    const oldest = page.entries.at(-1)
    if (page.nextBeforeVersion === null || oldest === undefined || oldest.createdAtMs < fromMs) {
      return found.reverse()
    }
    beforeVersion = page.nextBeforeVersion
  }
}

export async function fundFlowBill(
  deps: { ledger: Ledger; merchants: MerchantsService },
  window: { merchantId: string; fromMs: number; toMs: number },
  accountType: FundAccountType,
): Promise<{ file: Buffer } | null> {
  const accountId = await accountIdOf(deps.merchants, window.merchantId, accountType)
  if (accountId === undefined) return null
  const entries = await entriesIn(deps.ledger, accountId, window.fromMs, window.toMs)
  if (entries.length === 0) return null
  const sums = { inCount: 0, inFen: 0, outCount: 0, outFen: 0 }
  const rows: string[][] = []
  for (const entry of entries) {
    const transfer = await deps.ledger.getTransfer(entry.transferId)
    const income = entry.side === 'C'
    if (income) {
      sums.inCount += 1
      sums.inFen += entry.postedDeltaFen
    } else {
      sums.outCount += 1
      sums.outFen += entry.postedDeltaFen
    }
    const metadata = transfer.metadata ?? {}
    const business = String(metadata.payment ?? metadata.refund ?? metadata.settlement ?? '')
    rows.push([
      shanghaiDateTime(entry.createdAtMs),
      business,
      String(transfer.id),
      BUSINESS_NAME[transfer.code] ?? transfer.code,
      BUSINESS_NAME[transfer.code] ?? transfer.code,
      income ? '收入' : '支出',
      yuan2(entry.postedDeltaFen),
      yuan2(entry.balanceAfterFen),
      'system',
      '',
      String(metadata.refund ?? metadata.payment ?? ''),
    ])
  }
  const summary = [
    String(entries.length),
    String(sums.inCount),
    yuan2(sums.inFen),
    String(sums.outCount),
    yuan2(sums.outFen),
  ]
  return { file: billFile(FUND_FLOW_BILL_HEADER, rows, FUND_FLOW_SUMMARY_HEADER, summary) }
}
