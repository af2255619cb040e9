/** The social module's rate limits, claimed before the work they limit. */
import { DomainError } from '../../shared/errors.ts'
import { RateLimitedError } from '../rate-limits/index.ts'
import type { SocialContext } from './context.ts'

const MINUTE_MS = 60_000
const DAY_MS = 24 * 3600_000

type SocialLimit = 'messages' | 'contact_requests' | 'groups'

function window(ctx: SocialContext, limit: SocialLimit) {
  const { rules } = ctx
  switch (limit) {
    case 'messages':
      return { limit: rules.messagesPerMinuteMax, windowMs: MINUTE_MS, name: 'messages_minute' }
    case 'contact_requests':
      return { limit: rules.contactRequestsPerDayMax, windowMs: DAY_MS, name: 'contacts_day' }
    case 'groups':
      return { limit: rules.groupsPerDayMax, windowMs: DAY_MS, name: 'groups_day' }
  }
}

/** FREQUENCY_LIMITED (with retryAfterSeconds) when this user's window is full. */
export async function claimSocialLimit(
  ctx: SocialContext,
  limit: SocialLimit,
  userId: string,
): Promise<void> {
  try {
    await ctx.rateLimits.claim([{ key: `social:${limit}:${userId}`, ...window(ctx, limit) }])
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error
    throw new DomainError('FREQUENCY_LIMITED', {
      retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      limit: error.limitName,
    })
  }
}
