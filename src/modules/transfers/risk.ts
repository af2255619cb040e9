/**
 * The preview before confirming: who the money goes to (as the sender may see them), the fee,
 * when it arrives, and calm risk hints — a recipient who is not a contact, a first large
 * transfer to someone never paid before, a phone with no wallet yet, another person's card.
 * Hints warn, never block; a recipient who cannot receive is an error here, before paying.
 */
import type { TransfersContext } from './context.ts'
import { cardFeeFen } from './card-transfer.ts'
import { type Destination, maskName, resolveRecipient } from './recipients.ts'
import { loadSender } from './send.ts'
import { delayHoursOf } from './settings.ts'

export const RISK_HINTS = {
  NOT_A_CONTACT: {
    zh: '对方不是你的联系人。请确认你认识对方，谨防冒充熟人、客服或公检法的诈骗。',
    en: 'This person is not one of your contacts. Make sure you know them: scammers pose as friends, support staff or police.',
  },
  FIRST_LARGE_TRANSFER: {
    zh: '这是你第一次向对方转一笔较大的金额，请再次确认对方身份。',
    en: 'This is your first large transfer to this person; check who they are once more.',
  },
  NO_WALLET_YET: {
    zh: '该手机号尚未开通零钱。对方需在 24 小时内注册并实名认证才能领取，否则退还给你。',
    en: 'This number has no wallet yet: they must sign up and verify their real name within 24 hours to claim it, or it comes back to you.',
  },
  OTHER_PERSONS_CARD: {
    zh: '转到他人银行卡的钱一经到账无法追回，请确认卡号与户名。',
    en: "Money sent to someone else's card cannot be recalled once it arrives; check the number and name.",
  },
} as const
export type RiskHintCode = keyof typeof RISK_HINTS

export interface TransferPreview {
  recipient: { kind: 'USER' | 'PHONE' | 'CARD'; userId: string | null; displayName: string }
  amountFen: number
  feeFen: number
  totalDebitFen: number
  /** 延时到账 as set now; 0 is real time. */
  delayHours: number
  realTime: boolean
  availableAtMs: number
  expectedArrivalAtMs: number | null
  hints: { code: RiskHintCode; message: { zh: string; en: string } }[]
}

async function everCompletedTo(ctx: TransfersContext, senderId: string, recipientId: string) {
  const row = await ctx.db
    .selectFrom('transfers')
    .select('id')
    .where('sender_id', '=', senderId)
    .where('recipient_user_id', '=', recipientId)
    .where('status', '=', 'ACCEPTED')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export async function previewTransfer(
  ctx: TransfersContext,
  senderId: string,
  request: { to: Destination; amountFen: number },
): Promise<TransferPreview> {
  const sender = await loadSender(ctx, senderId)
  const recipient = await resolveRecipient(ctx, sender, request.to)
  const nowMs = ctx.clock.nowMs()
  const hints: RiskHintCode[] = []
  let base: Pick<TransferPreview, 'recipient' | 'feeFen' | 'delayHours' | 'expectedArrivalAtMs'>
  if (recipient.kind === 'CARD') {
    if (!recipient.own) hints.push('OTHER_PERSONS_CARD')
    base = {
      recipient: {
        kind: 'CARD',
        userId: null,
        displayName: `${maskName(recipient.holderName)} (${recipient.bankCode} ${recipient.last4})`,
      },
      feeFen: cardFeeFen(ctx, request.amountFen),
      delayHours: 0,
      expectedArrivalAtMs: nowMs + ctx.rules.cardArrivalHours * 3600_000,
    }
  } else {
    const delayHours = await delayHoursOf(ctx, senderId)
    if (recipient.kind === 'PHONE') hints.push('NO_WALLET_YET')
    else {
      if (!(await ctx.chat.areContacts(senderId, recipient.user.id))) hints.push('NOT_A_CONTACT')
      const large = request.amountFen >= ctx.rules.largeTransferFen
      if (large && !(await everCompletedTo(ctx, senderId, recipient.user.id)))
        hints.push('FIRST_LARGE_TRANSFER')
    }
    const displayName =
      recipient.kind === 'USER'
        ? maskName(recipient.user.realName)
        : `${recipient.phone.slice(0, 3)}****${recipient.phone.slice(-4)}`
    const userId = recipient.kind === 'USER' ? recipient.user.id : null
    base = {
      recipient: { kind: recipient.kind, userId, displayName },
      feeFen: 0,
      delayHours,
      expectedArrivalAtMs: null,
    }
  }
  return {
    ...base,
    amountFen: request.amountFen,
    totalDebitFen: request.amountFen + base.feeFen,
    realTime: base.delayHours === 0,
    availableAtMs: nowMs + base.delayHours * 3600_000,
    hints: hints.map((code) => ({ code, message: RISK_HINTS[code] })),
  }
}
