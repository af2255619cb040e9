/**
 * @module job-kinds
 * The kinds of job the app registers (src/app.ts `wireJobs`), in one list the server and the
 * admin console both read: the app registers only these, and the console labels every one in
 * both languages (a test fails when one is missing or when the app registers another).
 */

export const APP_JOB_KINDS = [
  'ledger.expire-pending',
  'wallet.resolve-bank',
  'jobs.prune-done',
  'limits.prune-idle',
  'refunds.resolve',
  'refunds.escalate-requests',
  // Transfers: one job per deadline of a transfer, and the resolver of unsettled ones.
  'transfers.arrive',
  'transfers.expire',
  'transfers.resolve',
  'records.backfill-wallet',
  'payments.resolve',
  // Settlement (merchant-money)
  'settlement.run',
  'settlement.resolve-payouts',
  // Red packets (src/modules/redpackets): the 24-hour return per packet and the recovery sweep.
  'redpackets.expire',
  'redpackets.recover',
  // v3 notifications (src/modules/notifications): the delivery pass and the v3 refund sweep.
  'notifications.deliver',
  'notifications.watch-refunds',
] as const
export type AppJobKind = (typeof APP_JOB_KINDS)[number]

/** Kinds that run once (an upgrade step) rather than recur: done, not pending, after a run. */
export const APP_ONE_TIME_JOB_KINDS: readonly AppJobKind[] = ['records.backfill-wallet']

/** Kinds scheduled per item (a transfer's deadline, a red packet's return), not recurring. */
export const APP_PER_ITEM_JOB_KINDS: readonly AppJobKind[] = [
  'transfers.arrive',
  'transfers.expire',
  'redpackets.expire',
]
