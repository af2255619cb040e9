import { describe, expect, it } from 'vitest'
import { paymentCodeText, scanContent } from './scan-content'

const ORIGINS = ['http://127.0.0.1:3000', 'https://pay.example.com/']

describe('scanContent', () => {
  it('opens a static code and an order of this wallet by their path', () => {
    expect(scanContent('https://pay.example.com/pay/m/cafe_1234', ORIGINS)).toEqual({
      kind: 'merchant',
      merchantCode: 'cafe_1234',
      path: '/pay/m/cafe_1234',
    })
    expect(scanContent(' http://127.0.0.1:3000/pay/o/abcdefghijklmnop ', ORIGINS)).toEqual({
      kind: 'order',
      orderToken: 'abcdefghijklmnop',
      path: '/pay/o/abcdefghijklmnop',
    })
  })

  it('counts localhost and 127.0.0.1 on the same port as the same server', () => {
    expect(scanContent('http://localhost:3000/pay/m/cafe_1234', ORIGINS).kind).toBe('merchant')
    expect(scanContent('http://localhost:3001/pay/m/cafe_1234', ORIGINS).kind).toBe('link')
    expect(scanContent('https://localhost:3000/pay/m/cafe_1234', ORIGINS).kind).toBe('link')
  })

  it('treats a pay path on another host, or another path, as a plain link', () => {
    expect(scanContent('https://evil.example/pay/m/cafe_1234', ORIGINS)).toEqual({
      kind: 'link',
      host: 'evil.example',
      url: 'https://evil.example/pay/m/cafe_1234',
    })
    expect(scanContent('https://pay.example.com/pay/m/x', ORIGINS).kind).toBe('link')
    expect(scanContent('https://pay.example.com/pay/m/cafe_1234/../../admin', ORIGINS).kind).toBe(
      'link',
    )
  })

  it('names a payment code, and plain text (cut short)', () => {
    expect(scanContent('134567890123456789', ORIGINS)).toEqual({
      kind: 'paymentCode',
      code: '134567890123456789',
    })
    expect(scanContent('javascript:alert(1)', ORIGINS)).toEqual({
      kind: 'text',
      text: 'javascript:alert(1)',
    })
    expect(scanContent('x'.repeat(500), ORIGINS)).toEqual({ kind: 'text', text: 'x'.repeat(200) })
  })
})

describe('paymentCodeText', () => {
  it('groups the digits by four, or shows only the first four', () => {
    expect(paymentCodeText('134567890123456789', true)).toBe('1345 6789 0123 4567 89')
    expect(paymentCodeText('134567890123456789', false)).toBe('1345 •••• •••• •••• ••')
  })
})
