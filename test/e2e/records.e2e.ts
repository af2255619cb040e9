/**
 * 账单 in the browser: 张伟 tops up ¥100 in the wallet (and, by the API from the same session,
 * ¥20 more and a ¥600 top-up his CCB card's bank refuses), opens 账单 from the home page,
 * filters by type, amount and search, opens a record's page, the month's statement, and
 * downloads the month's CSV (BOM, header, the amounts in yuan).
 */
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoResident } from '../../demo/residents.ts'
import { DEMO_PAYMENT_PASSWORD } from '../../src/seed/demo.ts'
import { saveScreenshot, useServerAndBrowser, watchPageErrors } from './support/index.ts'
import {
  lastSmsId,
  MOBILE,
  openPage,
  readSmsCode,
  UI_TIMEOUT_MS,
  waitForSelector,
  waitForTestId,
} from './support/flows.ts'

const ZHANG_WEI = demoResident('13800000001')
const ICBC_DEBIT = '6222020000000000018'
// ¥500 per debit at the bank: a ¥600 top-up is refused (BANK_LIMIT_EXCEEDED), a FAILED record.
const CCB_LIMITED = '4367420000000000019'

const SMS_MINUTE_MS = 62_000
const running = useServerAndBrowser()

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto('/sign-in')
  await page.getByTestId('sign-in-phone').fill(ZHANG_WEI.phone)
  const before = await lastSmsId(baseUrl, ZHANG_WEI.phone)
  await page.getByTestId('sign-in-send-code').click()
  const code = await readSmsCode(baseUrl, ZHANG_WEI.phone, 'sign_in', before)
  await page.getByTestId('sign-in-code').fill(code)
  await page.getByTestId('sign-in-submit').click()
  await waitForTestId(page, 'home-user', '张*')
}

/** Binds a card through the API with the page's own session cookie; returns the card id. */
async function bindCardByApi(page: Page, baseUrl: string, cardNumber: string): Promise<string> {
  const before = await lastSmsId(baseUrl, ZHANG_WEI.phone)
  const started = await page.request.post('/api/v1/me/cards/bind-requests', {
    data: { cardNumber, phone: ZHANG_WEI.phone },
  })
  expect(started.status(), await started.text()).toBe(200)
  const code = await readSmsCode(baseUrl, ZHANG_WEI.phone, 'bind_card', before)
  const bound = await page.request.post('/api/v1/me/cards', {
    data: { bindRequestId: (await started.json()).bindRequestId, smsCode: code },
  })
  expect(bound.status(), await bound.text()).toBe(201)
  return (await bound.json()).id as string
}

async function topUpByApi(page: Page, cardId: string, amountFen: number, key: string) {
  const response = await page.request.post('/api/v1/me/top-ups', {
    data: {
      idempotencyKey: key,
      cardId,
      amountFen,
      method: { kind: 'password', password: DEMO_PAYMENT_PASSWORD },
    },
  })
  expect(response.status(), await response.text()).toBe(200)
  return (await response.json()).status as string
}

/** 充值 ¥100 from the home page, as a person does it. */
async function topUpInTheWallet(page: Page): Promise<void> {
  await page.getByTestId('feature-topUp').click()
  await waitForSelector(page, '[data-testid="card-option"][data-last4="0018"] input')
  await page.locator('[data-testid="card-option"][data-last4="0018"] input').check()
  await page.getByTestId('amount-input').fill('100')
  await page.getByTestId('money-next').click()
  await waitForTestId(page, 'money-confirm-amount', '¥100.00')
  await page.getByTestId('money-pin-pin').fill(DEMO_PAYMENT_PASSWORD)
  await waitForSelector(page, '[data-testid="money-result"][data-status="SUCCEEDED"]')
}

const titles = (page: Page) => page.getByTestId('record-title').allTextContents()

describe('账单: records, filters, detail, statement and CSV', () => {
  it('a demo user tops up and finds it in 账单', async () => {
    const { server, browser } = running()
    const { baseUrl } = server
    const page = await openPage(browser, baseUrl, MOBILE)
    const pageErrors = watchPageErrors(page)
    await signIn(page, baseUrl)
    const icbc = await bindCardByApi(page, baseUrl, ICBC_DEBIT)
    const firstBindAtMs = Date.now()
    await page.goto('/')
    await topUpInTheWallet(page)
    expect(await topUpByApi(page, icbc, 2_000, 'records-e2e-20')).toBe('SUCCEEDED')
    // One bind SMS per phone a minute: the second card waits for it.
    await new Promise((resolve) => setTimeout(resolve, firstBindAtMs + SMS_MINUTE_MS - Date.now()))
    const ccb = await bindCardByApi(page, baseUrl, CCB_LIMITED)
    expect(await topUpByApi(page, ccb, 60_000, 'records-e2e-600')).toBe('FAILED')

    // 账单 from the home page's tile: three records, newest first, the refused one marked.
    await page.goto('/')
    await page.getByTestId('feature-bill').click()
    await waitForTestId(page, 'records-page')
    await expect.poll(() => page.getByTestId('record-item').count()).toBe(3)
    const amounts = await page.getByTestId('record-amount').allTextContents()
    expect(amounts).toEqual(['+¥600.00', '+¥20.00', '+¥100.00'])
    await waitForSelector(page, '[data-testid="record-item"][data-status="FAILED"]')
    expect(await page.getByTestId('record-balance-after').allTextContents()).toEqual([
      '余额 ¥120.00',
      '余额 ¥100.00',
    ])
    await saveScreenshot(page, 'records-01-list')

    // Filters: at least ¥50 of top-ups → ¥600 and ¥100; then a search for the CCB card's bank.
    await page.getByTestId('records-type').selectOption('TOPUP')
    await page.getByTestId('records-min').fill('50')
    await page.getByTestId('records-apply').click()
    await expect
      .poll(() => page.getByTestId('record-amount').allTextContents())
      .toEqual(['+¥600.00', '+¥100.00'])
    expect(new URL(page.url()).search).toBe('?sourceKind=TOPUP&min=50')
    await saveScreenshot(page, 'records-02-filtered')
    await page.getByTestId('records-reset').click()
    await page.getByTestId('records-search').fill('建设')
    await page.getByTestId('records-apply').click()
    await expect.poll(() => titles(page)).toEqual(['充值 · 中国建设银行'])
    await page.getByTestId('records-min').fill('1.005')
    await page.getByTestId('records-apply').click()
    await waitForTestId(page, 'records-amount-invalid')
    await page.getByTestId('records-reset').click()
    await expect.poll(() => page.getByTestId('record-item').count()).toBe(3)

    // A record's page: the ¥100 top-up with its card, balance after and reference.
    await page.locator('[data-testid="record-item"]').nth(2).getByTestId('record-title').click()
    await waitForTestId(page, 'record-page-amount', '+¥100.00')
    await waitForTestId(page, 'record-field-method', '中国工商银行(0018)')
    await waitForTestId(page, 'record-field-balance', '¥100.00')
    await waitForTestId(page, 'record-field-status', '已完成')
    await waitForTestId(page, 'record-actions')
    await saveScreenshot(page, 'records-03-detail')
    await page.getByTestId('page-back').click()
    await page.locator('[data-testid="record-item"][data-status="FAILED"] a').click()
    await waitForTestId(page, 'record-detail-failureMessage', '限额')
    await saveScreenshot(page, 'records-04-failed-detail')

    // The month's statement: top-ups are the user's own money (不计收支), the refused one is not.
    await page.getByTestId('page-back').click()
    await page.getByTestId('records-statement').click()
    await waitForTestId(page, 'statement-page')
    await waitForTestId(page, 'statement-own-money', '充值 ¥120.00')
    await waitForTestId(page, 'statement-expense', '¥0.00')
    await waitForTestId(page, 'statement-no-spending')
    await saveScreenshot(page, 'records-05-statement')

    // CSV: a download with BOM, a header and one line per record, amounts in yuan.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT_MS }),
      page.getByTestId('statement-csv').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^lingqian-records-\d{4}-\d{2}\.csv$/)
    const bytes = await readFile(await download.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n')
    expect(lines[0]).toBe(
      '交易时间,交易类型,收/支,交易对方,说明,金额(元),支付方式,状态,余额(元),记录号,交易单号',
    )
    expect(lines).toHaveLength(4)
    expect(lines[1]).toContain(
      ',充值,收入,中国建设银行,零钱充值,600.00,中国建设银行(0019),FAILED,,',
    )
    expect(lines[3]).toContain(',100.00,中国工商银行(0018),SUCCEEDED,100.00,')
    expect(pageErrors()).toEqual([])
  }, 180_000)
})
