/**
 * Contacts and chat (联系人、聊天): contact requests and the list, one-to-one and group
 * conversations, messages — text, and the transfer and red-packet cards their modules post —
 * and the live event stream (`GET /api/v1/me/events`, server-sent events).
 */
import { type Static, Type } from 'typebox'
import { Count, Id, Nullable, PageLimit, Phone, RowId, strict, TimestampMs } from './common.ts'

/** The social module's limits (routes pin them equal at compile time). */
export const MESSAGE_TEXT_LENGTH_MAX = 2000
export const NICKNAME_LENGTH_MAX = 32
export const GROUP_TITLE_LENGTH_MAX = 40
export const GREETING_LENGTH_MAX = 100
export const MESSAGE_PAGE_SIZE_MAX = 50
export const CONVERSATION_PAGE_SIZE_MAX = 50
/** One request adds at most this many members (a group holds more, added in steps). */
export const MEMBERS_PER_REQUEST_MAX = 100
export const CARD_KINDS = ['transfer', 'redpacket'] as const

export const Person = Type.Object({
  userId: Type.String(),
  displayName: Type.String({
    description: 'Nickname, else masked real name (*伟), else masked phone',
  }),
})
export type Person = Static<typeof Person>

export const SocialProfile = Type.Object({
  userId: Type.String(),
  nickname: Nullable(Type.String()),
  findableByPhone: Type.Boolean(),
})
export type SocialProfile = Static<typeof SocialProfile>

export const SocialProfileChange = Type.Object(
  {
    nickname: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: NICKNAME_LENGTH_MAX })),
    ),
    findableByPhone: Type.Optional(Type.Boolean()),
  },
  strict,
)
export type SocialProfileChange = Static<typeof SocialProfileChange>

export const ContactList = Type.Object({ contacts: Type.Array(Person) })
export type ContactList = Static<typeof ContactList>

export const ContactRequestCreate = Type.Object(
  {
    phone: Type.Optional(Phone),
    userId: Type.Optional(Id),
    greeting: Type.Optional(Type.String({ maxLength: GREETING_LENGTH_MAX })),
  },
  strict,
)
export type ContactRequestCreate = Static<typeof ContactRequestCreate>

export const ContactRequestStatus = Type.Enum(['pending', 'accepted', 'declined'])
export const ContactRequestView = Type.Object({
  id: Type.String({ description: 'Empty when the two were contacts already' }),
  fromUserId: Type.String(),
  toUserId: Type.String(),
  greeting: Nullable(Type.String()),
  status: ContactRequestStatus,
  createdAtMs: TimestampMs(),
})
export type ContactRequestView = Static<typeof ContactRequestView>

export const IncomingContactRequest = Type.Object({
  ...ContactRequestView.properties,
  from: Person,
})
export type IncomingContactRequest = Static<typeof IncomingContactRequest>
export const ContactRequestList = Type.Object({ requests: Type.Array(IncomingContactRequest) })
export type ContactRequestList = Static<typeof ContactRequestList>

export const ContactRequestParams = Type.Object({ requestId: Id })
export const ContactRequestDecision = Type.Object(
  { decision: Type.Enum(['accept', 'decline']) },
  strict,
)
export type ContactRequestDecision = Static<typeof ContactRequestDecision>
export const ContactParams = Type.Object({ userId: Id })

export const ConversationOpened = Type.Object({ conversationId: Type.String() })
export type ConversationOpened = Static<typeof ConversationOpened>

export const CardKind = Type.Enum(CARD_KINDS)
export type CardKind = Static<typeof CardKind>
export const MessageKind = Type.Enum(['text', ...CARD_KINDS])
export type MessageKind = Static<typeof MessageKind>

export const CardView = Type.Object({
  kind: CardKind,
  refId: Type.String({
    description: 'The transfer or red packet id: /transfers/<id>, /redpackets/<id>',
  }),
  summary: Type.Record(Type.String(), Type.Unknown(), {
    description: "The producer's small JSON: amountFen, note, status, cover, message…",
  }),
})
export type CardView = Static<typeof CardView>

export const MessageView = Type.Object({
  id: RowId(),
  conversationId: Type.String(),
  senderId: Type.String(),
  kind: MessageKind,
  text: Nullable(Type.String()),
  card: Nullable(CardView),
  createdAtMs: TimestampMs(),
  updatedAtMs: TimestampMs(),
})
export type MessageView = Static<typeof MessageView>

export const ConversationKind = Type.Enum(['direct', 'group'])
export type ConversationKind = Static<typeof ConversationKind>

export const ConversationSummary = Type.Object({
  id: Type.String(),
  kind: ConversationKind,
  title: Type.String(),
  memberCount: Count(),
  peerUserId: Nullable(Type.String()),
  lastMessage: Nullable(MessageView),
  unreadCount: Count(),
  activityAtMs: TimestampMs(),
})
export type ConversationSummary = Static<typeof ConversationSummary>

export const ConversationListQuery = Type.Object(
  {
    beforeMs: Type.Optional(TimestampMs()),
    beforeId: Type.Optional(Id),
    limit: Type.Optional(PageLimit(CONVERSATION_PAGE_SIZE_MAX)),
  },
  strict,
)
export type ConversationListQuery = Static<typeof ConversationListQuery>
export const InboxCursor = Type.Object({ beforeMs: TimestampMs(), beforeId: Type.String() })
export const ConversationList = Type.Object({
  conversations: Type.Array(ConversationSummary),
  next: Nullable(InboxCursor),
})
export type ConversationList = Static<typeof ConversationList>

export const GroupCreate = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: GROUP_TITLE_LENGTH_MAX }),
    memberIds: Type.Array(Id, { minItems: 1, maxItems: MEMBERS_PER_REQUEST_MAX }),
  },
  strict,
)
export type GroupCreate = Static<typeof GroupCreate>

export const ConversationParams = Type.Object({ conversationId: Id })
export const MessageParams = Type.Object({ conversationId: Id, messageId: RowId() })

export const ConversationDetail = Type.Object({
  id: Type.String(),
  kind: ConversationKind,
  title: Type.String(),
  memberCount: Count(),
  members: Type.Array(Person),
})
export type ConversationDetail = Static<typeof ConversationDetail>

export const MembersAdd = Type.Object(
  { memberIds: Type.Array(Id, { minItems: 1, maxItems: MEMBERS_PER_REQUEST_MAX }) },
  strict,
)
export type MembersAdd = Static<typeof MembersAdd>
export const MembersAdded = Type.Object({ added: Type.Array(Type.String()) })
export type MembersAdded = Static<typeof MembersAdded>

export const MessageListQuery = Type.Object(
  {
    beforeId: Type.Optional(RowId()),
    afterId: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(PageLimit(MESSAGE_PAGE_SIZE_MAX)),
  },
  strict,
)
export type MessageListQuery = Static<typeof MessageListQuery>
export const MessagePage = Type.Object({
  messages: Type.Array(MessageView, {
    description: 'Newest first; with afterId, oldest first (catching up after a live event)',
  }),
  hasMore: Type.Boolean(),
})
export type MessagePage = Static<typeof MessagePage>

export const TextMessageCreate = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: MESSAGE_TEXT_LENGTH_MAX }) },
  strict,
)
export type TextMessageCreate = Static<typeof TextMessageCreate>

export const MarkRead = Type.Object(
  { upToId: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })) },
  strict,
)
export type MarkRead = Static<typeof MarkRead>

/** What `GET /api/v1/me/events` sends, one JSON object per server-sent event (`data:`). */
export type LiveEvent =
  | { type: 'message'; conversationId: string; messageId: number }
  | { type: 'card'; conversationId: string; messageId: number }
  | { type: 'read'; conversationId: string }
  | { type: 'conversation'; conversationId: string }
  | { type: 'contacts' }
