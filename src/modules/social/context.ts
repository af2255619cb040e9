/** What every social function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { Clock } from '../../adapters/clock/index.ts'
import type { IdentityService } from '../identity/index.ts'
import type { RateLimits } from '../rate-limits/index.ts'
import type { LiveHub } from './live.ts'
import type { SocialTables } from './social-tables.ts'

export interface SocialRules {
  /** Members of one group, the creator included (WeChat's groups stop at 500). */
  groupMembersMax: number
  /** Contacts one user may have (each side of a pair claims one). */
  contactsMax: number
  /** Text messages one user may send per minute, across all conversations. */
  messagesPerMinuteMax: number
  /** Contact requests one user may send per day. */
  contactRequestsPerDayMax: number
  /** Groups one user may create per day. */
  groupsPerDayMax: number
  /** Live event streams one user may hold open (tabs, devices); a newer one ends the oldest. */
  liveStreamsPerUserMax: number
  /** Live event streams of the whole process. */
  liveStreamsMax: number
}

export const DEFAULT_SOCIAL_RULES: SocialRules = {
  groupMembersMax: 500,
  contactsMax: 5000,
  messagesPerMinuteMax: 60,
  contactRequestsPerDayMax: 50,
  groupsPerDayMax: 20,
  liveStreamsPerUserMax: 5,
  liveStreamsMax: 10_000,
}

export const MESSAGE_TEXT_LENGTH_MAX = 2000
export const NICKNAME_LENGTH_MAX = 32
export const GROUP_TITLE_LENGTH_MAX = 40
export const GREETING_LENGTH_MAX = 100
export const MESSAGE_PAGE_SIZE_MAX = 50
export const CONVERSATION_PAGE_SIZE_MAX = 50
export const CONTACT_LIST_MAX = 5000
/** Unread counts stop here: the list shows "99+". */
export const UNREAD_COUNT_MAX = 100
/** A card summary is small: the bubble shows a few words, the producer's page the rest. */
export const CARD_SUMMARY_JSON_LENGTH_MAX = 1000
export const CARD_KINDS = ['transfer', 'redpacket'] as const
export type CardKind = (typeof CARD_KINDS)[number]

export type SocialDb = Kysely<SocialTables>

export interface SocialContext {
  db: SocialDb
  clock: Clock
  identity: IdentityService
  rateLimits: RateLimits
  live: LiveHub
  rules: SocialRules
}
