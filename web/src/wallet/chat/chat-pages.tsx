import type { ReactNode } from 'react'
import { matchPath } from '../../shared/router'
import { AddMembersPage } from './AddMembersPage'
import { ChatsPage } from './ChatsPage'
import { ContactsPage } from './ContactsPage'
import { ConversationPage } from './ConversationPage'
import { NewGroupPage } from './NewGroupPage'

/** The chat pages with a fixed path (signed-in users only). */
export const CHAT_PAGES: Readonly<Record<string, () => ReactNode>> = {
  '/chats': ChatsPage,
  '/chats/new-group': NewGroupPage,
  '/contacts': ContactsPage,
}

/** A conversation or its add-members page by id; undefined for any other path. */
export function chatPage(path: string): (() => ReactNode) | undefined {
  const members = matchPath('/chats/:id/members', path)?.id
  if (members !== undefined) {
    return () => <AddMembersPage key={members} conversationId={members} />
  }
  const conversation = matchPath('/chats/:id', path)?.id
  if (conversation === undefined) return undefined
  return () => <ConversationPage key={conversation} conversationId={conversation} />
}
