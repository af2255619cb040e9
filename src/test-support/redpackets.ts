/** Red-packet test helpers: money on a balance without a bank, the sender's confirmation. */
import type { App } from '../app.ts'
import type { SendRedPacketInput } from '../modules/redpackets/index.ts'
import { TEST_PAYMENT_PASSWORD } from './wallet-user.ts'

let fundingSequence = 0

/** Puts `amountFen` on the user's balance from the platform's funding account. */
export async function fundBalance(app: App, userId: string, amountFen: number): Promise<void> {
  const funding = await app.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'funding',
    currency: 'CNY',
  })
  const balance = await app.wallet.balanceAccount(userId)
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `test-funding-${process.pid}-${++fundingSequence}-${userId}`,
    code: 'DEMO_FUNDING',
    legs: [{ debitAccountId: funding!.id, creditAccountId: balance.id, amountFen }],
  })
}

let packetSequence = 0

/** A send request confirmed with the test payment password. */
export function packetRequest(
  input: Omit<SendRedPacketInput, 'idempotencyKey' | 'method'> & { idempotencyKey?: string },
): SendRedPacketInput {
  return {
    idempotencyKey: `rp-test-${++packetSequence}`,
    method: { kind: 'password', password: TEST_PAYMENT_PASSWORD },
    ...input,
  }
}

/** What the user can spend, in fen. */
export async function availableFen(app: App, userId: string): Promise<number> {
  return (await app.wallet.getBalance(userId)).availableFen
}

/** What escrow:redpacket holds, in fen. */
export async function escrowFen(app: App): Promise<number> {
  const escrow = await app.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'escrow:redpacket',
    currency: 'CNY',
  })
  return (await app.ledger.getBalance(escrow!.id)).postedFen
}
