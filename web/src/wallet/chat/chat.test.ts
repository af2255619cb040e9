import { describe, expect, it } from 'vitest'
import { translate } from '../../shared/i18n'
import type { I18n } from '../../shared/i18n'
import { cardHref, readSummary } from './CardBubble'
import type { MessageView } from './chat-api'
import { messagePreview } from './ChatsPage'
import { mergeMessages } from './useConversation'

function message(id: number, extra: Partial<MessageView> = {}): MessageView {
  return {
    id,
    conversationId: 'cv_1',
    senderId: 'u_a',
    kind: 'text',
    text: `m${id}`,
    card: null,
    createdAtMs: id,
    updatedAtMs: id,
    ...extra,
  }
}

const zh = { lang: 'zh', t: (key, vars) => translate('zh', key, vars) } as I18n

describe('chat bubbles and lists', () => {
  it('cards lead to the transfer or red packet page of their ref', () => {
    expect(cardHref({ kind: 'transfer', refId: 'tr_1', summary: {} })).toBe('/transfers/tr_1')
    expect(cardHref({ kind: 'redpacket', refId: 'rp/2', summary: {} })).toBe('/redpackets/rp%2F2')
  })

  it('reads only well-typed summary fields', () => {
    expect(readSummary({ amountFen: 1200, note: '午饭', status: 'accepted', cover: 3 })).toEqual({
      amountFen: 1200,
      note: '午饭',
      status: 'accepted',
    })
    expect(readSummary({ amountFen: '12', statusText: { zh: '已领完' } })).toEqual({})
  })

  it('merges live and fetched messages by id, oldest first', () => {
    const merged = mergeMessages([message(3), message(1)], [message(2), message(3, { text: 'x' })])
    expect(merged.map((m) => [m.id, m.text])).toEqual([
      [1, 'm1'],
      [2, 'm2'],
      [3, 'x'],
    ])
  })

  it('previews text, cards and one’s own messages', () => {
    expect(messagePreview(zh, null, 'u_a')).toBe('暂无消息')
    expect(messagePreview(zh, message(1), 'u_b')).toBe('m1')
    expect(messagePreview(zh, message(1), 'u_a')).toBe('我: m1')
    const card = message(2, {
      kind: 'redpacket',
      text: null,
      card: { kind: 'redpacket', refId: 'rp', summary: {} },
    })
    expect(messagePreview(zh, card, 'u_b')).toBe('[红包]')
  })
})
