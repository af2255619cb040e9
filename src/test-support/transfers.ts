/** Helpers for transfer tests: funding a balance from the platform, sending and acting over HTTP. */
import { expect } from 'vitest'
import type { TestApp } from './app.ts'
import type { SignedIn } from './identity.ts'
import { TEST_PAYMENT_PASSWORD } from './wallet-user.ts'

let fundingSequence = 0
let keySequence = 0

/** Credits `amountFen` to the user's balance from the platform's funding account (posted). */
export async function fundBalance(app: TestApp, userId: string, amountFen: number): Promise<void> {
  const funding = await app.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'funding',
    currency: 'CNY',
  })
  const balance = await app.wallet.balanceAccount(userId)
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `test-funding:${userId}:${++fundingSequence}`,
    code: 'DEMO_FUNDING',
    legs: [{ debitAccountId: funding?.id ?? 0, creditAccountId: balance.id, amountFen }],
  })
}

export function sendTransfer(
  app: TestApp,
  sender: SignedIn,
  to: Record<string, unknown>,
  amountFen: number,
  options: { idempotencyKey?: string; note?: string; password?: string } = {},
) {
  return app.server.inject({
    method: 'POST',
    url: '/api/v1/me/transfers',
    headers: sender.auth,
    payload: {
      idempotencyKey: options.idempotencyKey ?? `tk-${++keySequence}`,
      to,
      amountFen,
      ...(options.note !== undefined ? { note: options.note } : {}),
      method: { kind: 'password', password: options.password ?? TEST_PAYMENT_PASSWORD },
    },
  })
}

export function transferAction(
  app: TestApp,
  user: SignedIn,
  transferId: string,
  action: 'accept' | 'return' | 'cancel',
) {
  return app.server.inject({
    method: 'POST',
    url: `/api/v1/me/transfers/${transferId}/${action}`,
    headers: user.auth,
  })
}

export async function availableFen(app: TestApp, userId: string): Promise<number> {
  return (await app.wallet.getBalance(userId)).availableFen
}

/** The books: the ledger check is clean and escrow holds exactly what waiting transfers owe. */
export async function expectTransferBooksExact(app: TestApp): Promise<void> {
  const report = await app.ledger.check()
  expect(report.problems).toEqual([])
  const escrow = await app.ledger.getBalance(app.transfers.escrowAccountId)
  expect(escrow.postedFen).toBe(await app.transfers.escrowOwedFen())
}
