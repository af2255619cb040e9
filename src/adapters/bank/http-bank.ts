/** The bank connector over HTTP (the bundled simulator speaks this protocol). */
import { assert } from '../../shared/assert.ts'
import {
  type BankConnector,
  BankUnreachableError,
  type MoneyResult,
  type RequestStatus,
  type StatementEntry,
  type VerifyResult,
} from './bank.ts'

export interface HttpBankOptions {
  baseUrl: string
  /** Per request; a bank slower than this is an UNKNOWN outcome, resolved later. */
  timeoutMs: number
}

/** Statement pages fetched at most (5,000 entries each). */
const STATEMENT_PAGES_MAX = 200

interface Answer {
  status: number
  body: Record<string, unknown>
}

/** One request to the bank; its JSON body, or {} when it has none or it is not JSON. */
async function callBank(
  options: HttpBankOptions,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${options.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(options.timeoutMs),
  })
  const text = await response.text()
  let parsed: Record<string, unknown> = {}
  try {
    parsed = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    parsed = {}
  }
  return { status: response.status, body: parsed }
}

export function createHttpBank(options: HttpBankOptions): BankConnector {
  const call = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    callBank(options, method, path, body)

  async function money(path: string, body: Record<string, unknown>): Promise<MoneyResult> {
    let answer: Answer
    try {
      answer = await call('POST', path, body)
    } catch (error) {
      return { outcome: 'UNKNOWN', reason: error instanceof Error ? error.name : 'network' }
    }
    return toMoneyResult(answer)
  }

  return {
    async verifyCard(request): Promise<VerifyResult> {
      let answer: Answer
      try {
        answer = await call('POST', '/v1/cards/verify', request)
      } catch {
        return { ok: false, code: 'BANK_UNAVAILABLE', details: {} }
      }
      if (answer.status === 200) {
        return {
          ok: true,
          bankCode: String(answer.body.bankCode),
          cardType: answer.body.cardType === 'CREDIT' ? 'CREDIT' : 'DEBIT',
          last4: String(answer.body.last4),
        }
      }
      if (answer.status >= 500) return { ok: false, code: 'BANK_UNAVAILABLE', details: {} }
      const { code, message, ...details } = answer.body
      return {
        ok: false,
        code: String(code ?? 'BANK_ERROR'),
        details,
        ...(isMessage(message) ? { message } : {}),
      }
    },
    debit: (request) => money('/v1/debits', { ...request }),
    credit: (request) => money('/v1/credits', { ...request }),
    repay: (request) => money('/v1/repayments', { ...request }),
    async getRequest(requestId): Promise<RequestStatus> {
      let answer: Answer
      try {
        answer = await call('GET', `/v1/requests/${encodeURIComponent(requestId)}`)
      } catch (error) {
        return { outcome: 'UNKNOWN', reason: error instanceof Error ? error.name : 'network' }
      }
      if (answer.status === 404 && answer.body.code === 'REQUEST_NOT_FOUND')
        return { outcome: 'NOT_FOUND' }
      if (answer.status !== 200) return { outcome: 'UNKNOWN', reason: `status ${answer.status}` }
      if (answer.body.status === 'SUCCEEDED') return succeeded(answer.body)
      return {
        outcome: 'FAILED',
        code: String(answer.body.code ?? 'BANK_ERROR'),
        details: (answer.body.details as Record<string, unknown>) ?? {},
      }
    },
    statement: (date) => fetchStatement(call, options.baseUrl, date),
  }
}

/** Every page of a day's statement; a bank that cannot answer is a BankUnreachableError. */
async function fetchStatement(
  call: (method: 'GET', path: string) => Promise<Answer>,
  baseUrl: string,
  date: string,
): Promise<StatementEntry[]> {
  assert(/^\d{4}-\d{2}-\d{2}$/.test(date), 'statement date')
  const entries: StatementEntry[] = []
  let offset: number | undefined = 0
  for (let page = 0; offset !== undefined && page < STATEMENT_PAGES_MAX; page++) {
    const path: string = `/v1/statements/${date}?offset=${offset}`
    const answer: Answer = await call('GET', path).catch((error: unknown) => {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      throw new BankUnreachableError(baseUrl, timedOut ? 'timeout' : 'network')
    })
    if (answer.status !== 200) {
      throw new BankUnreachableError(baseUrl, 'status', answer.status)
    }
    for (const raw of answer.body.entries as Record<string, unknown>[]) {
      entries.push({
        requestId: String(raw.requestId),
        kind: raw.kind as StatementEntry['kind'],
        status: raw.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
        amountFen: Number(raw.amountFen),
        bankCode: String(raw.bankCode),
        processedAtMs: Date.parse(String(raw.processedAt)),
      })
    }
    offset = typeof answer.body.nextOffset === 'number' ? answer.body.nextOffset : undefined
  }
  return entries
}

function isMessage(value: unknown): value is { zh: string; en: string } {
  return typeof value === 'object' && value !== null && 'zh' in value && 'en' in value
}

function succeeded(body: Record<string, unknown>): MoneyResult {
  return {
    outcome: 'SUCCEEDED',
    bankRef: String(body.bankRef ?? ''),
    processedAtMs: Date.parse(String(body.processedAt)),
  }
}

function toMoneyResult(answer: Answer): MoneyResult {
  if (answer.status === 200 && answer.body.status === 'SUCCEEDED') return succeeded(answer.body)
  // 503 BANK_UNAVAILABLE is the protocol's explicit "not processed" (maintenance): final.
  if (answer.status === 503 && answer.body.code === 'BANK_UNAVAILABLE') {
    return { outcome: 'FAILED', code: 'BANK_UNAVAILABLE', details: {} }
  }
  // 5xx (down, internal error, gateway timeout) and anything unparseable: outcome unknown.
  if (answer.status >= 500 || typeof answer.body.code !== 'string') {
    return { outcome: 'UNKNOWN', reason: `status ${answer.status}` }
  }
  // A 409 REQUEST_ID_CONFLICT is our bug (same id, other content), not a bank decision.
  if (answer.status === 409) return { outcome: 'UNKNOWN', reason: String(answer.body.code) }
  const {
    code,
    message: _message,
    requestId: _id,
    status: _status,
    amountFen: _amount,
    processedAt: _at,
    ...details
  } = answer.body
  return { outcome: 'FAILED', code: String(code), details }
}
