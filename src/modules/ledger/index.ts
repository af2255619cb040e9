/**
 * @module ledger
 * The double-entry ledger: the only writer of ledger rows. Every movement of money in Lingqian
 * is a balanced transfer created here.
 *
 * @example
 * const ledger = createLedger({ database, clock })
 * const wallet = await ledger.openAccount({ ownerKind: 'user', ownerId: 'u1', purpose: 'balance',
 *   currency: 'CNY', debitsMustNotExceedCredits: true })
 * await ledger.createTransfer({ kind: 'posted', idempotencyKey: 'topup-1', code: 'TOPUP',
 *   legs: [{ debitAccountId: clearing.id, creditAccountId: wallet.id, amountFen: 10_000 }] })
 */
export { createLedger, type Ledger, type LedgerDeps } from './ledger.ts'
export type { LedgerCheckReport } from './ledger-check.ts'
export { QueueFullError } from './coalescer.ts'
export type { BatchPath } from './ledger-writer.ts'
export * from './ledger-types.ts'
