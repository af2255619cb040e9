/** Kysely's view of the tables this module owns (migrations/0024_social.sql). */
import type { Generated } from 'kysely'

export interface SocialTables {
  social_profiles: {
    user_id: string
    nickname: string | null
    findable_by_phone: Generated<boolean>
    contact_count: Generated<number>
    updated_at: Date
  }
  contact_requests: {
    id: string
    from_user_id: string
    to_user_id: string
    greeting: string | null
    status: string
    created_at: Date
    decided_at: Date | null
  }
  social_contacts: { user_id: string; contact_user_id: string; created_at: Date }
  chat_conversations: {
    id: string
    kind: string
    direct_key: string | null
    title: string | null
    created_by: string
    member_count: number
    last_message_id: number | null
    activity_at: Date
    created_at: Date
  }
  chat_members: {
    conversation_id: string
    user_id: string
    last_read_message_id: Generated<number>
    joined_at: Date
  }
  chat_messages: {
    id: Generated<number>
    conversation_id: string
    sender_id: string
    kind: string
    body: string | null
    card_ref: string | null
    card_summary: Record<string, unknown> | null
    created_at: Date
    updated_at: Date
  }
}
