/**
 * Sandbox signature faults (issue 13, "Sandbox"): a merchant asks that its next N notifications
 * carry a bad signature ('garbled') or a `WECHATPAY/SIGNTEST/` probe, to see its verification
 * refuse them. Each delivery takes one, atomically (a conditional decrement).
 */
import { DomainError } from '../../shared/errors.ts'
import { type NotificationsContext, SIGNATURE_FAULTS, type SignatureFault } from './context.ts'

export const SIGNATURE_FAULTS_MAX = 100

export async function setSignatureFaults(
  ctx: NotificationsContext,
  merchantId: string,
  mode: SignatureFault,
  count: number,
): Promise<{ mode: SignatureFault; remaining: number }> {
  if (!SIGNATURE_FAULTS.includes(mode)) throw new DomainError('INVALID_REQUEST', { field: 'mode' })
  if (!Number.isInteger(count) || count < 0 || count > SIGNATURE_FAULTS_MAX)
    throw new DomainError('INVALID_REQUEST', { field: 'count', max: SIGNATURE_FAULTS_MAX })
  const nowMs = ctx.clock.nowMs()
  await ctx.db
    .insertInto('notification_signature_faults')
    .values({ merchant_id: merchantId, mode, remaining: count, updated_at_ms: nowMs })
    .onConflict((conflict) =>
      conflict.column('merchant_id').doUpdateSet({ mode, remaining: count, updated_at_ms: nowMs }),
    )
    .execute()
  return { mode, remaining: count }
}

export async function signatureFaults(ctx: NotificationsContext, merchantId: string) {
  const row = await ctx.db
    .selectFrom('notification_signature_faults')
    .select(['mode', 'remaining'])
    .where('merchant_id', '=', merchantId)
    .executeTakeFirst()
  return { mode: (row?.mode ?? 'garbled') as SignatureFault, remaining: row?.remaining ?? 0 }
}

export async function takeSignatureFault(
  ctx: NotificationsContext,
  merchantId: string,
): Promise<SignatureFault | undefined> {
  const taken = await ctx.db
    .updateTable('notification_signature_faults')
    .set((eb) => ({ remaining: eb('remaining', '-', 1), updated_at_ms: ctx.clock.nowMs() }))
    .where('merchant_id', '=', merchantId)
    .where('remaining', '>', 0)
    .returning('mode')
    .executeTakeFirst()
  return taken?.mode as SignatureFault | undefined
}
