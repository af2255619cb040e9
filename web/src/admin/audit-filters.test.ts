import { describe, expect, it } from 'vitest'
import { auditFilterError, auditFiltersOf, isCalendarDate } from './audit-filters'

const filters = (search: string) => auditFiltersOf(new URLSearchParams(search))

describe("the audit log's own check of its filters", () => {
  it('lets good filters through', () => {
    expect(auditFilterError(filters(''))).toBeNull()
    const good =
      'user=13800000001&actorKind=system&action=kyc.verified&from=2024-02-29&to=2024-03-01'
    expect(auditFilterError(filters(good))).toBeNull()
  })

  it('names the bad date field in both languages', () => {
    const error = auditFilterError(filters('from=2026-02-30'))
    expect(error?.localized.zh).toBe(
      '开始日期（北京时间）无效：请填写 1970–9999 年间真实存在的日期（YYYY-MM-DD）',
    )
    expect(error?.localized.en).toMatch(/^From \(Shanghai date\) is not a valid date/)
    expect(error?.details).toEqual({ fields: ['/from'] })
    expect(auditFilterError(filters('to=0202-01-01'))?.details).toEqual({ fields: ['/to'] })
    expect(auditFilterError(filters('from=2026-01-02&to=2026-01-01'))?.localized.zh).toBe(
      '结束日期不能早于开始日期',
    )
  })

  it('names a too-long user or actor and an unknown choice', () => {
    expect(auditFilterError(filters(`user=${'1'.repeat(41)}`))?.localized.zh).toBe(
      '用户（ID 或手机号）过长：最多 40 个字符',
    )
    expect(auditFilterError(filters(`actorId=${'a'.repeat(65)}`))?.details).toEqual({
      fields: ['/actorId'],
    })
    expect(auditFilterError(filters('actorKind=robot'))?.localized.en).toBe(
      'Actor kind has an unknown value; choose one from the list',
    )
    expect(auditFilterError(filters('action=nope'))?.details).toEqual({ fields: ['/action'] })
  })

  it('knows which days exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2025-02-29')).toBe(false)
    expect(isCalendarDate('2026-13-01')).toBe(false)
    expect(isCalendarDate('1969-12-31')).toBe(false)
    expect(isCalendarDate('2026-1-1')).toBe(false)
  })
})
