/**
 * The audit log as operators read it: one user's trail (any role), or the whole log including
 * operator sign-ins (risk and admin), narrowed by actor, action, user and Shanghai calendar
 * dates, newest first, paged backwards by id. Operators that appear as actors come with their
 * display names, so the console never shows a bare op_… id.
 */
import type { AuditEntry, AuditFilter } from '../audit/index.ts'
import { findUserByIdOrPhone } from './user-directory.ts'
import { isCalendarDate } from '../../shared/calendar-date.ts'
import type { AuditAction, AuditActorKind } from '../../shared/audit-codes.ts'
import { DomainError } from '../../shared/errors.ts'
import { shanghaiDayRangeMs } from '../../shared/shanghai-time.ts'
import type { OpsContext } from './context.ts'
import type { Operator } from './operators.ts'
import { type OperatorName, operatorNames } from './operator-names.ts'
import { requirePermission } from './roles.ts'

export const AUDIT_PAGE_SIZE = 100

export interface AuditPage {
  /** A user id (u_…) or the user's phone. */
  user?: string | undefined
  /** The same as `user` with an id; kept for the user detail page and older clients. */
  userId?: string | undefined
  actorKind?: AuditActorKind | undefined
  actorId?: string | undefined
  action?: AuditAction | undefined
  /** Shanghai calendar dates YYYY-MM-DD, both inclusive. */
  fromDate?: string | undefined
  toDate?: string | undefined
  beforeId?: number | undefined
}

export interface AuditListing {
  entries: AuditEntry[]
  /** The operators among the entries' actors. */
  operators: OperatorName[]
  /** Pass as beforeId for the next (older) page; null on the last page. */
  nextBeforeId: number | null
}

function dayBoundMs(date: string | undefined, field: string, edge: 'start' | 'end') {
  if (date === undefined) return undefined
  if (!isCalendarDate(date)) {
    throw new DomainError('INVALID_REQUEST', {
      reason: `${field} must be a calendar date YYYY-MM-DD (1970–9999), e.g. 2026-02-28`,
      fields: [`/${field}`],
    })
  }
  const range = shanghaiDayRangeMs(date)
  return edge === 'start' ? range.startMs : range.endMs
}

/** The filter the page asks for; undefined when it names a user that does not exist. */
async function filterOf(
  ctx: OpsContext,
  operator: Operator,
  page: AuditPage,
): Promise<AuditFilter | undefined> {
  const fromMs = dayBoundMs(page.fromDate, 'from', 'start')
  const toMs = dayBoundMs(page.toDate, 'to', 'end')
  const userText = page.user ?? page.userId
  // Support reads one user's trail (the caller on the phone), never the whole log.
  if (userText === undefined) requirePermission(operator.role, 'audit.read_all')
  const user = userText === undefined ? undefined : await findUserByIdOrPhone(ctx, userText)
  if (userText !== undefined && user === undefined) return undefined
  return {
    userId: user?.id,
    actorKind: page.actorKind,
    actorId: page.actorId,
    action: page.action,
    fromMs,
    toMs,
  }
}

export async function listAudit(
  ctx: OpsContext,
  operator: Operator,
  page: AuditPage,
): Promise<AuditListing> {
  const filter = await filterOf(ctx, operator, page)
  if (filter === undefined) return { entries: [], operators: [], nextBeforeId: null }
  const cursor = page.beforeId === undefined ? {} : { beforeId: page.beforeId }
  const entries = await ctx.audit.searchAudit(filter, { limit: AUDIT_PAGE_SIZE, ...cursor })
  const last = entries.at(-1)
  return {
    entries,
    operators: await operatorNames(ctx, entries),
    nextBeforeId: entries.length === AUDIT_PAGE_SIZE && last !== undefined ? last.id : null,
  }
}
