/** Security notices the wallet shows its user (and texts to their phone). */
import type { IdentityContext } from './context.ts'

export const NOTICE_TEXT = {
  new_device: { zh: '你的账户在新设备上登录', en: 'Your account was signed in on a new device' },
  phone_changed: { zh: '你的账户已更换手机号', en: 'The phone number of your account was changed' },
  account_frozen: { zh: '你的账户已冻结', en: 'Your account has been frozen' },
  account_restored: { zh: '你的账户已恢复正常', en: 'Your account has been restored' },
  account_restricted: {
    zh: '你的账户已被限制支付',
    en: 'Payments from your account have been restricted',
  },
  appeal_approved: { zh: '你的申诉已通过', en: 'Your appeal was approved' },
  appeal_rejected: { zh: '你的申诉未通过', en: 'Your appeal was rejected' },
  payment_password_set: { zh: '你已设置支付密码', en: 'Your payment password was set' },
  payment_password_changed: { zh: '你的支付密码已修改', en: 'Your payment password was changed' },
  payment_password_locked: {
    zh: '支付密码错误次数过多，支付已锁定',
    en: 'Too many wrong payment passwords: payments are locked',
  },
  passkey_added: { zh: '你已开启指纹/面容支付', en: 'Biometric payment was turned on' },
  passkey_removed: {
    zh: '你已删除一个指纹/面容支付设备',
    en: 'A biometric payment device was removed',
  },
  payment_password_reset: { zh: '你的支付密码已重置', en: 'Your payment password was reset' },
  real_name_verified: { zh: '你已完成实名认证', en: 'Your real name was verified' },
  id_number_reused: {
    zh: '你的身份证号已用于另一个账户的实名认证',
    en: 'Your ID number was used to verify another account',
  },
  account_class_raised: { zh: '你的账户等级已提升', en: 'Your account class was raised' },
  second_factor_enabled: {
    zh: '你已开启支付短信验证',
    en: 'SMS verification for payments was turned on',
  },
  second_factor_disabled: {
    zh: '你已关闭支付短信验证',
    en: 'SMS verification for payments was turned off',
  },
  signed_out_everywhere: {
    zh: '你的账户已在所有设备退出登录',
    en: 'Your account was signed out on every device',
  },
  // Refunds (src/modules/refunds).
  refund_succeeded: { zh: '你有一笔退款已到账', en: 'A refund has reached you' },
  refund_abnormal: { zh: '你有一笔退款暂未到账', en: 'A refund has not reached you yet' },
  refund_request_approved: {
    zh: '商户已同意你的退款申请',
    en: 'The merchant approved your refund request',
  },
  refund_request_rejected: { zh: '你的退款申请未通过', en: 'Your refund request was rejected' },
  refund_request_escalated: {
    zh: '商户未及时处理你的退款申请，已转平台处理',
    en: 'The merchant did not answer your refund request: the platform is handling it',
  },
} as const

export type NoticeKind = keyof typeof NOTICE_TEXT

const IF_NOT_YOU = {
  zh: '如非本人操作，请立即冻结账户。',
  en: 'If this was not you, freeze your account now.',
}

/** What the SMS tells the user to do next: each notice its own (a frozen account needs no freeze). */
const NOTICE_ADVICE: Record<NoticeKind, { zh: string; en: string }> = {
  new_device: IF_NOT_YOU,
  phone_changed: IF_NOT_YOU,
  account_frozen: {
    zh: '如需解冻，请在零钱中提交申诉。',
    en: 'To unfreeze it, submit an appeal in Lingqian.',
  },
  account_restored: {
    zh: '现在可以正常收付款。',
    en: 'You can pay and receive money as usual.',
  },
  account_restricted: {
    zh: '仍可收款；如有异议，请在零钱中提交申诉。',
    en: 'You can still receive money; to dispute this, submit an appeal in Lingqian.',
  },
  appeal_approved: {
    zh: '账户已恢复，可正常收付款。',
    en: 'Your account works again as usual.',
  },
  appeal_rejected: {
    zh: '可在零钱中查看原因，补充材料后重新申诉。',
    en: 'See the reason in Lingqian; you may appeal again with more evidence.',
  },
  payment_password_set: {
    zh: '请勿将支付密码告诉任何人。',
    en: 'Never tell anyone your payment password.',
  },
  payment_password_changed: IF_NOT_YOU,
  payment_password_locked: {
    zh: '请稍后再试，或在零钱中找回支付密码。',
    en: 'Try again later, or reset the payment password in Lingqian.',
  },
  passkey_added: IF_NOT_YOU,
  passkey_removed: IF_NOT_YOU,
  payment_password_reset: IF_NOT_YOU,
  real_name_verified: IF_NOT_YOU,
  id_number_reused: {
    zh: '如非本人或家人操作，请立即冻结账户并联系客服。',
    en: 'If neither you nor your family did this, freeze your account and contact support now.',
  },
  account_class_raised: {
    zh: '可在零钱中查看新的支付限额。',
    en: 'See your new payment limits in Lingqian.',
  },
  second_factor_enabled: {
    zh: '今后付款还需输入短信验证码。',
    en: 'Payments will now also ask for an SMS code.',
  },
  second_factor_disabled: IF_NOT_YOU,
  signed_out_everywhere: {
    zh: '如非本人操作，请立即修改支付密码并冻结账户。',
    en: 'If this was not you, change your payment password and freeze your account now.',
  },
  refund_succeeded: { zh: '可在账单中查看。', en: 'See it in your records.' },
  refund_abnormal: {
    zh: '银行暂未入账，系统会自动重试，可在账单中查看进度。',
    en: 'The bank has not taken it yet; it is retried automatically. See your records.',
  },
  refund_request_approved: {
    zh: '退款将原路退回，可在账单中查看进度。',
    en: 'The money goes back the way you paid; see your records.',
  },
  refund_request_rejected: {
    zh: '可在账单中查看原因。',
    en: 'See the reason in your records.',
  },
  refund_request_escalated: {
    zh: '平台客服将尽快处理，可在账单中查看进度。',
    en: 'Platform support will decide soon; see your records.',
  },
}

export interface Notice {
  id: number
  kind: NoticeKind
  title: { zh: string; en: string }
  detail: Record<string, unknown> | null
  createdAtMs: number
  read: boolean
}

/** Records a notice and texts it to the user's phone, so a stolen session cannot hide it. */
export async function addNotice(
  ctx: IdentityContext,
  user: { id: string; phone: string },
  kind: NoticeKind,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await ctx.db
    .insertInto('notices')
    .values({
      user_id: user.id,
      kind,
      detail,
      created_at: new Date(ctx.clock.nowMs()),
      read_at: null,
    })
    .execute()
  const text = NOTICE_TEXT[kind]
  const advice = NOTICE_ADVICE[kind]
  await ctx.sms.send(user.phone, `【零钱】${text.zh}。${advice.zh} ${text.en}. ${advice.en}`)
}

export async function listNotices(
  ctx: IdentityContext,
  userId: string,
  limit = 50,
): Promise<Notice[]> {
  const rows = await ctx.db
    .selectFrom('notices')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(Math.min(limit, 200))
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind as NoticeKind,
    title: NOTICE_TEXT[row.kind as NoticeKind] ?? { zh: row.kind, en: row.kind },
    detail: row.detail,
    createdAtMs: new Date(row.created_at).getTime(),
    read: row.read_at !== null,
  }))
}
