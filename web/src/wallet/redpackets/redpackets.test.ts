import { describe, expect, it } from 'vitest'
import { firstState } from './OpenSheet'
import { packetDraft } from './packet-draft'
import type { PacketForm } from './packet-draft'
import { readRedPacketCard } from './RedPacketBubble'
import type { RedPacketRulesView, RedPacketView } from './redpacket-api'

const RULES: RedPacketRulesView = {
  packetFenMax: 20_000,
  shareFenMin: 1,
  sharesMax: 100,
  expiryMs: 86_400_000,
  messageLengthMax: 30,
}

const form = (extra: Partial<PacketForm>): PacketForm => ({
  kind: 'lucky',
  amountFen: 1_000,
  sharesText: '3',
  recipientId: null,
  groupSize: 5,
  ...extra,
})

const codeOf = (result: ReturnType<typeof packetDraft>) =>
  result.ok ? 'OK' : (result.error?.localized.en ?? null)

describe('the red packet send form', () => {
  it('describes each kind as the server expects it', () => {
    expect(packetDraft(form({}), RULES)).toMatchObject({
      ok: true,
      totalFen: 1_000,
      request: { kind: 'lucky', totalFen: 1_000, shares: 3 },
    })
    // 普通 (fixed): the amount is per share, the total is shares × it.
    expect(packetDraft(form({ kind: 'fixed', amountFen: 500 }), RULES)).toMatchObject({
      ok: true,
      totalFen: 1_500,
      request: { kind: 'fixed', shareFen: 500, shares: 3 },
    })
    expect(packetDraft(form({ kind: 'exclusive', recipientId: 'u_b' }), RULES)).toMatchObject({
      ok: true,
      request: { kind: 'exclusive', totalFen: 1_000, recipientId: 'u_b' },
    })
    expect(packetDraft(form({ kind: 'single', sharesText: '' }), RULES)).toMatchObject({
      ok: true,
      shares: 1,
      request: { kind: 'single', totalFen: 1_000 },
    })
  })

  it('refuses what the rule pack refuses, naming the rule, before any password', () => {
    expect(codeOf(packetDraft(form({ amountFen: 20_001 }), RULES))).toMatch(/at most ¥200\.00/)
    expect(codeOf(packetDraft(form({ kind: 'fixed', amountFen: 10_000 }), RULES))).toMatch(
      /at most ¥200\.00/,
    )
    expect(codeOf(packetDraft(form({ amountFen: 2 }), RULES))).toMatch(/at least ¥0\.01/)
    expect(codeOf(packetDraft(form({ sharesText: '6' }), RULES))).toMatch(/members \(5\)/)
    expect(codeOf(packetDraft(form({ sharesText: '101', groupSize: 500 }), RULES))).toMatch(
      /At most 100 shares/,
    )
    expect(codeOf(packetDraft(form({ kind: 'exclusive' }), RULES))).toMatch(/Choose the member/)
    expect(packetDraft(form({ amountFen: 20_000, sharesText: '5' }), RULES).ok).toBe(true)
  })

  it('says nothing while a field is still empty', () => {
    expect(packetDraft(form({ amountFen: null }), RULES)).toEqual({ ok: false, error: null })
    expect(packetDraft(form({ sharesText: '' }), RULES)).toEqual({ ok: false, error: null })
    expect(codeOf(packetDraft(form({ sharesText: '0' }), RULES))).toMatch(/number of shares/)
  })
})

function packet(extra: Partial<RedPacketView>): RedPacketView {
  return {
    id: 'rp_1',
    kind: 'lucky',
    split: 'double_average',
    senderId: 'u_a',
    senderName: 'A',
    conversationId: 'cv_1',
    recipientId: null,
    totalFen: 1_000,
    shares: 2,
    openedCount: 0,
    openedFen: 0,
    message: '恭喜发财',
    cover: 'classic',
    status: 'ACTIVE',
    createdAtMs: 0,
    expiresAtMs: 1,
    finishedAtMs: null,
    returnedFen: null,
    openings: [],
    myShare: null,
    fairness: { algorithm: 'lq-redpacket-v1', commitment: '0'.repeat(64), seed: null },
    ...extra,
  }
}

describe('tapping a red packet in the chat', () => {
  it('offers 開 on an open group packet, to the sender too', () => {
    expect(firstState(packet({}), 'u_b')).toMatchObject({ kind: 'ready' })
    expect(firstState(packet({}), 'u_a')).toMatchObject({ kind: 'ready' })
  })

  it('goes to the page once opened, or for the sender of a personal packet', () => {
    const mine = { slot: 0, userId: 'u_b', name: 'B', amountFen: 1, openedAtMs: 0, bestLuck: false }
    expect(firstState(packet({ myShare: mine }), 'u_b')).toBe('details')
    expect(firstState(packet({ kind: 'exclusive', recipientId: 'u_c' }), 'u_a')).toBe('details')
  })

  it('says kindly why it cannot be opened', () => {
    const refusal = (view: RedPacketView, me: string) => {
      const state = firstState(view, me)
      return state !== 'details' && state.kind === 'refused' ? state.refusal : state
    }
    expect(refusal(packet({ kind: 'exclusive', recipientId: 'u_c' }), 'u_b')).toBe(
      'REDPACKET_NOT_FOR_YOU',
    )
    expect(refusal(packet({ status: 'FINISHED' }), 'u_b')).toBe('REDPACKET_EMPTY')
    expect(refusal(packet({ status: 'EXPIRED' }), 'u_b')).toBe('REDPACKET_EXPIRED')
  })

  it('reads the card summary defensively', () => {
    expect(readRedPacketCard({ status: 'FINISHED', shares: 3, message: 'hi' })).toMatchObject({
      status: 'FINISHED',
      shares: 3,
      message: 'hi',
      cover: 'classic',
      recipientId: null,
    })
    expect(readRedPacketCard({ status: 7 })).toMatchObject({ status: 'ACTIVE', openedCount: null })
  })
})
