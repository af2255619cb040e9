/** Kysely's view of the tables this module owns (migrations/0032_notifications.sql). */
export interface NotificationsTables {
  notification_events: {
    id: string
    merchant_id: string
    source_key: string
    event_type: string
    notify_url: string
    body: string
    status: string
    attempts: number
    round_attempts: number
    next_attempt_at_ms: number | null
    lease_owner: string | null
    lease_until_ms: number | null
    created_at_ms: number
    updated_at_ms: number
    delivered_at_ms: number | null
  }
  notification_attempts: {
    event_id: string
    attempt: number
    started_at_ms: number
    latency_ms: number
    http_status: number | null
    outcome: string
    error: string | null
    response_excerpt: string | null
    signature_fault: string | null
  }
  notification_refund_watches: {
    merchant_id: string
    out_refund_no: string
    refund_id: string | null
    notify_url: string | null
    request_hash: string
    reported_status: string | null
    open: boolean
    created_at_ms: number
    updated_at_ms: number
  }
  notification_signature_faults: {
    merchant_id: string
    mode: string
    remaining: number
    updated_at_ms: number
  }
}
