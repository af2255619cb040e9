/** Kysely's view of the tables this module owns (migrations/0026_red_packets.sql). */
import type { ColumnType, Generated, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface RedPacketsTable {
  id: string
  sender_id: string
  conversation_id: string | null
  kind: string
  split: string
  recipient_id: string | null
  total_fen: number
  shares: number
  message: string
  cover: string
  seed_hex: string
  commitment_hex: string
  status: string
  opened_count: Generated<number>
  returned_fen: number | null
  idempotency_key: string
  request_hash: string
  send_transfer_id: number | null
  return_transfer_id: number | null
  created_at: Timestamp
  expires_at: Timestamp
  finished_at: Timestamp | null
}

export interface RedPacketOpensTable {
  packet_id: string
  slot: number
  user_id: string
  opened_at: Timestamp
  amount_fen: number | null
  transfer_id: number | null
}

export interface RedPacketsTables {
  red_packets: RedPacketsTable
  red_packet_opens: RedPacketOpensTable
}

export type RedPacketRow = Selectable<RedPacketsTable>
export type RedPacketOpenRow = Selectable<RedPacketOpensTable>
