import { describe, expect, it } from 'vitest'
import {
  formFromSearch,
  queryOfForm,
  searchOfForm,
  shanghaiMonthOf,
  shiftMonth,
} from './record-filters'

const EMPTY = { month: '', sourceKind: '', direction: '', minYuan: '', maxYuan: '', search: '' }

describe('the record filter form', () => {
  it('turns yuan into fen without floats and keeps 0 as a lower bound', () => {
    expect(queryOfForm({ ...EMPTY, minYuan: '0', maxYuan: '12.3' })).toEqual({
      minAmountFen: 0,
      maxAmountFen: 1_230,
    })
    expect(queryOfForm({ ...EMPTY, minYuan: '0.07' })).toEqual({ minAmountFen: 7 })
    expect(queryOfForm({ ...EMPTY, maxYuan: '1.005' })).toBe('INVALID_AMOUNT')
    expect(queryOfForm({ ...EMPTY, maxYuan: 'abc' })).toBe('INVALID_AMOUNT')
  })

  it('sends only known kinds, directions and real months', () => {
    expect(
      queryOfForm({ ...EMPTY, month: '2026-13', sourceKind: 'LOAN', direction: 'sideways' }),
    ).toEqual({})
    expect(
      queryOfForm({ ...EMPTY, month: '2026-12', sourceKind: 'PAYMENT', direction: 'out' }),
    ).toEqual({ month: '2026-12', sourceKind: 'PAYMENT', direction: 'out' })
    expect(queryOfForm({ ...EMPTY, search: '  咖啡 ' })).toEqual({ search: '咖啡' })
  })

  it('round-trips through the page URL', () => {
    const form = { ...EMPTY, month: '2026-12', search: '咖啡', minYuan: '5' }
    const search = searchOfForm(form)
    expect(search).toBe('?month=2026-12&min=5&q=%E5%92%96%E5%95%A1')
    expect(formFromSearch(new URLSearchParams(search))).toEqual(form)
    expect(searchOfForm(EMPTY)).toBe('')
  })

  it('counts months in Shanghai time', () => {
    // 2026-11-30T16:00Z is already 1 December in Beijing.
    expect(shanghaiMonthOf(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12')
    expect(shanghaiMonthOf(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
  })
})
