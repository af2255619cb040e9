import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CARD_NUMBERS_NOT_HELD } from '../demo/cards.ts'
import { CARD, type RunningSimulator, demoCardAt, startSimulator } from './test-support.ts'

let simulator: RunningSimulator
beforeAll(async () => {
  simulator = await startSimulator()
})
afterAll(async () => {
  await simulator.close()
})

const verify = (body: unknown) => simulator.post('/v1/cards/verify', body)

describe('POST /v1/cards/verify', () => {
  it('confirms a debit card with name, ID number and reserved phone', async () => {
    const answer = await verify(demoCardAt(CARD.zhangWeiIcbcDebit))
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ bankCode: 'ICBC', cardType: 'DEBIT', last4: '0018' })
  })

  it('confirms a credit card with expiry and CVN', async () => {
    const answer = await verify(demoCardAt(CARD.zhangWeiCmbCredit))
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ bankCode: 'CMB', cardType: 'CREDIT', last4: '0014' })
  })

  it('accepts a lower-case x in the ID number', async () => {
    const details = demoCardAt(CARD.liuYangIcbcDebit)
    expect(details.idNumber.endsWith('X')).toBe(true)
    const answer = await verify({ ...details, idNumber: details.idNumber.toLowerCase() })
    expect(answer.status).toBe(200)
  })

  it('says CARD_NOT_FOUND for a number its bank does not hold', async () => {
    const answer = await verify({
      ...demoCardAt(CARD.zhangWeiIcbcDebit),
      cardNumber: CARD_NUMBERS_NOT_HELD[0]?.cardNumber,
    })
    expect(answer.status).toBe(404)
    expect(answer.body).toMatchObject({ code: 'CARD_NOT_FOUND' })
  })

  it('says BANK_NOT_FOUND for a card of a bank it does not play', async () => {
    const answer = await verify({
      ...demoCardAt(CARD.zhangWeiIcbcDebit),
      cardNumber: CARD_NUMBERS_NOT_HELD[1]?.cardNumber,
    })
    expect(answer.status).toBe(404)
    expect(answer.body).toMatchObject({ code: 'BANK_NOT_FOUND' })
  })

  it.each([
    ['holder name', { holderName: '张卫' }],
    ['ID number', { idNumber: '11010519491231002X' }],
  ])('says CARD_INFO_MISMATCH for a wrong %s', async (_label, change) => {
    const answer = await verify({ ...demoCardAt(CARD.zhangWeiIcbcDebit), ...change })
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ code: 'CARD_INFO_MISMATCH' })
  })

  it.each([
    ['expiry', { expiry: '11/30' }],
    ['CVN', { cvn: '124' }],
  ])('says CARD_INFO_MISMATCH for a credit card with a wrong %s', async (_label, change) => {
    const answer = await verify({ ...demoCardAt(CARD.zhangWeiCmbCredit), ...change })
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ code: 'CARD_INFO_MISMATCH' })
  })

  it('asks for expiry and CVN of a credit card', async () => {
    const { expiry: _expiry, cvn: _cvn, ...withoutDetails } = demoCardAt(CARD.zhangWeiCmbCredit)
    const answer = await verify(withoutDetails)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ code: 'CREDIT_CARD_DETAILS_REQUIRED' })
  })

  it('says CARD_PHONE_MISMATCH when the reserved phone differs, and tells what to do', async () => {
    const answer = await verify(demoCardAt(CARD.liuYangPhoneMismatch))
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ code: 'CARD_PHONE_MISMATCH' })
    const message = answer.body.message as { zh: string; en: string }
    expect(message.zh).toContain('预留手机号')
    expect(message.en).toContain('phone')
  })

  it.each([
    ['CARD_CANCELLED', CARD.zhangWeiCancelled, '注销'],
    ['CARD_EXPIRED', CARD.zhangWeiExpiredCredit, '过期'],
    ['CARD_ONLINE_DISABLED', CARD.zhangWeiOnlineDisabled, '开通'],
    ['CARD_LOCAL_ONLY', CARD.zhangWeiLocalOnly, '本地卡'],
    ['CARD_FROZEN', CARD.zhangWeiFrozenCredit, '冻结'],
  ])('says %s for a card in that state', async (code, cardIndex, hint) => {
    const answer = await verify(demoCardAt(cardIndex))
    expect(answer.status).toBe(422)
    expect(answer.body.code).toBe(code)
    expect((answer.body.message as { zh: string }).zh).toContain(hint)
  })

  it('checks identity before state, so strangers learn nothing about the card', async () => {
    const answer = await verify({ ...demoCardAt(CARD.zhangWeiCancelled), holderName: '李四' })
    expect(answer.body.code).toBe('CARD_INFO_MISMATCH')
  })

  it('checks state before the phone, so nobody updates a phone for a dead card', async () => {
    const answer = await verify({ ...demoCardAt(CARD.zhangWeiCancelled), phone: '13912345678' })
    expect(answer.body.code).toBe('CARD_CANCELLED')
  })

  it('treats an active credit card past its printed expiry as expired', async () => {
    // 陈静's card expires 03/28: move the clock to April 2028 and back.
    const offsetMs = Date.parse('2028-04-02T00:00:00Z') - Date.parse('2026-11-22T02:00:00Z')
    await simulator.post('/admin/clock', { offsetMs })
    try {
      const answer = await verify(demoCardAt(CARD.chenJingNearlyMaxed))
      expect(answer.body.code).toBe('CARD_EXPIRED')
    } finally {
      await simulator.post('/admin/clock', { offsetMs: 0 })
    }
    expect((await verify(demoCardAt(CARD.chenJingNearlyMaxed))).status).toBe(200)
  })

  it('says BANK_UNAVAILABLE (503) while the bank is down', async () => {
    await simulator.post('/admin/faults', { bankCode: 'ICBC', mode: 'DOWN', count: 1 })
    const answer = await verify(demoCardAt(CARD.zhangWeiIcbcDebit))
    expect(answer.status).toBe(503)
    expect(answer.body).toMatchObject({ code: 'BANK_UNAVAILABLE' })
    expect((await verify(demoCardAt(CARD.zhangWeiIcbcDebit))).status).toBe(200)
  })

  it.each([
    ['a short card number', { cardNumber: '622202000000' }],
    ['a malformed phone', { phone: '12800000001' }],
    ['an unknown field', { pin: '123456' }],
  ])('rejects %s with INVALID_REQUEST', async (_label, change) => {
    const answer = await verify({ ...demoCardAt(CARD.zhangWeiIcbcDebit), ...change })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ code: 'INVALID_REQUEST' })
    expect(answer.body.message).toEqual({ zh: expect.any(String), en: expect.any(String) })
  })
})
