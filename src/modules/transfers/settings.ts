/**
 * 延时到账 (delayed arrival), the sender's own setting against fraud: real time, 2 hours or
 * 24 hours. During the delay the sender can cancel and get the money back, the recipient does
 * not see it, and the receipt says it is not real time (银发〔2019〕85号). Changing it asks
 * for the payment password, so a scammer on the phone cannot talk the victim out of it quietly.
 */
import { DomainError } from '../../shared/errors.ts'
import { DELAY_HOURS_OPTIONS, type DelayHours, type TransfersContext } from './context.ts'

export async function delayHoursOf(ctx: TransfersContext, userId: string): Promise<DelayHours> {
  const row = await ctx.db
    .selectFrom('transfer_settings')
    .select('delay_hours')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return (row === undefined ? 0 : Number(row.delay_hours)) as DelayHours
}

export async function setDelayHours(
  ctx: TransfersContext,
  userId: string,
  request: { delayHours: number; paymentPassword: string; ip?: string },
): Promise<DelayHours> {
  const delayHours = request.delayHours as DelayHours
  if (!DELAY_HOURS_OPTIONS.includes(delayHours))
    throw new DomainError('INVALID_REQUEST', { reason: 'delayHours: 0, 2 or 24' })
  await ctx.security.verifyPaymentPassword(userId, request.paymentPassword, request.ip)
  const now = new Date(ctx.clock.nowMs())
  await ctx.db
    .insertInto('transfer_settings')
    .values({ user_id: userId, delay_hours: delayHours, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('user_id').doUpdateSet({ delay_hours: delayHours, updated_at: now }),
    )
    .execute()
  return delayHours
}
