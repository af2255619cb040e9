import { describe, expect, it } from 'vitest'
import { DEMO_RESIDENTS, RESIDENTS } from '../../../demo/residents.ts'
import { makeIdNumber } from '../../shared/id-number.ts'
import { createOfflineIdentityVerifier, normalizePersonName } from './index.ts'

const verifier = createOfflineIdentityVerifier()

describe('offline identity verifier', () => {
  it('matches every resident of the simulated population by name and ID number', async () => {
    for (const resident of RESIDENTS) {
      expect(await verifier.verify(resident.name, resident.idNumber)).toBe('MATCH')
    }
  })

  it('says MISMATCH for a known number with another name', async () => {
    const [first, second] = DEMO_RESIDENTS
    if (first === undefined || second === undefined) throw new Error('demo residents missing')
    expect(await verifier.verify(second.name, first.idNumber)).toBe('MISMATCH')
  })

  it('says UNKNOWN for a valid number nobody holds', async () => {
    expect(await verifier.verify('张伟', makeIdNumber('110105', '19880312', '999'))).toBe('UNKNOWN')
  })

  it('accepts a lower-case x, spaces and full-width letters in what people type', async () => {
    const liu = DEMO_RESIDENTS.find((resident) => resident.idNumber.endsWith('X'))
    if (liu === undefined) throw new Error('a demo resident with X expected')
    expect(await verifier.verify(` ${liu.name} `, liu.idNumber.toLowerCase())).toBe('MATCH')
    expect(normalizePersonName('买买提 • 艾力')).toBe(normalizePersonName('买买提·艾力'))
    expect(normalizePersonName('ＡＢ')).toBe('AB')
  })
})
