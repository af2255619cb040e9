/**
 * Telling people: a notice (and its SMS) to each wallet user a status change concerns, an SMS
 * to a phone that has no wallet yet, and the transfer's card in the chat. After the state
 * change committed; a failure here never undoes a money movement (it is logged by the caller).
 */
import { formatFen } from '../../shared/money.ts'
import type { TransfersContext } from './context.ts'
import type { PartyNames } from './transfer-records.ts'
import type { TransferRow } from './transfer-rows.ts'

function summary(row: TransferRow) {
  return { amountFen: Number(row.amount_fen), note: row.note, status: row.status.toLowerCase() }
}

/** The transfer reached its recipient (at once, or when the delay passed). */
export async function announceArrival(
  ctx: TransfersContext,
  row: TransferRow,
  names: PartyNames,
): Promise<void> {
  const detail = { transferId: row.id, amountFen: Number(row.amount_fen) }
  if (row.recipient_user_id !== null) {
    await ctx.identity.notify(row.recipient_user_id, 'transfer_received', detail)
    await ctx.chat.postCard({
      senderId: row.sender_id,
      recipientId: row.recipient_user_id,
      refId: row.id,
      summary: summary(row),
    })
    return
  }
  if (row.recipient_phone !== null) {
    const yuan = formatFen(Number(row.amount_fen))
    await ctx.sms.send(
      row.recipient_phone,
      `【零钱】${names.sender}通过零钱向你转账 ¥${yuan}。24 小时内用本手机号注册零钱并完成实名认证即可领取，逾期退还对方。` +
        ` ${names.sender} sent you ¥${yuan} with Lingqian: sign up with this number and verify` +
        ' your real name within 24 hours to claim it, or it goes back.',
    )
  }
}

/** A final state: who is told depends on how it ended. */
export async function announceSettled(ctx: TransfersContext, row: TransferRow): Promise<void> {
  const detail = { transferId: row.id, amountFen: Number(row.amount_fen) }
  if (row.status === 'ACCEPTED')
    await ctx.identity.notify(row.sender_id, 'transfer_accepted', detail)
  if (row.status === 'RETURNED')
    await ctx.identity.notify(row.sender_id, 'transfer_returned', detail)
  if (row.status === 'EXPIRED') {
    await ctx.identity.notify(row.sender_id, 'transfer_expired', detail)
    if (row.recipient_user_id !== null)
      await ctx.identity.notify(row.recipient_user_id, 'transfer_expired', detail)
  }
  if (row.kind === 'USER' && row.status !== 'CANCELLED')
    await ctx.chat.updateCard(row.id, summary(row))
}
