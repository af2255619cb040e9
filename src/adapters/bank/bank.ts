/**
 * @module bank
 * The bank connector: the wallet's only way to a bank. Small on purpose, so a real bank or a
 * clearing house adapter can replace the simulator. Money requests are idempotent by
 * `requestId`; an answer that never came is `UNKNOWN`, resolved later with `getRequest` or by
 * sending the same request again.
 */

export type BankCardType = 'DEBIT' | 'CREDIT'

export interface CardVerification {
  cardNumber: string
  holderName: string
  idNumber: string
  phone: string
  expiry?: string
  cvn?: string
}

export type BankFailure = {
  ok: false
  code: string
  message?: { zh: string; en: string }
  details: Record<string, unknown>
}

export type VerifyResult =
  { ok: true; bankCode: string; cardType: BankCardType; last4: string } | BankFailure

export interface MoneyRequest {
  requestId: string
  cardNumber: string
  amountFen: number
}

/**
 * SUCCEEDED and FAILED are final. UNKNOWN means the bank may or may not have processed it
 * (timeout, connection lost, 5xx): never treat it as either until resolved.
 */
export type MoneyResult =
  | { outcome: 'SUCCEEDED'; bankRef: string; processedAtMs: number }
  | { outcome: 'FAILED'; code: string; details: Record<string, unknown> }
  | { outcome: 'UNKNOWN'; reason: string }

export type RequestStatus = MoneyResult | { outcome: 'NOT_FOUND' }

export interface StatementEntry {
  requestId: string
  kind: 'DEBIT' | 'CREDIT' | 'REPAYMENT'
  status: 'SUCCEEDED' | 'FAILED'
  amountFen: number
  bankCode: string
  processedAtMs: number
}

export interface BankConnector {
  /** A retryable failure (bank down) comes back as `BANK_UNAVAILABLE`. */
  verifyCard(request: CardVerification): Promise<VerifyResult>
  debit(request: MoneyRequest & { purpose: 'TOPUP' | 'PAYMENT' }): Promise<MoneyResult>
  /** SETTLEMENT: a merchant's T+1 payout to its settlement account. */
  credit(
    request: MoneyRequest & { purpose: 'WITHDRAW' | 'REFUND' | 'SETTLEMENT' },
  ): Promise<MoneyResult>
  repay(request: MoneyRequest): Promise<MoneyResult>
  getRequest(requestId: string): Promise<RequestStatus>
  /**
   * Everything the banks did on a Shanghai calendar day (YYYY-MM-DD). Throws
   * BankUnreachableError when the statement cannot be fetched.
   */
  statement(date: string): Promise<StatementEntry[]>
}

/**
 * The bank could not be asked (network, timeout) or did not answer as the protocol says (an
 * unexpected status). Typed, so callers classify it with `instanceof`, never by message text;
 * `url` is where the connector tried, for operators and the CLI (never shown to users).
 */
export class BankUnreachableError extends Error {
  readonly url: string
  readonly reason: 'network' | 'timeout' | 'status'
  readonly status: number | undefined

  constructor(url: string, reason: BankUnreachableError['reason'], status?: number) {
    super(`bank at ${url} unreachable (${status === undefined ? reason : `status ${status}`})`)
    this.name = 'BankUnreachableError'
    this.url = url
    this.reason = reason
    this.status = status
  }
}
