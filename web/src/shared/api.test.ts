import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, apiRequest, errorMessage, onUnauthenticated } from './api'
import { errorDetailText } from './error-details'
import { translate } from './i18n'
import type { I18n } from './i18n'

const zh: Pick<I18n, 't' | 'lang'> = { lang: 'zh', t: (key, vars) => translate('zh', key, vars) }

function answer(status: number, body: string, contentType = 'application/json'): Response {
  const headers = { 'content-type': contentType }
  return new Response(status === 204 ? null : body, { status, headers })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('apiRequest', () => {
  it('returns the JSON body, and undefined for 204', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, '{"frozen":true}')),
    )
    await expect(apiRequest('POST', '/api/v1/freeze', {})).resolves.toEqual({ frozen: true })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(204, '')),
    )
    await expect(apiRequest('DELETE', '/api/v1/sessions/current')).resolves.toBeUndefined()
  })

  it('turns the error body into an ApiError with code, message and details', async () => {
    const body = {
      code: 'PAYMENT_PASSWORD_WEAK',
      message: { zh: '支付密码过于简单', en: 'Too easy to guess' },
      details: { reason: 'SEQUENCE' },
    }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(400, JSON.stringify(body))),
    )
    const error = await apiRequest('POST', '/api/v1/me/pin', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect([apiError.status, apiError.code, apiError.detailString('reason')]).toEqual([
      400,
      'PAYMENT_PASSWORD_WEAK',
      'SEQUENCE',
    ])
    expect(errorMessage(apiError, 'en')).toBe('Too easy to guess')
    expect(errorDetailText(apiError, zh)).toBe('不能是连续的数字（如 123456、654321）')
  })

  it('never shows a proxy page or a network failure raw', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(502, '<html>Bad gateway</html>', 'text/html')),
    )
    const badGateway = (await apiRequest('GET', '/api/v1/me').catch((e: unknown) => e)) as ApiError
    expect(badGateway.code).toBe('BAD_RESPONSE')
    expect(badGateway.localized.zh).toContain('HTTP 502')

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const offline = (await apiRequest('GET', '/api/v1/me').catch((e: unknown) => e)) as ApiError
    expect(offline.code).toBe('NETWORK_ERROR')
    expect(offline.localized.en).toContain('Network error')
  })

  it('tells the session holder about a 401', async () => {
    const listener = vi.fn()
    const stop = onUnauthenticated(listener)
    const body = {
      code: 'UNAUTHENTICATED',
      message: { zh: '请先登录', en: 'Please sign in first' },
    }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(401, JSON.stringify(body))),
    )
    await apiRequest('GET', '/api/v1/me').catch(() => undefined)
    stop()
    expect(listener).toHaveBeenCalledTimes(1)
  })
})

describe('errorDetailText', () => {
  it('says how long to wait and how many tries are left', () => {
    const blank = { zh: '', en: '' }
    const limited = new ApiError(429, 'FREQUENCY_LIMITED', blank, { retryAfterSeconds: 42 })
    expect(errorDetailText(limited, zh)).toBe('请在 42 秒后重试')
    const wrong = new ApiError(400, 'PIN_WRONG', blank, { attemptsLeft: 2 })
    expect(errorDetailText(wrong, zh)).toBe('还可以再试 2 次')
  })

  it("names the minimum age and the holder's age on an under-age refusal", () => {
    const details = { minAgeYears: 16, ageYears: 12 }
    const underage = new ApiError(403, 'UNDERAGE', { zh: '', en: '' }, details)
    expect(errorDetailText(underage, zh)).toBe('须年满 16 周岁（该身份证持有人现年 12 岁）')
  })

  it('asks for the expiry date and CVN on a card mismatch only for a credit card', () => {
    const mismatch = (cardType: string) =>
      new ApiError(422, 'CARD_INFO_MISMATCH', { zh: '', en: '' }, { cardType })
    expect(errorDetailText(mismatch('CREDIT'), zh)).toContain('有效期')
    expect(errorDetailText(mismatch('DEBIT'), zh)).toBeUndefined()
  })

  it('adds nothing for unknown reasons', () => {
    const weak = new ApiError(400, 'PAYMENT_PASSWORD_WEAK', { zh: '', en: '' }, { reason: 'NEW' })
    expect(errorDetailText(weak, zh)).toBeUndefined()
  })
})

describe('errorDetailText for money', () => {
  const blank = { zh: '', en: '' }

  it('names the bank limit that was hit, in yuan', () => {
    const details = { scope: 'SINGLE', limitFen: 50_000, remainingFen: 100_000 }
    const single = new ApiError(422, 'BANK_LIMIT_EXCEEDED', blank, details)
    expect(errorDetailText(single, zh)).toBe('该卡单笔限额 ¥500.00 · 今日还可用 ¥1,000.00')
    const dailyLimit = { scope: 'DAILY', limitFen: 100_000 }
    const daily = new ApiError(422, 'BANK_LIMIT_EXCEEDED', blank, dailyLimit)
    expect(errorDetailText(daily, zh)).toBe('该卡单日限额 ¥1,000.00')
  })

  it('says what is left of a daily wallet limit and the largest single amount', () => {
    const day = { period: 'DAY', limitFen: 5_000_000, remainingFen: 12_345 }
    const limited = new ApiError(403, 'LIMIT_EXCEEDED', blank, day)
    expect(errorDetailText(limited, zh)).toBe('每日限额 ¥50,000.00，今日还可用 ¥123.45')
    const tooMuch = new ApiError(400, 'INVALID_AMOUNT', blank, { maxFen: 5_000_000 })
    expect(errorDetailText(tooMuch, zh)).toBe('单笔最多 ¥50,000.00')
  })
})
