import { describe, expect, it } from 'vitest'
import { resendCountdownText } from './countdown-text'

describe('resend countdown text', () => {
  it('ticks in seconds for short waits', () => {
    expect(resendCountdownText('zh', 59)).toBe('59 秒后重发')
    expect(resendCountdownText('en', 119)).toBe('Resend in 119 s')
  })

  it('reads long waits in minutes, then hours, rounded up', () => {
    expect(resendCountdownText('zh', 2911)).toBe('49 分钟后重发')
    expect(resendCountdownText('en', 2911)).toBe('Resend in 49 min')
    expect(resendCountdownText('zh', 120)).toBe('2 分钟后重发')
    expect(resendCountdownText('zh', 119 * 60 + 1)).toBe('2 小时后重发')
    expect(resendCountdownText('en', 5 * 3600)).toBe('Resend in 5 h')
  })
})
