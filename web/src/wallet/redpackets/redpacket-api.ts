import { api } from '../../shared/api'

// Every shape is the server's contract (src/http/contract/redpackets.ts, transfers.ts).
import type {
  OpenedShare,
  RedPacketProof,
  RedPacketRulesView,
  RedPacketView,
  SendRedPacketRequest,
} from '@contract/redpackets'
import type {
  TransferPreview,
  TransferPreviewRequest,
  TransferRequest,
  TransferView,
} from '@contract/transfers'

export type {
  OpenedShare,
  RedPacketKind,
  RedPacketOpening,
  RedPacketProof,
  RedPacketRulesView,
  RedPacketView,
  SendRedPacketRequest,
} from '@contract/redpackets'
export type { TransferPreview, TransferView } from '@contract/transfers'

const packetPath = (id: string) => `/api/v1/me/redpackets/${encodeURIComponent(id)}`

/** The wallet's view of the red packet routes. */
export const redPacketApi = {
  rules: () => api.get<RedPacketRulesView>('/api/v1/me/redpacket-rules'),
  send: (request: SendRedPacketRequest) =>
    api.post<RedPacketView>('/api/v1/me/redpackets', request),
  get: (id: string) => api.get<RedPacketView>(packetPath(id)),
  open: (id: string) => api.post<OpenedShare>(`${packetPath(id)}/open`),
  proof: (id: string) => api.get<RedPacketProof>(`${packetPath(id)}/proof`),
}

/** Sending a transfer: the preview (hints, arrival, a recipient who cannot receive), then send. */
export const transferSendApi = {
  preview: (request: TransferPreviewRequest) =>
    api.post<TransferPreview>('/api/v1/me/transfers/preview', request),
  send: (request: TransferRequest) => api.post<TransferView>('/api/v1/me/transfers', request),
}
