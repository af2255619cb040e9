import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api'
import { notFoundAsOperation } from './OperationPage'

describe('the operation page error', () => {
  it('names the missing record instead of the server’s 未找到该资源', () => {
    const notFound = new ApiError(404, 'NOT_FOUND', { zh: '未找到该资源', en: 'Not found' })
    const shown = notFoundAsOperation(notFound)
    expect(shown).toBeInstanceOf(ApiError)
    expect((shown as ApiError).code).toBe('NOT_FOUND')
    expect((shown as ApiError).localized.zh).toContain('没有找到这笔交易')
  })

  it('leaves every other error as the server said it', () => {
    const offline = new ApiError(0, 'NETWORK', { zh: '网络异常', en: 'Network error' })
    expect(notFoundAsOperation(offline)).toBe(offline)
  })
})
