/**
 * Words for every code the console shows: audit actions, their details' keys and coded values,
 * the status reasons the platform writes, reconciliation problems, the kinds of job. Each table is keyed by the
 * server's own union, so a new code without a label fails to compile, and a unit test
 * (src/modules/ops/console-labels.test.ts) checks the tables against the server's lists.
 * Pure data and functions: no React, so the test can load it in Node.
 */
import type {
  AuditAction,
  AuditDetailCode,
  AuditDetailKey,
  AuditView,
  OperatorName,
  OperatorRole,
  StatusReasonCode,
} from '@contract/admin'
import type { AppJobKind } from '@contract/jobs'
import type { MismatchProblem } from '@contract/reconciliation'
import type { Lang, MessageKey } from '../shared/i18n'

export { ACCOUNT_CLASS_KEY } from '../shared/account-class'

export interface Label {
  zh: string
  en: string
}

export const ROLE_KEY: Record<OperatorRole, MessageKey> = {
  support: 'admin.role.support',
  risk: 'admin.role.risk',
  admin: 'admin.role.admin',
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, Label> = {
  'user.signed_up': { zh: '注册', en: 'Signed up' },
  'session.signed_in': { zh: '登录', en: 'Signed in' },
  'session.signed_out_everywhere': { zh: '退出所有设备', en: 'Signed out everywhere' },
  'user.phone_changed': { zh: '更换手机号', en: 'Changed phone number' },
  'account.frozen': { zh: '冻结账户', en: 'Account frozen' },
  'account.restricted': { zh: '限制支付', en: 'Payments restricted' },
  'account.restored': { zh: '恢复正常', en: 'Account restored' },
  'account.class_raised': { zh: '账户等级提升', en: 'Account class raised' },
  'kyc.verified': { zh: '实名认证通过', en: 'Real name verified' },
  'kyc.failed': { zh: '实名认证未通过', en: 'Real-name check failed' },
  'pin.set': { zh: '设置支付密码', en: 'Payment password set' },
  'pin.changed': { zh: '修改支付密码', en: 'Payment password changed' },
  'pin.reset': { zh: '重置支付密码', en: 'Payment password reset' },
  'pin.reset_failed': { zh: '重置支付密码失败', en: 'Payment password reset failed' },
  'pin.failed': { zh: '支付密码错误', en: 'Wrong payment password' },
  'pin.locked': { zh: '支付密码锁定', en: 'Payment password locked' },
  'passkey.added': { zh: '开启指纹/面容支付', en: 'Passkey added' },
  'passkey.removed': { zh: '移除指纹/面容支付', en: 'Passkey removed' },
  'passkey.failed': { zh: '指纹/面容验证失败', en: 'Passkey check failed' },
  'second_factor.enabled': { zh: '开启二次验证', en: 'Second factor turned on' },
  'second_factor.disabled': { zh: '关闭二次验证', en: 'Second factor turned off' },
  'rules.security_changed': { zh: '变更安全设置', en: 'Security settings changed' },
  'appeal.submitted': { zh: '提交申诉', en: 'Appeal submitted' },
  'appeal.approved': { zh: '申诉通过', en: 'Appeal approved' },
  'appeal.rejected': { zh: '申诉驳回', en: 'Appeal rejected' },
  'appeal.identity_mismatch': { zh: '申诉身份核验失败', en: 'Appeal identity check failed' },
  'card.bound': { zh: '绑定银行卡', en: 'Bank card bound' },
  'card.unbound': { zh: '解绑银行卡', en: 'Bank card removed' },
  'operator.sign_in_failed': { zh: '运营人员登录失败', en: 'Operator sign-in failed' },
  'operator.signed_in': { zh: '运营人员登录', en: 'Operator signed in' },
  'operator.locked': { zh: '运营人员账号锁定', en: 'Operator account locked' },
  'operator.signed_out': { zh: '运营人员退出', en: 'Operator signed out' },
  'merchant.created': { zh: '创建商户', en: 'Merchant created' },
  'merchant.suspended': { zh: '暂停商户', en: 'Merchant suspended' },
  'merchant.activated': { zh: '恢复商户', en: 'Merchant activated' },
  'job.retried': { zh: '重试后台任务', en: 'Job retried' },
  'refund.retried': { zh: '立即重试退款', en: 'Refund retried' },
  'refund.closed': { zh: '关闭退款', en: 'Refund closed' },
  'refund_request.approved': { zh: '平台同意退款申请', en: 'Refund request approved' },
  'refund_request.rejected': { zh: '平台驳回退款申请', en: 'Refund request rejected' },
}

export const AUDIT_DETAIL_KEY_LABELS: Record<AuditDetailKey, Label> = {
  deviceName: { zh: '设备', en: 'Device' },
  newDevice: { zh: '新设备', en: 'New device' },
  sessions: { zh: '退出的会话数', en: 'Sessions ended' },
  by: { zh: '操作方', en: 'By' },
  sessionsRevoked: { zh: '退出的会话数', en: 'Sessions ended' },
  reason: { zh: '原因', en: 'Reason' },
  from: { zh: '原状态', en: 'From' },
  to: { zh: '新状态', en: 'To' },
  appealId: { zh: '申诉编号', en: 'Appeal' },
  check: { zh: '身份核验方式', en: 'Identity check' },
  unlockAtMs: { zh: '解锁时间', en: 'Unlocks at' },
  attemptsLeft: { zh: '剩余次数', en: 'Attempts left' },
  bankCode: { zh: '银行', en: 'Bank' },
  last4: { zh: '卡号尾号', en: 'Card ending' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  accountClass: { zh: '账户等级', en: 'Account class' },
  username: { zh: '用户名', en: 'Username' },
  merchantId: { zh: '商户号', en: 'Merchant ID' },
  jobId: { zh: '任务编号', en: 'Job' },
  jobKind: { zh: '任务类型', en: 'Job kind' },
  jobKey: { zh: '任务键', en: 'Job key' },
  errorCode: { zh: '失败原因', en: 'Failed with' },
  refundId: { zh: '退款单号', en: 'Refund' },
  requestId: { zh: '退款申请', en: 'Refund request' },
  paymentId: { zh: '支付单号', en: 'Payment' },
  amountFen: { zh: '金额（分）', en: 'Amount (fen)' },
  idAccountsMax: { zh: '同一身份证可实名账户数', en: 'Accounts per ID number' },
  realNameFailuresPerDayMax: { zh: '每日实名失败次数上限', en: 'Real-name failures a day' },
  minAgeYears: { zh: '最低年龄', en: 'Minimum age' },
  adultAgeYears: { zh: '成年年龄', en: 'Adult age' },
  minorYearLimitFen: { zh: '未成年人年度限额', en: "Minors' yearly limit" },
  classLimits: { zh: '账户等级限额', en: 'Account class limits' },
  pinAttemptsMax: { zh: '支付密码可错次数', en: 'Payment password attempts' },
  pinLockMs: { zh: '支付密码锁定时长', en: 'Payment password lock time' },
  webauthnChallengeTtlMs: { zh: '指纹/面容验证有效期', en: 'Passkey challenge lifetime' },
  passkeysPerUserMax: { zh: '每人指纹/面容设备数', en: 'Passkeys per user' },
  secondFactorAboveFen: { zh: '二次验证金额起点', en: 'Second factor above' },
  period: { zh: '周期', en: 'Period' },
  limitFen: { zh: '限额', en: 'Limit' },
}

export const AUDIT_DETAIL_CODE_LABELS: Record<AuditDetailCode, Label> = {
  self: { zh: '用户本人', en: 'The user' },
  sms: { zh: '短信验证码', en: 'SMS code' },
  real_name: { zh: '姓名与身份证号', en: 'Name and ID number' },
  NAME_MISMATCH: { zh: '姓名与身份证号不符', en: 'Name does not match the ID' },
  ID_NUMBER_MISMATCH: { zh: '身份证号不符', en: 'ID number does not match' },
  unknown_username: { zh: '用户名不存在', en: 'Unknown username' },
  locked: { zh: '账号已锁定', en: 'Account locked' },
  wrong_password: { zh: '密码错误', en: 'Wrong password' },
  NO_PASSKEYS: { zh: '未开启指纹/面容支付', en: 'No passkeys' },
  CREDENTIAL_UNKNOWN: { zh: '设备未登记', en: 'Unknown device' },
  RESPONSE_INVALID: { zh: '验证结果无效', en: 'Invalid response' },
  CHALLENGE_UNKNOWN: { zh: '验证请求不存在', en: 'Unknown challenge' },
  CHALLENGE_EXPIRED: { zh: '验证请求已过期', en: 'Challenge expired' },
  CHALLENGE_MISMATCH: { zh: '验证请求不匹配', en: 'Challenge mismatch' },
  'same-name bank card bound': {
    zh: '绑定了本人同名银行卡',
    en: "A bank card in the holder's own name was bound",
  },
  LIFETIME: { zh: '累计', en: 'Lifetime' },
  YEAR: { zh: '每年', en: 'Yearly' },
}

export const STATUS_REASON_LABELS: Record<StatusReasonCode, Label> = {
  self_freeze: { zh: '用户自助挂失冻结', en: 'Frozen by the user (reported lost)' },
  demo_freeze: { zh: '演示数据：冻结的账户', en: 'Demo data: a frozen account' },
}

export const MISMATCH_PROBLEM_LABELS: Record<MismatchProblem, Label> = {
  MISSING_IN_WALLET: { zh: '银行有此笔，钱包没有记录', en: 'At the bank, but not in the wallet' },
  MISSING_AT_BANK: { zh: '钱包有此笔，银行没有记录', en: 'In the wallet, but not at the bank' },
  AMOUNT_DIFFERS: { zh: '双方金额不一致', en: 'The amounts differ' },
}

/** What each recurring or scheduled job of the app does, in words. */
export const JOB_KIND_LABELS: Record<AppJobKind, Label> = {
  'ledger.expire-pending': { zh: '撤销超时的待处理交易', en: 'Void expired pending transfers' },
  'wallet.resolve-bank': { zh: '确认银行处理结果', en: 'Settle bank operations in progress' },
  'jobs.prune-done': { zh: '清理已完成的任务', en: 'Prune finished jobs' },
  'limits.prune-idle': { zh: '清理闲置的频率限制记录', en: 'Prune idle rate-limit records' },
  'refunds.resolve': { zh: '重试未完成的退款', en: 'Retry unfinished refunds' },
  'refunds.escalate-requests': {
    zh: '超时未处理的退款申请转平台',
    en: 'Escalate unanswered refund requests',
  },
  'transfers.arrive': { zh: '延时转账到账', en: 'Deliver a delayed transfer' },
  'transfers.expire': {
    zh: '退还 24 小时未收款的转账',
    en: 'Return a transfer not accepted in 24 h',
  },
  'transfers.resolve': { zh: '完成处理中断的转账', en: 'Settle interrupted transfers' },
  'records.backfill-wallet': {
    zh: '为升级前的充值与提现补写账单',
    en: 'Write records for top-ups and withdrawals made before the upgrade',
  },
  'payments.resolve': {
    zh: '确认银行卡支付结果，关闭超时未确认的支付',
    en: 'Settle card payments in progress, close unconfirmed payments',
  },
  // Settlement (merchant-money)
  'settlement.run': { zh: '商户 T+1 结算', en: 'Settle merchants (T+1)' },
  'settlement.resolve-payouts': {
    zh: '确认结算打款结果',
    en: 'Settle merchant payouts in progress',
  },
  'redpackets.expire': { zh: '红包24小时退款', en: 'Return a red packet after 24 hours' },
  'redpackets.recover': {
    zh: '红包补记与退款巡检',
    en: 'Finish red-packet credits and returns left undone',
  },
  'notifications.deliver': { zh: '投递商户支付通知', en: 'Deliver merchant notifications' },
  'notifications.watch-refunds': {
    zh: '退款结果通知巡检',
    en: 'Notify merchants of refunds that ended',
  },
}

/** The label of `code` in `table`, or the code itself for one the table does not know. */
export function labelOf(table: Readonly<Record<string, Label>>, code: string, lang: Lang): string {
  return Object.hasOwn(table, code) ? (table[code] as Label)[lang] : code
}

export function auditActionText(action: string, lang: Lang): string {
  return labelOf(AUDIT_ACTION_LABELS, action, lang)
}

/** A status reason: the platform's codes in words, an operator's free text as written. */
export function statusReasonText(reason: string | null, lang: Lang): string {
  if (reason === null) return '—'
  return labelOf(STATUS_REASON_LABELS, reason, lang)
}

const ACTOR_TEXT: Record<AuditView['actor']['kind'], Label> = {
  user: { zh: '用户', en: 'User' },
  operator: { zh: '运营人员', en: 'Operator' },
  system: { zh: '系统', en: 'System' },
}
const SELF: Label = { zh: '用户本人', en: 'The user' }
const UNKNOWN_OPERATOR: Label = { zh: '未知运营人员', en: 'Unknown operator' }
/** Named system actors. `demo-seed` was once recorded as an operator, so either kind matches. */
const SYSTEM_ACTOR_LABELS: Record<string, Label> = {
  'demo-seed': { zh: '系统（演示数据）', en: 'System (demo data)' },
}

/** Who acted: the user themself, an operator by name, or the system. */
export function auditActorText(
  entry: Pick<AuditView, 'actor' | 'userId'>,
  operators: readonly OperatorName[],
  lang: Lang,
): string {
  const { actor } = entry
  if (
    actor.kind !== 'user' &&
    actor.id !== undefined &&
    Object.hasOwn(SYSTEM_ACTOR_LABELS, actor.id)
  ) {
    return SYSTEM_ACTOR_LABELS[actor.id]![lang]
  }
  if (actor.kind === 'operator') {
    const named = operators.find((operator) => operator.id === actor.id)
    return named === undefined ? UNKNOWN_OPERATOR[lang] : named.displayName
  }
  if (actor.kind === 'user' && actor.id !== undefined && actor.id === entry.userId) {
    return SELF[lang]
  }
  const id = actor.id === undefined ? '' : ` ${actor.id}`
  return `${ACTOR_TEXT[actor.kind][lang]}${id}`
}
