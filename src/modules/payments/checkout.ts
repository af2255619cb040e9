/**
 * What the confirm page shows before the payment password: the merchant, the order or the
 * static code's limit, each method with whether it can pay this amount and why not (the
 * balance is short; the bank refused this card for online payments or over its limit on an
 * earlier payment today), the default method and the best coupon with what is left to pay.
 * Read-only: the payment itself re-checks all (and redeems the coupon in its transaction).
 */
import { ERROR_MESSAGES } from '../../shared/errors.ts'
import { shanghaiDayStartMs } from '../../shared/shanghai-time.ts'
import type { Card } from '../cards/index.ts'
import type { PaymentsContext } from './context.ts'
import { couponOffer, payableFen } from './coupon.ts'
import { limitState } from './limits.ts'
import { assertPayable, findOrderByToken } from './orders.ts'
import { storedSettings } from './pay-settings.ts'
import type { Checkout, CheckoutCoupon, MethodOption, PaymentMethod } from './payment-types.ts'
import { checkMerchantActive } from './start-payment.ts'
import { merchantOfStaticCode } from './static-codes.ts'

const CARD_REFUSALS = [
  'CARD_ONLINE_DISABLED',
  'BANK_LIMIT_EXCEEDED',
  'CARD_FROZEN',
  'CARD_EXPIRED',
  'CARD_CANCELLED',
  'CARD_LOCAL_ONLY',
]

export async function checkoutOrder(
  ctx: PaymentsContext,
  userId: string,
  token: string,
): Promise<Checkout> {
  const order = await findOrderByToken(ctx, token)
  const merchant = await ctx.merchants.get(order.merchant_id)
  checkMerchantActive(merchant)
  assertPayable(ctx, order)
  const amountFen = Number(order.amount_fen)
  const coupon = await checkoutCoupon(ctx, merchant.id, userId, amountFen)
  const payable = coupon?.payableFen ?? amountFen
  const { methods, defaultMethod } = await methodOptions(ctx, userId, payable)
  return {
    channel: 'ORDER',
    merchant: { id: merchant.id, name: merchant.storeName, category: merchant.category },
    order: {
      id: order.id,
      outTradeNo: order.out_trade_no,
      description: order.description,
      amountFen,
      status: 'NOTPAY',
      expiresAtMs: new Date(order.expires_at).getTime(),
    },
    amountFen,
    methods,
    defaultMethod,
    limit: null,
    coupon,
  }
}

export async function checkoutStatic(
  ctx: PaymentsContext,
  userId: string,
  merchantCode: string,
  amountFen: number | undefined,
): Promise<Checkout> {
  const merchant = await ctx.merchants.get(await merchantOfStaticCode(ctx, merchantCode))
  checkMerchantActive(merchant)
  const coupon =
    amountFen === undefined ? null : await checkoutCoupon(ctx, merchant.id, userId, amountFen)
  const payable = amountFen === undefined ? null : (coupon?.payableFen ?? amountFen)
  const { methods, defaultMethod } = await methodOptions(ctx, userId, payable)
  return {
    channel: 'STATIC',
    merchant: { id: merchant.id, name: merchant.storeName, category: merchant.category },
    order: null,
    amountFen: amountFen ?? null,
    methods,
    defaultMethod,
    limit: await limitState(ctx, 'STATIC_QR_DAILY', userId, ctx.rules.staticCodeDailyFenMax),
    coupon,
  }
}

async function checkoutCoupon(
  ctx: PaymentsContext,
  merchantId: string,
  userId: string,
  amountFen: number,
): Promise<CheckoutCoupon | null> {
  const offer = await couponOffer(ctx, merchantId, userId, amountFen)
  if (offer === null) return null
  return {
    campaignId: offer.campaignId,
    name: offer.name,
    discountFen: offer.discountFen,
    payableFen: payableFen(amountFen, offer),
    fundedBy: offer.fundedBy,
  }
}

async function methodOptions(
  ctx: PaymentsContext,
  userId: string,
  amountFen: number | null,
): Promise<{ methods: MethodOption[]; defaultMethod: PaymentMethod | null }> {
  const [account, cards, settings] = await Promise.all([
    ctx.balanceAccount(userId),
    ctx.cards.listCards(userId),
    storedSettings(ctx, userId),
  ])
  const availableFen = (await ctx.ledger.getBalance(account.id)).availableFen
  const balanceShort = amountFen !== null && availableFen < amountFen
  const methods: MethodOption[] = [
    {
      method: { kind: 'balance' },
      label: { zh: '零钱', en: 'Balance' },
      available: !balanceShort,
      reason: balanceShort
        ? {
            code: 'NOT_ENOUGH',
            message: ERROR_MESSAGES.NOT_ENOUGH,
            details: { availableFen, options: ['TOP_UP', 'PAY_BY_CARD'] },
          }
        : null,
    },
  ]
  const refusals = await recentCardRefusals(ctx, userId)
  for (const card of cards) methods.push(cardOption(card, refusals.get(card.id), amountFen))
  const preferred = settings.defaultMethod
  const defaultOption =
    methods.find(
      (option) =>
        option.available &&
        option.method.kind === preferred.kind &&
        (preferred.kind === 'balance' ||
          (option.method as { cardId: string }).cardId === preferred.cardId),
    ) ?? methods.find((option) => option.available)
  return { methods, defaultMethod: defaultOption?.method ?? null }
}

interface Refusal {
  code: string
  details: Record<string, unknown>
}

/** Today's latest bank refusal of each of the user's cards (from this module's own payments). */
async function recentCardRefusals(
  ctx: PaymentsContext,
  userId: string,
): Promise<Map<string, Refusal>> {
  const rows = await ctx.db
    .selectFrom('payments')
    .select(['card_id', 'failure_code', 'failure_details'])
    .where('user_id', '=', userId)
    .where('status', '=', 'FAILED')
    .where('method_kind', '=', 'card')
    .where('failure_code', 'in', CARD_REFUSALS)
    .where('created_at', '>=', new Date(shanghaiDayStartMs(ctx.clock.nowMs())))
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute()
  const refusals = new Map<string, Refusal>()
  for (const row of rows) {
    if (row.card_id === null || refusals.has(row.card_id)) continue
    refusals.set(row.card_id, {
      code: row.failure_code as string,
      details: row.failure_details ?? {},
    })
  }
  return refusals
}

function cardOption(
  card: Card,
  refusal: Refusal | undefined,
  amountFen: number | null,
): MethodOption {
  const kind =
    card.cardType === 'DEBIT' ? { zh: '储蓄卡', en: 'debit' } : { zh: '信用卡', en: 'credit' }
  const option: MethodOption = {
    method: { kind: 'card', cardId: card.id, bankCode: card.bankCode, last4: card.last4 },
    label: {
      zh: `${card.bankName.zh}${kind.zh} (${card.last4})`,
      en: `${card.bankName.en} ${kind.en} (${card.last4})`,
    },
    available: true,
    reason: null,
  }
  if (refusal === undefined) return option
  if (refusal.code === 'BANK_LIMIT_EXCEEDED') {
    const limit = Number(
      refusal.details.scope === 'SINGLE' ? refusal.details.limitFen : refusal.details.remainingFen,
    )
    if (amountFen === null || !Number.isFinite(limit) || amountFen <= limit) return option
    return {
      ...option,
      available: false,
      reason: {
        code: 'BANK_LIMIT_EXCEEDED',
        message: ERROR_MESSAGES.BANK_LIMIT_EXCEEDED,
        details: refusal.details,
      },
    }
  }
  const code = refusal.code === 'CARD_ONLINE_DISABLED' ? 'CARD_ONLINE_DISABLED' : 'CARD_UNUSABLE'
  const message =
    code === 'CARD_ONLINE_DISABLED'
      ? ERROR_MESSAGES.CARD_ONLINE_DISABLED
      : (ERROR_MESSAGES[refusal.code as keyof typeof ERROR_MESSAGES] ??
        ERROR_MESSAGES.BANK_DECLINED)
  return {
    ...option,
    available: false,
    reason: { code, message, details: { bankCode: refusal.code } },
  }
}
