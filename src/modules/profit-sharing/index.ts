/**
 * @module profit-sharing
 * 分账 (issue 13, reference §6.8): a merchant shares the money of payments placed with
 * settle_info.profit_sharing = true with its receivers — other Lingqian merchants (into their
 * merchant_pending, settled to them T+1) and wallet users (into their balance). A paid payment's
 * net waits in the merchant's merchant_sharing_frozen account, out of settlement's reach, until
 * it is shared, unfrozen, or unfrozen automatically after 30 days; every split is a ledger
 * transfer (codes PROFIT_SHARING, PROFIT_SHARING_RETURN) whose metadata names the order. Orders,
 * unfreezes and returns are idempotent by the merchant's numbers and claim their amounts
 * atomically with the row that records them.
 *
 * @example
 * const sharing = createProfitSharingService({ db, clock, ledger, secrets, merchants, payments,
 *   balanceAccount: wallet.balanceAccount })
 * await sharing.registerForSharing(mchid, outTradeNo)        // when the order is placed
 * await sharing.addReceiver(mchid, { appId, target: { type: 'MERCHANT_ID', account: other },
 *   name: '另一家有限公司', relationType: 'PARTNER' })
 * const order = await sharing.share(mchid, { paymentId, outOrderNo: 'P1', unfreezeUnsplit: true,
 *   receivers: [{ type: 'MERCHANT_ID', account: other, amountFen: 300, description: '分给伙伴' }] })
 */
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import {
  DEFAULT_PROFIT_SHARING_RULES,
  type ProfitSharingContext,
  type ProfitSharingDb,
  type ProfitSharingRules,
} from './context.ts'
import { getSharingOrder } from './order-rows.ts'
import { type ShareInput, shareOrder, type UnfreezeInput, unfreezeOrder } from './orders.ts'
import { addReceiver, deleteReceiver, type ReceiverInput, type ReceiverType } from './receivers.ts'
import { getReturn, type ReturnInput, returnShare } from './returns.ts'
import { holdBeforeSettling } from './settlement-hook.ts'
import { registerForSharing, unsplitFen } from './sharing-payments.ts'

export { FROZEN_PURPOSE } from './accounts.ts'
export { DEFAULT_PROFIT_SHARING_RULES, type ProfitSharingRules } from './context.ts'
export type { SharingOrder, SharingOrderReceiver } from './order-rows.ts'
export type { ShareInput, UnfreezeInput } from './orders.ts'
export {
  RECEIVER_TYPES,
  RELATION_TYPES,
  type Receiver,
  type ReceiverInput,
  type ReceiverTarget,
  type ReceiverType,
  type RelationType,
} from './receivers.ts'
export type { ReturnInput, SharingReturn } from './returns.ts'

export interface ProfitSharingDeps extends Omit<ProfitSharingContext, 'db' | 'rules'> {
  db: Db
  clock: Clock
  ledger: Ledger
  secrets: SecretBox
  balanceAccount: (userId: string) => Promise<Account>
  rules?: Partial<ProfitSharingRules>
}

export function createProfitSharingService(deps: ProfitSharingDeps) {
  const ctx: ProfitSharingContext = {
    ...deps,
    db: deps.db as ProfitSharingDb,
    rules: { ...DEFAULT_PROFIT_SHARING_RULES, ...deps.rules },
  }
  return {
    /** Idempotent; call when an order is placed with settle_info.profit_sharing = true. */
    registerForSharing: (merchantId: string, outTradeNo: string) =>
      registerForSharing(ctx, merchantId, outTradeNo),
    addReceiver: (merchantId: string, input: ReceiverInput) => addReceiver(ctx, merchantId, input),
    deleteReceiver: (merchantId: string, type: ReceiverType, account: string) =>
      deleteReceiver(ctx, merchantId, type, account),
    share: (merchantId: string, input: ShareInput) => shareOrder(ctx, merchantId, input),
    unfreeze: (merchantId: string, input: UnfreezeInput) => unfreezeOrder(ctx, merchantId, input),
    /** NOT_FOUND unless the merchant's order (of that payment, when given). */
    getOrder: (merchantId: string, outOrderNo: string, paymentId?: string) =>
      getSharingOrder(ctx, merchantId, { outOrderNo }, paymentId),
    /** What is left to share of the payment: 0 when it was not placed for sharing. */
    unsplitFen: (merchantId: string, paymentId: string) => unsplitFen(ctx, merchantId, paymentId),
    returnShare: (merchantId: string, input: ReturnInput) => returnShare(ctx, merchantId, input),
    getReturn: (merchantId: string, outReturnNo: string, outOrderNo: string) =>
      getReturn(ctx, merchantId, outReturnNo, outOrderNo),
    /** Settlement's hook: freeze what was paid, finish what a crash interrupted. */
    holdBeforeSettling: (merchantId: string) => holdBeforeSettling(ctx, merchantId),
    rules: (): Readonly<ProfitSharingRules> => ctx.rules,
  }
}

export type ProfitSharingService = ReturnType<typeof createProfitSharingService>
