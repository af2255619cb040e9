/** Security notices. */
import { type Static, Type } from 'typebox'
import { Details, Localized, Nullable, RowId, TimestampMs } from './common.ts'

export const NoticeView = Type.Object({
  id: RowId(),
  kind: Type.String(),
  title: Localized,
  detail: Nullable(Details),
  createdAtMs: TimestampMs(),
  read: Type.Boolean(),
})
export type NoticeView = Static<typeof NoticeView>

export const NoticeList = Type.Object({ notices: Type.Array(NoticeView) })
export type NoticeList = Static<typeof NoticeList>
