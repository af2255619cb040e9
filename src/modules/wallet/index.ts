/**
 * @module wallet
 * The balance (零钱): top-up, withdrawal (with the fee rule and free quota), the balance and its
 * record list, and the resolver that settles operations a bank left unanswered.
 */
export {
  type ConfirmPayment,
  createWalletService,
  DEFAULT_WALLET_RULES,
  type MoneyRequestInput,
  type Operation,
  type WalletRules,
  type WalletService,
} from './wallet.ts'
export { quoteWithdrawal, type WithdrawalQuote } from './fees.ts'
export { shanghaiDate, shanghaiDayRangeMs, shanghaiDayStartMs } from './shanghai-time.ts'
