import type { ReactNode } from 'react'
import { matchPath } from '../../shared/router'
import { SendTransferPage } from '../transfers/SendTransferPage'
import { RedPacketPage } from './RedPacketPage'
import { SendRedPacketPage } from './SendRedPacketPage'
import './redpackets.css'

/** Sending money between people (signed-in users only): transfers and red packets. */
export const SEND_PAGES: Readonly<Record<string, () => ReactNode>> = {
  '/transfers/new': SendTransferPage,
  '/redpackets/new': SendRedPacketPage,
}

/** A red packet's page by id; undefined for any other path. */
export function redPacketPage(path: string): (() => ReactNode) | undefined {
  const id = matchPath('/redpackets/:id', path)?.id
  if (id === undefined || id === 'new') return undefined
  return () => <RedPacketPage key={id} packetId={id} />
}
