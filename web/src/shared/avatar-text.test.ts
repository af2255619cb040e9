import { describe, expect, it } from 'vitest'
import { avatarText } from './avatar-text.ts'

describe('avatarText', () => {
  it('skips the mask stars of a masked name', () => {
    expect(avatarText('*娜')).toBe('娜')
    expect(avatarText('**杰')).toBe('杰')
  })
  it('takes the first character of a plain name or group title', () => {
    expect(avatarText('张*')).toBe('张')
    expect(avatarText('零钱演示群')).toBe('零')
  })
  it('falls back to ? when nothing is left', () => {
    expect(avatarText('**')).toBe('?')
    expect(avatarText('')).toBe('?')
  })
})
