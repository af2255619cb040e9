import { api, queryString } from '../../shared/api'

// Every shape is the server's contract (src/http/contract/chats.ts), never restated here.
import type {
  ContactList,
  ContactRequestCreate,
  ContactRequestList,
  ContactRequestView,
  ConversationDetail,
  ConversationList,
  ConversationOpened,
  MembersAdded,
  MessagePage,
  MessageView,
  SocialProfile,
  SocialProfileChange,
} from '@contract/chats'

export type {
  CardKind,
  CardView,
  ContactRequestView,
  ConversationDetail,
  ConversationSummary,
  IncomingContactRequest,
  LiveEvent,
  MessageView,
  Person,
  SocialProfile,
} from '@contract/chats'

const conversationPath = (id: string) => `/api/v1/me/conversations/${encodeURIComponent(id)}`

/** The wallet's view of the contacts and chat routes. */
export const chatApi = {
  profile: () => api.get<SocialProfile>('/api/v1/me/social-profile'),
  updateProfile: (change: SocialProfileChange) =>
    api.put<SocialProfile>('/api/v1/me/social-profile', change),
  contacts: () => api.get<ContactList>('/api/v1/me/contacts'),
  requests: () => api.get<ContactRequestList>('/api/v1/me/contact-requests'),
  requestContact: (request: ContactRequestCreate) =>
    api.post<ContactRequestView>('/api/v1/me/contact-requests', request),
  decide: (requestId: string, decision: 'accept' | 'decline') =>
    api.post<ContactRequestView>(
      `/api/v1/me/contact-requests/${encodeURIComponent(requestId)}/decision`,
      { decision },
    ),
  removeContact: (userId: string) =>
    api.delete(`/api/v1/me/contacts/${encodeURIComponent(userId)}`),
  openDirect: (userId: string) =>
    api.post<ConversationOpened>(`/api/v1/me/contacts/${encodeURIComponent(userId)}/conversation`),
  conversations: () => api.get<ConversationList>('/api/v1/me/conversations'),
  createGroup: (title: string, memberIds: string[]) =>
    api.post<ConversationOpened>('/api/v1/me/groups', { title, memberIds }),
  conversation: (id: string) => api.get<ConversationDetail>(conversationPath(id)),
  addMembers: (id: string, memberIds: string[]) =>
    api.post<MembersAdded>(`${conversationPath(id)}/members`, { memberIds }),
  messages: (id: string, page: { beforeId?: number; afterId?: number }) =>
    api.get<MessagePage>(
      `${conversationPath(id)}/messages${queryString({
        beforeId: page.beforeId === undefined ? undefined : String(page.beforeId),
        afterId: page.afterId === undefined ? undefined : String(page.afterId),
      })}`,
    ),
  message: (id: string, messageId: number) =>
    api.get<MessageView>(`${conversationPath(id)}/messages/${messageId}`),
  sendText: (id: string, text: string) =>
    api.post<MessageView>(`${conversationPath(id)}/messages`, { text }),
  markRead: (id: string) => api.post(`${conversationPath(id)}/read`, {}),
}
