/**
 * Who or what a transfer goes to, checked before the sender is asked to pay: a wallet user
 * (verified, not frozen or restricted), a phone number (its verified owner, else a claim the
 * owner makes after signing up and passing real-name), or a debit card of a supported bank.
 */
import {
  cardLast4,
  isCardNumberFormat,
  lookupBin,
  luhnValid,
  normalizeCardNumber,
} from '../../shared/bank-card.ts'
import { DomainError } from '../../shared/errors.ts'
import { normalizePhone, type User } from '../identity/index.ts'
import type { TransfersContext } from './context.ts'

export type Destination =
  | { kind: 'user'; userId: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'card'; cardId: string }
  | { kind: 'card'; cardNumber: string; holderName: string }

export type Recipient =
  | { kind: 'USER'; user: User }
  | { kind: 'PHONE'; phone: string }
  | {
      kind: 'CARD'
      bankCode: string
      last4: string
      holderName: string
      cardNumber: string
      own: boolean
    }

export const HOLDER_NAME_LENGTH_MAX = 30

/** A real name as others see it: 李娜 → *娜, 欧阳修 → **修. */
export function maskName(name: string | null): string {
  if (name === null || name.length === 0) return '零钱用户'
  const characters = [...name]
  return `${'*'.repeat(Math.max(1, characters.length - 1))}${characters.at(-1)}`
}

/** Refuses, before the sender pays, a recipient the money could not reach. */
export function assertCanReceive(ctx: TransfersContext, user: User): void {
  if (user.status === 'frozen') throw new DomainError('RECIPIENT_FROZEN')
  if (user.status === 'restricted' && !ctx.rules.restrictedMayReceive)
    throw new DomainError('RECIPIENT_CANNOT_RECEIVE', { reason: 'RESTRICTED' })
  if (!user.verified || user.accountClass === 0)
    throw new DomainError('RECIPIENT_CANNOT_RECEIVE', { reason: 'UNVERIFIED' })
}

export async function resolveRecipient(
  ctx: TransfersContext,
  sender: User,
  to: Destination,
): Promise<Recipient> {
  if (to.kind === 'user') {
    if (to.userId === sender.id) throw new DomainError('TRANSFER_SELF_NOT_ALLOWED')
    const user = await ctx.identity.getUser(to.userId)
    assertCanReceive(ctx, user)
    return { kind: 'USER', user }
  }
  if (to.kind === 'phone') {
    const phone = normalizePhone(to.phone)
    if (phone === sender.phone) throw new DomainError('TRANSFER_SELF_NOT_ALLOWED')
    const user = await ctx.identity.findUserByPhone(phone)
    // A verified owner gets it like any transfer; anyone else claims it after real-name.
    if (user !== undefined && user.status === 'frozen') throw new DomainError('RECIPIENT_FROZEN')
    if (user !== undefined && user.verified) {
      assertCanReceive(ctx, user)
      return { kind: 'USER', user }
    }
    return { kind: 'PHONE', phone }
  }
  return resolveCard(ctx, sender, to)
}

async function resolveCard(
  ctx: TransfersContext,
  sender: User,
  to: Extract<Destination, { kind: 'card' }>,
): Promise<Recipient> {
  if ('cardId' in to) {
    const card = await ctx.cards.cardForBank(sender.id, to.cardId)
    if (card.cardType !== 'DEBIT') throw new DomainError('CARD_TYPE_NOT_ALLOWED')
    const holderName = sender.realName ?? ''
    return { kind: 'CARD', ...card, holderName, own: true }
  }
  const cardNumber = normalizeCardNumber(to.cardNumber)
  if (!isCardNumberFormat(cardNumber) || !luhnValid(cardNumber))
    throw new DomainError('CARD_NUMBER_INVALID')
  const bin = lookupBin(cardNumber)
  if (bin === undefined || !bin.supported) throw new DomainError('CARD_NOT_SUPPORTED')
  // Money to a credit card is a repayment, not a transfer.
  if (bin.cardType !== 'DEBIT') throw new DomainError('CARD_TYPE_NOT_ALLOWED')
  const holderName = to.holderName.trim()
  if (holderName.length === 0 || holderName.length > HOLDER_NAME_LENGTH_MAX)
    throw new DomainError('INVALID_REQUEST', { reason: 'holderName: 1-30 characters' })
  return {
    kind: 'CARD',
    bankCode: bin.bankCode,
    last4: cardLast4(cardNumber),
    holderName,
    cardNumber,
    // Only a bound card is known to be the sender's own (the bank checked its holder).
    own: false,
  }
}
