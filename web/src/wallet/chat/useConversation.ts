import { useCallback, useEffect, useRef, useState } from 'react'
import { chatApi } from './chat-api'
import type { ConversationDetail, LiveEvent, MessageView } from './chat-api'
import { useLiveEvents } from './useLiveEvents'

export interface ConversationState {
  detail: ConversationDetail | null
  /** Oldest first, as the page shows them. */
  messages: MessageView[]
  hasOlder: boolean
  error: unknown
  connected: boolean
  loadOlder: () => Promise<void>
  add: (message: MessageView) => void
}

/** Merges messages by id (a live event and a send can both bring the same one), oldest first. */
export function mergeMessages(current: MessageView[], incoming: MessageView[]): MessageView[] {
  const byId = new Map(current.map((message) => [message.id, message]))
  for (const message of incoming) byId.set(message.id, message)
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/** One conversation: its members, messages kept current by live events, marked read as seen. */
export function useConversation(conversationId: string): ConversationState {
  const [detail, setDetail] = useState<ConversationDetail | null>(null)
  const [messages, setMessages] = useState<MessageView[]>([])
  const [hasOlder, setHasOlder] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const lastId = useRef(0)
  const add = useCallback((incoming: MessageView[] | MessageView) => {
    const list = Array.isArray(incoming) ? incoming : [incoming]
    for (const message of list) lastId.current = Math.max(lastId.current, message.id)
    setMessages((current) => mergeMessages(current, list))
  }, [])

  useEffect(() => {
    let active = true
    Promise.all([chatApi.conversation(conversationId), chatApi.messages(conversationId, {})]).then(
      ([loaded, page]) => {
        if (!active) return
        setDetail(loaded)
        setHasOlder(page.hasMore)
        add(page.messages)
        void chatApi.markRead(conversationId)
      },
      (caught: unknown) => active && setError(caught),
    )
    return () => {
      active = false
    }
  }, [conversationId, add])

  const catchUp = useCallback(async () => {
    const page = await chatApi.messages(conversationId, { afterId: lastId.current })
    add(page.messages)
    if (page.messages.length > 0) void chatApi.markRead(conversationId)
  }, [conversationId, add])

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (!('conversationId' in event) || event.conversationId !== conversationId) return
      if (event.type === 'message') void catchUp().catch(setError)
      if (event.type === 'card')
        void chatApi.message(conversationId, event.messageId).then(add, setError)
      if (event.type === 'conversation')
        void chatApi.conversation(conversationId).then(setDetail, setError)
    },
    [conversationId, add, catchUp],
  )
  const { connected } = useLiveEvents(onEvent)

  const loadOlder = useCallback(async () => {
    const oldest = messages[0]
    if (oldest === undefined) return
    const page = await chatApi.messages(conversationId, { beforeId: oldest.id })
    setHasOlder(page.hasMore)
    add(page.messages)
  }, [conversationId, messages, add])

  return { detail, messages, hasOlder, error, connected, loadOlder, add }
}
