import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lookupBin, luhnValid } from '../src/shared/bank-card.ts'
import { ageOn, parseIdNumber } from '../src/shared/id-number.ts'
import {
  BANK_CARDS,
  CARD_NUMBERS_NOT_HELD,
  CARD_STATES,
  DEMO_CARDS,
  cardsNotHeldTableMarkdown,
  demoCardTableMarkdown,
} from '../demo/cards.ts'
import {
  DEMO_RESIDENTS,
  RESIDENTS,
  RESIDENT_COUNT,
  findResidentByIdNumber,
  findResidentByPhone,
} from '../demo/residents.ts'

const AS_OF = '2026-11-22'

describe('residents', () => {
  it('has RESIDENT_COUNT people with unique ID numbers and phones', () => {
    expect(RESIDENTS).toHaveLength(RESIDENT_COUNT)
    expect(new Set(RESIDENTS.map((resident) => resident.idNumber)).size).toBe(RESIDENT_COUNT)
    expect(new Set(RESIDENTS.map((resident) => resident.phone)).size).toBe(RESIDENT_COUNT)
  })

  it('gives everyone a valid ID number that agrees with their birth date and sex', () => {
    for (const resident of RESIDENTS) {
      expect(parseIdNumber(resident.idNumber, AS_OF), resident.name).toMatchObject({
        ok: true,
        birthDate: resident.birthDate,
        sex: resident.sex,
      })
      expect(resident.phone).toMatch(/^1[3-9]\d{9}$/)
      expect(resident.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/)
    }
  })

  it('puts the demo residents first, with phones 13800000001…13800000012', () => {
    expect(RESIDENTS.slice(0, 12).map((resident) => resident.phone)).toEqual(
      Array.from({ length: 12 }, (_, index) => `138000000${String(index + 1).padStart(2, '0')}`),
    )
    expect(RESIDENTS[0]).toMatchObject({ name: '张伟', phone: '13800000001' })
    expect(RESIDENTS[1]).toMatchObject({ name: '李娜', phone: '13800000002' })
  })

  it('includes a minor under 16 and a 16–18-year-old', () => {
    const ages = DEMO_RESIDENTS.map((resident) => ageOn(resident.birthDate, AS_OF))
    expect(ages.some((age) => age < 16)).toBe(true)
    expect(ages.some((age) => age >= 16 && age < 18)).toBe(true)
  })

  it('finds residents by ID number (either case of X) and by phone', () => {
    const liuYang = DEMO_RESIDENTS[3]
    expect(liuYang?.idNumber.endsWith('X')).toBe(true)
    expect(findResidentByIdNumber(liuYang?.idNumber.toLowerCase() ?? '')?.name).toBe('刘洋')
    expect(findResidentByPhone('13800000001')?.name).toBe('张伟')
    expect(findResidentByPhone('13800000099')).toBeUndefined()
  })

  it('documents every demo resident in the header table', () => {
    const source = readFileSync(new URL('../demo/residents.ts', import.meta.url), 'utf8')
    for (const resident of DEMO_RESIDENTS) {
      const row = new RegExp(
        `\\| ${resident.phone} \\| ${resident.name} +\\| ${resident.idNumber} \\| ` +
          `${resident.birthDate} \\|`,
      )
      expect(source, resident.name).toMatch(row)
    }
  })
})

describe('bank cards', () => {
  it('are Luhn-valid, match the BIN table and belong to a resident', () => {
    for (const card of BANK_CARDS) {
      expect(luhnValid(card.cardNumber), card.cardNumber).toBe(true)
      expect(lookupBin(card.cardNumber)).toMatchObject({
        supported: true,
        bankCode: card.bankCode,
        cardType: card.cardType,
      })
      expect(findResidentByIdNumber(card.holderIdNumber)).toBeDefined()
      expect(card.reservedPhone).toMatch(/^1[3-9]\d{9}$/)
      expect(Number.isSafeInteger(card.singleLimitFen) && card.singleLimitFen > 0).toBe(true)
      expect(card.dailyLimitFen).toBeGreaterThanOrEqual(card.singleLimitFen)
      if (card.cardType === 'DEBIT') {
        expect(Number.isSafeInteger(card.balanceFen) && card.balanceFen >= 0).toBe(true)
      } else {
        expect(card.expiry).toMatch(/^(0[1-9]|1[0-2])\/\d{2}$/)
        expect(card.cvn).toMatch(/^\d{3}$/)
        expect(card.usedFen).toBeLessThanOrEqual(card.creditLimitFen)
      }
    }
  })

  it('has demo cards in every state, debit and credit, and a differing reserved phone', () => {
    const states = new Set(DEMO_CARDS.map((demo) => demo.card.state))
    expect([...states].sort()).toEqual([...CARD_STATES].sort())
    const zhangWei = DEMO_RESIDENTS[0]
    const zhangWeiStates = DEMO_CARDS.filter(
      (demo) => demo.card.holderIdNumber === zhangWei?.idNumber,
    ).map((demo) => demo.card.state)
    expect(new Set(zhangWeiStates).size).toBe(CARD_STATES.length)
    const mismatched = DEMO_CARDS.filter((demo) => {
      const holder = findResidentByIdNumber(demo.card.holderIdNumber)
      return holder?.phone !== demo.card.reservedPhone
    })
    expect(mismatched).toHaveLength(1)
  })

  it('gives every other resident at least one debit card', () => {
    for (const resident of RESIDENTS.slice(DEMO_RESIDENTS.length)) {
      const cards = BANK_CARDS.filter((card) => card.holderIdNumber === resident.idNumber)
      expect(cards.some((card) => card.cardType === 'DEBIT' && card.state === 'ACTIVE')).toBe(true)
    }
  })

  it('keeps the not-held numbers out of the books and fails them as documented', () => {
    const held = new Set(BANK_CARDS.map((card) => card.cardNumber))
    for (const { cardNumber } of CARD_NUMBERS_NOT_HELD) expect(held.has(cardNumber)).toBe(false)
    const [unknownAtBank, psbc, prepaid, semiCredit, visa, typo] = CARD_NUMBERS_NOT_HELD
    expect(lookupBin(unknownAtBank?.cardNumber ?? '')).toMatchObject({ supported: true })
    expect(lookupBin(psbc?.cardNumber ?? '')).toMatchObject({ supported: false })
    expect(lookupBin(prepaid?.cardNumber ?? '')).toMatchObject({ cardType: 'PREPAID' })
    expect(lookupBin(semiCredit?.cardNumber ?? '')).toMatchObject({ cardType: 'SEMI_CREDIT' })
    expect(lookupBin(visa?.cardNumber ?? '')).toBeUndefined()
    expect(luhnValid(typo?.cardNumber ?? '')).toBe(false)
  })

  it('documents the demo cards in the header tables', () => {
    const source = readFileSync(new URL('../demo/cards.ts', import.meta.url), 'utf8')
    const asComment = (markdown: string): string =>
      markdown
        .split('\n')
        .map((line) => ` * ${line}`)
        .join('\n')
    expect(source).toContain(asComment(demoCardTableMarkdown()))
    expect(source).toContain(asComment(cardsNotHeldTableMarkdown()))
  })
})

describe('determinism', () => {
  // Stored data (the bank simulator's journal, the wallet's users) refers to these people and
  // cards; if this fingerprint changes, existing data directories no longer match the demo.
  it('produces the same population on every run', () => {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ RESIDENTS, BANK_CARDS }))
      .digest('hex')
    expect(fingerprint).toBe('8586c1a5e6c65e7cb02eb4c74f403c90e296126bcede590a56a0b4c9c26da8f9')
  })
})
