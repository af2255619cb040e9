/**
 * @module platform
 * The platform's own ledger accounts: where fees land, where money waits in escrow, and the
 * clearing accounts that mirror what each bank owes us. Opened at every start (idempotent).
 */
import type { Account, Ledger, OpenAccountRequest } from '../ledger/index.ts'

export const PLATFORM_OWNER_ID = 'platform'

/** Banks the wallet clears with; one clearing account each (the bank connector names them). */
export const CLEARING_BANKS = ['icbc', 'ccb', 'abc', 'boc', 'cmb', 'bocom'] as const

type PlatformAccountSpec = Omit<OpenAccountRequest, 'ownerKind' | 'ownerId' | 'currency'>

export const PLATFORM_ACCOUNTS: readonly PlatformAccountSpec[] = [
  // Fees earned (withdrawal fee, merchant fee): only ever credited by transfers.
  { purpose: 'fees' },
  // Money between sender and receiver: transfers waiting for 收款, red packets not yet grabbed.
  { purpose: 'escrow:transfer', debitsMustNotExceedCredits: true },
  { purpose: 'escrow:redpacket', debitsMustNotExceedCredits: true },
  // The 零钱通 money-market fund's side of users' yield balances.
  { purpose: 'lqt_fund' },
  // Coupon discounts the platform funds (merchant-money): only ever debited, goes negative.
  { purpose: 'marketing' },
  // Money the platform adds itself (demo funding, goodwill adjustments); goes negative.
  { purpose: 'funding' },
  ...CLEARING_BANKS.map((bank) => ({ purpose: `bank_clearing:${bank}` })),
]

export async function openPlatformAccounts(ledger: Ledger): Promise<Map<string, Account>> {
  const accounts = new Map<string, Account>()
  for (const spec of PLATFORM_ACCOUNTS) {
    const account = await ledger.openAccount({
      ...spec,
      ownerKind: 'platform',
      ownerId: PLATFORM_OWNER_ID,
      currency: 'CNY',
    })
    accounts.set(spec.purpose, account)
  }
  return accounts
}
