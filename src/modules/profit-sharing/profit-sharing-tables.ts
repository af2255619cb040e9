import type { Generated } from 'kysely'

/** Kysely's view of the tables this module owns (migrations/0034_profit_sharing.sql). */
export interface ProfitSharingTables {
  profit_sharing_receivers: {
    merchant_id: string
    type: string
    account: string
    appid: string
    receiver_merchant_id: string | null
    receiver_user_id: string | null
    name_enc: string | null
    relation_type: string
    custom_relation: string | null
    created_at: Date
    updated_at: Date
    deleted_at: Date | null
  }
  profit_sharing_payments: {
    merchant_id: string
    out_trade_no: string
    state: string
    payment_id: string | null
    amount_fen: Generated<number>
    frozen_fen: Generated<number>
    unsplit_fen: Generated<number>
    shared_fen: Generated<number>
    orders: Generated<number>
    freeze_transfer_id: number | null
    created_at: Date
    frozen_at: Date | null
    unfrozen_at: Date | null
  }
  profit_sharing_orders: {
    id: string
    merchant_id: string
    out_order_no: string
    payment_id: string
    kind: string
    request_hash: string
    state: string
    unfreezes: boolean
    unfreeze_fen: Generated<number>
    unfreeze_description: string | null
    transfer_id: number | null
    created_at: Date
    finished_at: Date | null
  }
  profit_sharing_order_receivers: {
    order_id: string
    seq: number
    detail_id: string
    type: string
    account: string
    receiver_merchant_id: string | null
    receiver_user_id: string | null
    amount_fen: number
    description: string
    result: string
    fail_reason: string | null
    returned_fen: Generated<number>
  }
  profit_sharing_returns: {
    id: string
    merchant_id: string
    out_return_no: string
    order_id: string
    receiver_seq: number
    return_mchid: string
    amount_fen: number
    description: string
    request_hash: string
    result: string
    fail_reason: string | null
    transfer_id: number | null
    created_at: Date
    finished_at: Date | null
  }
}
