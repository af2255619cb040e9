/**
 * The demo users are contacts of each other and share one group, 零钱演示群, so transfers and
 * red packets can be tried at once. Idempotent: contacts are connected once, the group is found
 * again by its creator and title, members already in are skipped.
 */
import type { App } from '../app.ts'

export const DEMO_GROUP_TITLE = '零钱演示群'

export async function seedDemoSocial(app: App, userIds: readonly string[]): Promise<string> {
  const [creator, ...others] = userIds
  if (creator === undefined) throw new Error('demo social needs users')
  for (const [index, userA] of userIds.entries()) {
    for (const userB of userIds.slice(index + 1)) await app.social.connect(userA, userB)
  }
  const { conversations } = await app.social.listConversations({ userId: creator })
  const existing = conversations.find(
    (conversation) => conversation.kind === 'group' && conversation.title === DEMO_GROUP_TITLE,
  )
  if (existing === undefined) {
    return app.social.createGroup({
      creatorId: creator,
      title: DEMO_GROUP_TITLE,
      memberIds: others,
    })
  }
  await app.social.addGroupMembers({
    actorId: creator,
    conversationId: existing.id,
    memberIds: others,
  })
  return existing.id
}
