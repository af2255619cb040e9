/** Kysely's view of the table this module owns (see migrations/0010_jobs.sql). */
import type { Generated } from 'kysely'

export interface JobsTables {
  jobs: {
    id: Generated<number>
    kind: string
    job_key: string
    payload: unknown
    status: Generated<string>
    run_at_ms: number
    every_ms: number | null
    attempts: Generated<number>
    max_attempts: number
    lease_owner: string | null
    lease_expires_at_ms: number | null
    last_error_code: string | null
    last_error_message: string | null
    created_at_ms: number
    updated_at_ms: number
    finished_at_ms: number | null
  }
}
