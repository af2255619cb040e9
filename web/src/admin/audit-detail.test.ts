import { describe, expect, it } from 'vitest'
import { translate } from '../shared/i18n'
import type { Lang, MessageKey, MessageVars } from '../shared/i18n'
import { auditDetailText } from './audit-detail'
import { auditActorText, statusReasonText } from './labels'
import { formatFenGrouped } from './money-format'

const t = (lang: Lang) => (key: MessageKey, vars?: MessageVars) => translate(lang, key, vars)

describe('audit entries in words', () => {
  it('renders details by key and value kind, codes as labels, free text as written', () => {
    const frozen = { by: 'self', sessionsRevoked: 2 }
    expect(auditDetailText(frozen, t('zh'), 'zh')).toBe('操作方：用户本人 · 退出的会话数：2')
    expect(auditDetailText(frozen, t('en'), 'en')).toBe('By: The user · Sessions ended: 2')
    const restored = { reason: '核查完毕', from: 'frozen' }
    expect(auditDetailText(restored, t('zh'), 'zh')).toBe('原因：核查完毕 · 原状态：已冻结')
    const raised = { from: 1, to: 2, reason: 'same-name bank card bound' }
    expect(auditDetailText(raised, t('en'), 'en')).toBe(
      "From: Class I account · To: Class II account · Reason: A bank card in the holder's own name was bound",
    )
    expect(auditDetailText({ newDevice: true, secondFactorAboveFen: 200_000 }, t('zh'), 'zh')).toBe(
      '新设备：是 · 二次验证金额起点：¥2,000.00',
    )
    expect(auditDetailText({ bankCode: 'ICBC', last4: '0018' }, t('zh'), 'zh')).toBe(
      '银行：中国工商银行 · 卡号尾号：0018',
    )
    const rules = {
      pinLockMs: 900_000,
      classLimits: { 1: { period: 'LIFETIME', limitFen: 100_000 } },
    }
    expect(auditDetailText(rules, t('zh'), 'zh')).toBe(
      '支付密码锁定时长：15 分钟 · 账户等级限额：Ⅰ类账户（周期：累计，限额：¥1,000.00）',
    )
    expect(auditDetailText(null, t('zh'), 'zh')).toBe('')
  })

  it('names the kind of a retried job in words, an unknown kind as written', () => {
    const retried = { jobId: 7, jobKind: 'wallet.resolve-bank', errorCode: 'BANK_UNAVAILABLE' }
    expect(auditDetailText(retried, t('zh'), 'zh')).toBe(
      '任务编号：7 · 任务类型：确认银行处理结果 · 失败原因：BANK_UNAVAILABLE',
    )
    expect(auditDetailText({ jobKind: 'redpacket.return' }, t('en'), 'en')).toBe(
      'Job kind: redpacket.return',
    )
  })

  it('names operators, the user themself, and system reasons', () => {
    const operators = [{ id: 'op_1', displayName: '风控 Risk', role: 'risk' as const }]
    const byOperator = { actor: { kind: 'operator' as const, id: 'op_1' }, userId: 'u_1' }
    expect(auditActorText(byOperator, operators, 'zh')).toBe('风控 Risk')
    expect(
      auditActorText({ ...byOperator, actor: { kind: 'operator', id: 'op_x' } }, [], 'en'),
    ).toBe('Unknown operator')
    expect(auditActorText({ actor: { kind: 'user', id: 'u_1' }, userId: 'u_1' }, [], 'zh')).toBe(
      '用户本人',
    )
    expect(statusReasonText('self_freeze', 'zh')).toBe('用户自助挂失冻结')
    expect(statusReasonText('疑似盗号', 'en')).toBe('疑似盗号')
    expect(statusReasonText(null, 'zh')).toBe('—')
  })

  it('formats fen with thousands separators, exactly', () => {
    expect(formatFenGrouped(0)).toBe('¥0.00')
    expect(formatFenGrouped(5)).toBe('¥0.05')
    expect(formatFenGrouped(123_456)).toBe('¥1,234.56')
    expect(formatFenGrouped(123_456_789_01)).toBe('¥123,456,789.01')
    expect(formatFenGrouped(-100_000)).toBe('-¥1,000.00')
    expect(formatFenGrouped(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91')
    expect(() => formatFenGrouped(1.5)).toThrow(RangeError)
  })
})
