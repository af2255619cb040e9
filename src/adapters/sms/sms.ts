/**
 * @module sms
 * Sending text messages. The offline default writes to an outbox table that developers read
 * (`lingqian sms tail`, `/dev/sms` in dev mode); `HttpSms` posts to a provider configured by env.
 */
import { assert } from '../../shared/assert.ts'
import type { Clock } from '../clock/index.ts'
import type { Db } from '../db/index.ts'

export interface SmsSender {
  send(phone: string, body: string): Promise<void>
  /**
   * A message the wallet chose not to send, and why (for developers only; a real provider has
   * nowhere to put it). The outbox shows it marked as not sent, with no code in it.
   */
  recordNotSent?(phone: string, reason: string): Promise<void>
}

/** The outbox body of a message that was not sent. */
export const NOT_SENT_PREFIX = '[未发送 NOT SENT]'

export interface OutboxMessage {
  id: number
  phone: string
  body: string
  createdAtMs: number
}

const BODY_LENGTH_MAX = 500

export function createOutboxSms(
  db: Db,
  clock: Clock,
): SmsSender & {
  list(options: { phone?: string; limit: number }): Promise<OutboxMessage[]>
} {
  return {
    async send(phone, body) {
      assert(body.length <= BODY_LENGTH_MAX, 'sms body too long')
      await db
        .insertInto('sms_outbox')
        .values({ phone, body, created_at: new Date(clock.nowMs()) })
        .execute()
    },
    async recordNotSent(phone, reason) {
      const body = `${NOT_SENT_PREFIX} ${reason}`.slice(0, BODY_LENGTH_MAX)
      await db
        .insertInto('sms_outbox')
        .values({ phone, body, created_at: new Date(clock.nowMs()) })
        .execute()
    },
    async list({ phone, limit }) {
      let query = db.selectFrom('sms_outbox').select(['id', 'phone', 'body', 'created_at'])
      if (phone !== undefined) query = query.where('phone', '=', phone)
      const rows = await query.orderBy('id', 'desc').limit(limit).execute()
      return rows.map((row) => ({
        id: Number(row.id),
        phone: String(row.phone),
        body: String(row.body),
        createdAtMs: new Date(row.created_at as Date).getTime(),
      }))
    },
  }
}

/** Posts `{ phone, body }` as JSON to a provider endpoint with a bearer token. */
export function createHttpSms(options: {
  url: string
  token: string
  timeoutMs: number
}): SmsSender {
  return {
    async send(phone, body) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ phone, body }),
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      if (!response.ok) throw new Error(`sms provider answered ${response.status}`)
    },
  }
}
