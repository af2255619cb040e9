import { describe, expect, it } from 'vitest'
import { translate } from '../../shared/i18n'
import { statusReasonText } from './StatusBanner'

describe('status reason text', () => {
  it('shows a reason code in the language in use only', () => {
    const zh = statusReasonText((key, vars) => translate('zh', key, vars), 'demo_freeze')
    const en = statusReasonText((key, vars) => translate('en', key, vars), 'demo_freeze')
    expect(zh).toContain('演示账户')
    expect(zh).not.toMatch(/[A-Za-z]/)
    expect(en).toMatch(/^Demo account/)
    expect(en).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it("shows an operator's own words as written", () => {
    const t = (key: Parameters<typeof translate>[1]) => translate('zh', key)
    expect(statusReasonText(t, '涉嫌欺诈')).toBe('涉嫌欺诈')
    expect(statusReasonText(t, '')).toBeNull()
  })
})
