/**
 * The customer's pay settings: 免密 (passwordless small payments by payment code) with a
 * per-payment and a per-day limit inside the rule pack's ceilings (C level: ≤ ¥1,000 a day),
 * the payment code on or off, and the method a payment code charges by default. Turning 免密 on
 * or raising a limit takes the payment password; turning things off never does.
 */
import { DomainError } from '../../shared/errors.ts'
import type { PaymentsContext } from './context.ts'
import { limitState } from './limits.ts'
import type { PayMethod, PaySettings, PaySettingsUpdate } from './payment-types.ts'

export interface StoredSettings {
  passwordlessEnabled: boolean
  perPaymentFen: number
  dailyFen: number
  paymentCodeEnabled: boolean
  defaultMethod: PayMethod
}

export async function storedSettings(
  ctx: PaymentsContext,
  userId: string,
): Promise<StoredSettings> {
  const row = await ctx.db
    .selectFrom('pay_settings')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst()
  const { rules } = ctx
  if (row === undefined) {
    return {
      passwordlessEnabled: false,
      perPaymentFen: rules.passwordlessPerPaymentFenDefault,
      dailyFen: rules.passwordlessDailyFenDefault,
      paymentCodeEnabled: true,
      defaultMethod: { kind: 'balance' },
    }
  }
  return {
    passwordlessEnabled: row.passwordless_enabled,
    // A rule pack lowered after the user chose: the lower ceiling holds.
    perPaymentFen: Math.min(
      Number(row.passwordless_per_payment_fen),
      rules.passwordlessPerPaymentFenMax,
    ),
    dailyFen: Math.min(Number(row.passwordless_daily_fen), rules.passwordlessDailyFenMax),
    paymentCodeEnabled: row.payment_code_enabled,
    defaultMethod:
      row.default_method_kind === 'card' && row.default_card_id !== null
        ? { kind: 'card', cardId: row.default_card_id }
        : { kind: 'balance' },
  }
}

export async function paySettings(ctx: PaymentsContext, userId: string): Promise<PaySettings> {
  const stored = await storedSettings(ctx, userId)
  const today = await limitState(ctx, 'PASSWORDLESS_DAILY', userId, stored.dailyFen)
  let defaultMethod: PaySettings['defaultMethod'] = { kind: 'balance' }
  if (stored.defaultMethod.kind === 'card') {
    const card = (await ctx.cards.listCards(userId)).find(
      (each) => each.id === (stored.defaultMethod as { cardId: string }).cardId,
    )
    if (card !== undefined)
      defaultMethod = { kind: 'card', cardId: card.id, bankCode: card.bankCode, last4: card.last4 }
  }
  return {
    passwordless: {
      enabled: stored.passwordlessEnabled,
      perPaymentFen: stored.perPaymentFen,
      dailyFen: stored.dailyFen,
      perPaymentMaxFen: ctx.rules.passwordlessPerPaymentFenMax,
      dailyMaxFen: ctx.rules.passwordlessDailyFenMax,
      usedTodayFen: Math.max(0, stored.dailyFen - today.remainingFen),
      resetsAtMs: today.resetsAtMs,
    },
    paymentCodeEnabled: stored.paymentCodeEnabled,
    defaultMethod,
  }
}

export async function updatePaySettings(
  ctx: PaymentsContext,
  userId: string,
  update: PaySettingsUpdate,
): Promise<PaySettings> {
  const before = await storedSettings(ctx, userId)
  const next: StoredSettings = { ...before }
  if (update.passwordless !== undefined) {
    next.passwordlessEnabled = update.passwordless.enabled
    next.perPaymentFen = update.passwordless.perPaymentFen ?? before.perPaymentFen
    next.dailyFen = update.passwordless.dailyFen ?? before.dailyFen
  }
  if (update.paymentCodeEnabled !== undefined) next.paymentCodeEnabled = update.paymentCodeEnabled
  if (update.defaultMethod !== undefined) next.defaultMethod = update.defaultMethod
  const { rules } = ctx
  if (next.perPaymentFen < 1 || next.perPaymentFen > rules.passwordlessPerPaymentFenMax) {
    throw new DomainError('INVALID_REQUEST', {
      field: 'perPaymentFen',
      maxFen: rules.passwordlessPerPaymentFenMax,
    })
  }
  if (next.dailyFen < 1 || next.dailyFen > rules.passwordlessDailyFenMax) {
    throw new DomainError('INVALID_REQUEST', {
      field: 'dailyFen',
      maxFen: rules.passwordlessDailyFenMax,
    })
  }
  if (next.defaultMethod.kind === 'card') {
    const cardId = next.defaultMethod.cardId
    if (!(await ctx.cards.listCards(userId)).some((card) => card.id === cardId)) {
      throw new DomainError('CARD_NOT_FOUND')
    }
  }
  const riskier =
    (next.passwordlessEnabled && !before.passwordlessEnabled) ||
    (next.passwordlessEnabled &&
      (next.perPaymentFen > before.perPaymentFen || next.dailyFen > before.dailyFen))
  if (riskier) {
    if (update.paymentPassword === undefined)
      throw new DomainError('INVALID_REQUEST', {
        field: 'paymentPassword',
        reason: 'required to turn 免密 on or raise its limits',
      })
    await ctx.security.verifyPaymentPassword(userId, update.paymentPassword, update.ip)
  }
  const values = {
    passwordless_enabled: next.passwordlessEnabled,
    passwordless_per_payment_fen: next.perPaymentFen,
    passwordless_daily_fen: next.dailyFen,
    payment_code_enabled: next.paymentCodeEnabled,
    default_method_kind: next.defaultMethod.kind,
    default_card_id: next.defaultMethod.kind === 'card' ? next.defaultMethod.cardId : null,
    updated_at: new Date(ctx.clock.nowMs()),
  }
  await ctx.db
    .insertInto('pay_settings')
    .values({ user_id: userId, ...values })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
    .execute()
  return paySettings(ctx, userId)
}
