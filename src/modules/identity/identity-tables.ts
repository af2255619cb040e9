/** Kysely's view of the tables this module owns (migrations/0002_identity.sql). */
import type { Generated } from 'kysely'

export interface IdentityTables {
  users: {
    id: string
    phone: string
    status: string
    status_reason: string | null
    real_name: string | null
    id_number_enc: string | null
    id_number_hash: string | null
    birth_date: string | Date | null
    verified_at: Date | null
    account_class: number
    second_factor_enabled: boolean
    created_at: Date
  }
  sms_codes: {
    id: Generated<number>
    phone: string
    purpose: string
    code_hash: string
    ip: string | null
    attempts: Generated<number>
    expires_at: Date
    consumed_at: Date | null
    created_at: Date
  }
  sessions: {
    id: string
    user_id: string
    token_hash: string
    device_id: string
    device_name: string
    ip: string | null
    created_at: Date
    last_seen_at: Date
    expires_at: Date
    revoked_at: Date | null
  }
  user_devices: { user_id: string; device_id: string; first_seen_at: Date }
  payment_passwords: {
    user_id: string
    password_hash: string
    failed_attempts: Generated<number>
    locked_until: Date | null
    updated_at: Date
  }
  passkeys: {
    credential_id: string
    user_id: string
    public_key: string
    counter: Generated<number>
    transports: string | null
    device_name: string
    created_at: Date
    last_used_at: Date | null
    /** The host name it was enrolled for (migration 0015); null before that. */
    rp_id: Generated<string | null>
  }
  webauthn_challenges: {
    id: string
    user_id: string
    purpose: string
    challenge: string
    expires_at: Date
    consumed_at: Date | null
  }
  notices: {
    id: Generated<number>
    user_id: string
    kind: string
    detail: Record<string, unknown> | null
    created_at: Date
    read_at: Date | null
  }
  appeals: {
    id: string
    user_id: string
    statement: string
    status: Generated<string>
    decided_by: string | null
    decision_reason: string | null
    created_at: Date
    decided_at: Date | null
  }
  balance_payment_usage: { user_id: string; year: number; amount_fen: number }
}
