/**
 * Where the time of an open goes: every SQL round trip the app makes is seen through Kysely's
 * query log (BEGIN and COMMIT included) and put in the phase of the open it belongs to, by the
 * table it touches. Counts are load-independent; the milliseconds are the database's answer time
 * as the app saw it (queue wait for a pool connection excluded).
 */
import type { LogEvent } from 'kysely'

/** Ordered: the first pattern that matches names the phase. */
const PHASES: [phase: string, pattern: RegExp][] = [
  ['session auth', /"sessions"/],
  ['user (auth, may receive)', /from "users"/],
  ['rate limits', /rate_limit/],
  ['audience (group member)', /from "chat_members" where "conversation_id" = \$1 and "user_id"/],
  ['SSE publish (members)', /"chat_members"/],
  ['chat card update', /"chat_messages"/],
  ['slot grab', /UPDATE red_packets SET\s+opened_count/i],
  ['balance account', /"ledger_accounts"/],
  ['ledger credit', /ledger_create/],
  ['records', /"money_records"/],
  ['credit mark / refusal', /red_packet_opens/],
  ['packet row', /red_packets/],
  ['transaction control', /^\s*(begin|commit|rollback)\b/i],
]

export interface PhaseTotal {
  phase: string
  roundTrips: number
  ms: number
}

export interface QueryTrace {
  /** Pass as `log` to openPostgres. */
  log(event: LogEvent): void
  /** Start counting (counts nothing before). */
  start(): void
  /** Stop counting and return the totals by phase since `start`. */
  stop(): { roundTrips: number; phases: PhaseTotal[] }
}

export function phaseOf(sql: string): string {
  for (const [phase, pattern] of PHASES) if (pattern.test(sql)) return phase
  return 'other'
}

export function createQueryTrace(): QueryTrace {
  let counting = false
  let totals = new Map<string, PhaseTotal>()
  return {
    log(event) {
      if (!counting) return
      const phase = phaseOf(event.query.sql)
      const total = totals.get(phase) ?? { phase, roundTrips: 0, ms: 0 }
      total.roundTrips += 1
      total.ms += event.queryDurationMillis
      totals.set(phase, total)
    },
    start() {
      totals = new Map()
      counting = true
    },
    stop() {
      counting = false
      const phases = [...totals.values()]
      return { roundTrips: phases.reduce((sum, phase) => sum + phase.roundTrips, 0), phases }
    },
  }
}
