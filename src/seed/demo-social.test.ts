/** The demo users can chat, transfer and send red packets at once: contacts and one group. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test-support/app.ts'
import { seedDemoData } from './demo.ts'
import { DEMO_GROUP_TITLE } from './demo-social.ts'

let app: TestApp

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(() => app.close())

describe('demo contacts and group', () => {
  it('makes the verified demo users contacts and one group of them, once', async () => {
    await seedDemoData(app)
    await seedDemoData(app)
    const zhangWei = (await app.identity.findUserByPhone('13800000001'))?.id as string
    const liNa = (await app.identity.findUserByPhone('13800000002'))?.id as string
    expect(await app.social.areContacts(zhangWei, liNa)).toBe(true)
    expect((await app.social.listContacts(zhangWei)).length).toBe(6)
    const groups = (await app.social.listConversations({ userId: liNa })).conversations.filter(
      (conversation) => conversation.kind === 'group',
    )
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({ title: DEMO_GROUP_TITLE, memberCount: 7 })
  })
})
