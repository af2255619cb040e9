/**
 * Each merchant's static code (收款码): an unguessable code in a printed QR
 * (`<publicUrl>/pay/m/<code>`), made once on first use and never changed.
 */
import { DomainError } from '../../shared/errors.ts'
import type { PaymentsContext } from './context.ts'
import { newStaticCode } from './ids.ts'
import type { StaticCode } from './payment-types.ts'

export async function staticCode(ctx: PaymentsContext, merchantId: string): Promise<StaticCode> {
  await ctx.merchants.get(merchantId)
  await ctx.db
    .insertInto('payment_static_codes')
    .values({
      merchant_id: merchantId,
      code: newStaticCode(),
      created_at: new Date(ctx.clock.nowMs()),
    })
    .onConflict((conflict) => conflict.column('merchant_id').doNothing())
    .execute()
  const row = await ctx.db
    .selectFrom('payment_static_codes')
    .select('code')
    .where('merchant_id', '=', merchantId)
    .executeTakeFirstOrThrow()
  return {
    merchantCode: row.code,
    payUrl: `${ctx.publicUrl}/pay/m/${row.code}`,
    dailyLimitFen: ctx.rules.staticCodeDailyFenMax,
  }
}

export async function merchantOfStaticCode(ctx: PaymentsContext, code: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('payment_static_codes')
    .select('merchant_id')
    .where('code', '=', code)
    .executeTakeFirst()
  if (row === undefined) throw new DomainError('MERCHANT_NOT_FOUND')
  return row.merchant_id
}
