/**
 * The actions slot of a record's page (账单详情). A producer's helper adds its action here — a
 * component taking `{ record }` that renders nothing when the action does not apply (e.g.
 * 申请退款 only for a PAYMENT that can still be refunded). Append to RECORD_ACTIONS; keep each
 * action in its own file.
 */
import type { ComponentType, ReactNode } from 'react'
import type { RecordView } from './api'

export interface RecordActionProps {
  record: RecordView
  /** Call after the action changed the record (the page loads it again). */
  onChanged: () => void
}

export const RECORD_ACTIONS: readonly ComponentType<RecordActionProps>[] = []

export function RecordActions(props: RecordActionProps): ReactNode {
  return (
    <div className="lq-record-actions" data-testid="record-actions">
      {RECORD_ACTIONS.map((Action, index) => (
        <Action key={index} {...props} />
      ))}
    </div>
  )
}
