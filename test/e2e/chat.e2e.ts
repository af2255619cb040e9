/**
 * Contacts and chat in two browsers at once (issue 12): one user adds the other by phone, the
 * other accepts on the contacts page as the request arrives, they message each other in a
 * one-to-one chat and in a new group, and each sees the other's messages and the unread badge
 * live, without reloading. Screenshots of each step are kept.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { saveScreenshot, useServerAndBrowser } from './support/index.ts'
import { MOBILE, signUpByApi, waitForSelector, waitForTestId } from './support/flows.ts'

const running = useServerAndBrowser()
const FLOW_TIMEOUT_MS = 180_000

let phoneSequence = 0

/** Numbers no other run of this file used (each run has a fresh server anyway). */
function freshPhone(): string {
  phoneSequence += 1
  return `1395${String((Date.now() + phoneSequence) % 10_000_000).padStart(7, '0')}`
}

/** A browser context signed in as a new user: the API signs up, the context gets the cookie. */
async function signedInPage(phone: string): Promise<{ page: Page; userId: string }> {
  const { server, browser } = running()
  const { token, userId } = await signUpByApi(server.baseUrl, phone)
  const context = await browser.newContext({ ...MOBILE, baseURL: server.baseUrl })
  await context.addCookies([
    { name: 'lq_session', value: token, url: server.baseUrl, httpOnly: true },
  ])
  return { page: await context.newPage(), userId }
}

async function waitLive(page: Page): Promise<void> {
  await waitForSelector(page, '[data-testid="live-state"][data-connected="true"]')
}

async function sendText(page: Page, text: string): Promise<void> {
  await page.getByTestId('message-input').fill(text)
  await page.getByTestId('message-send').click()
  await waitForTestId(page, 'message-text', text)
}

describe('chat between two browsers', () => {
  it(
    'adds a contact, chats one-to-one and in a group, live on both sides',
    async () => {
      const alice = await signedInPage(freshPhone())
      const bob = await signedInPage(freshPhone())

      // Bob waits on his contacts page; Alice adds him by phone.
      await bob.page.goto('/contacts')
      await waitForTestId(bob.page, 'contacts-page')
      await alice.page.goto('/')
      // 转账 on the home page asks for a contact first: with none yet it leads to the contacts.
      await alice.page.getByTestId('feature-transfer').click()
      await waitForTestId(alice.page, 'transfer-pick-empty')
      await alice.page.getByTestId('transfer-pick-contacts').click()
      await waitForTestId(alice.page, 'add-contact')
      await alice.page.getByTestId('add-contact-value').fill(await phoneOf(bob.page))
      await alice.page.getByTestId('add-contact-greeting').fill('我是 Alice')
      await alice.page.getByTestId('add-contact-submit').click()
      await waitForTestId(alice.page, 'add-contact-done')
      await saveScreenshot(alice.page, 'chat-01-request-sent')

      // The request reaches Bob's open page live.
      await waitForTestId(bob.page, 'contact-request', '我是 Alice')
      await saveScreenshot(bob.page, 'chat-02-request-arrived')
      await bob.page.getByTestId('request-accept').click()
      await waitForSelector(
        bob.page,
        `[data-testid="contact-item"][data-user-id="${alice.userId}"]`,
      )

      // Alice's list updates live too; she opens the chat and sends.
      await waitForSelector(
        alice.page,
        `[data-testid="contact-item"][data-user-id="${bob.userId}"]`,
      )
      await bob.page.goto('/chats')
      await waitForTestId(bob.page, 'chats-page')
      await alice.page.getByTestId('contact-message').click()
      await waitForTestId(alice.page, 'conversation-page')
      await waitLive(alice.page)
      await sendText(alice.page, '你好，Bob！')

      // Bob's chats list shows the conversation with an unread badge, without a reload.
      await waitForTestId(bob.page, 'unread-badge', '1')
      await waitForTestId(bob.page, 'conversation-preview', '你好，Bob！')
      await saveScreenshot(bob.page, 'chat-03-unread-badge')
      await bob.page.getByTestId('conversation-item').first().click()
      await waitForTestId(bob.page, 'message-text', '你好，Bob！')
      await waitLive(bob.page)
      await sendText(bob.page, '你好 Alice，收到')
      await waitForTestId(alice.page, 'message-text', '你好 Alice，收到')
      await saveScreenshot(alice.page, 'chat-04-live-reply')
      expect(await bob.page.getByTestId('chat-send-transfer').getAttribute('href')).toMatch(
        /^\/transfers\/new\?conversationId=/,
      )

      // A group of the two: Alice creates it, Bob sees her first message live in the list.
      await bob.page.goto('/chats')
      await waitForTestId(bob.page, 'conversation-list')
      await alice.page.goto('/chats/new-group')
      await alice.page.getByTestId('group-title').fill('周末聚餐')
      await alice.page.getByTestId('group-pick').first().check()
      await alice.page.getByTestId('group-create').click()
      await waitForTestId(alice.page, 'conversation-heading', '周末聚餐')
      await waitLive(alice.page)
      await sendText(alice.page, '周六中午见')
      await waitForTestId(bob.page, 'conversation-title', '周末聚餐')
      await waitForTestId(bob.page, 'conversation-preview', '周六中午见')
      await saveScreenshot(bob.page, 'chat-05-group-in-list')
      await bob.page.getByTestId('conversation-item').filter({ hasText: '周末聚餐' }).click()
      await waitForTestId(bob.page, 'message-text', '周六中午见')
      await saveScreenshot(bob.page, 'chat-06-group-conversation')
      await alice.page.context().close()
      await bob.page.context().close()
    },
    FLOW_TIMEOUT_MS,
  )
})

/** The phone the page's user signed up with, as the API tells it. */
async function phoneOf(page: Page): Promise<string> {
  const response = await page.request.get('/api/v1/me')
  const body = (await response.json()) as { phone: string }
  return body.phone
}
