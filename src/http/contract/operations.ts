/** Top-ups and withdrawals as the record shows them. */
import { type Static, Type } from 'typebox'
import { Details, Fen, Id, Localized, Nullable, PageLimit, TimestampMs } from './common.ts'

/** The wallet module lists at most this many operations a page. */
export const OPERATION_PAGE_SIZE_MAX = 100

export const OPERATION_KINDS = ['TOPUP', 'WITHDRAW'] as const
export const OperationKind = Type.Enum(OPERATION_KINDS)
export type OperationKind = Static<typeof OperationKind>

export const OPERATION_STATUSES = ['PROCESSING', 'SUCCEEDED', 'FAILED'] as const
export const OperationStatus = Type.Enum(OPERATION_STATUSES)
export type OperationStatus = Static<typeof OperationStatus>

/** A top-up or withdrawal. A bank refusal is a FAILED operation with the reason in `failure`. */
export const OperationView = Type.Object({
  id: Type.String(),
  kind: OperationKind,
  status: OperationStatus,
  amountFen: Fen(),
  feeFen: Fen(),
  card: Type.Object({ id: Type.String(), bankCode: Type.String(), last4: Type.String() }),
  failure: Nullable(Type.Object({ code: Type.String(), message: Localized, details: Details })),
  createdAtMs: TimestampMs(),
  completedAtMs: Nullable(TimestampMs()),
  /** Withdrawals: when the money is expected on the card. */
  expectedArrivalAtMs: Nullable(TimestampMs()),
})
export type OperationView = Static<typeof OperationView>

export const OperationList = Type.Object({ operations: Type.Array(OperationView) })
export type OperationList = Static<typeof OperationList>

export const OperationListQuery = Type.Object({
  beforeMs: Type.Optional(TimestampMs()),
  limit: Type.Optional(PageLimit(OPERATION_PAGE_SIZE_MAX)),
})
export type OperationListQuery = Static<typeof OperationListQuery>

export const OperationParams = Type.Object({ operationId: Id })
