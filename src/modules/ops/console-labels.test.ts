/**
 * Every code the admin console can show has words in both languages: the server's lists
 * (audit actions, detail keys and coded values, status reasons, reconciliation problems,
 * security rule names, the kinds of job the app registers) against the console's label tables in
 * web/src/admin/labels.ts.
 */
import { describe, expect, it } from 'vitest'
import { MISMATCH_PROBLEMS } from '../../http/contract/reconciliation.ts'
import {
  AUDIT_ACTIONS,
  AUDIT_DETAIL_CODES,
  AUDIT_DETAIL_KEYS,
  STATUS_REASON_CODES,
} from '../../shared/audit-codes.ts'
import { ERROR_MESSAGES } from '../../shared/errors.ts'
import { APP_JOB_KINDS } from '../../shared/job-kinds.ts'
import { createTestApp } from '../../test-support/app.ts'
import { DEFAULT_SECURITY_RULES } from '../identity/index.ts'

interface Label {
  zh: string
  en: string
}
type LabelTable = Record<string, Label>
interface ConsoleLabels {
  AUDIT_ACTION_LABELS: LabelTable
  AUDIT_DETAIL_KEY_LABELS: LabelTable
  AUDIT_DETAIL_CODE_LABELS: LabelTable
  STATUS_REASON_LABELS: LabelTable
  MISMATCH_PROBLEM_LABELS: LabelTable
  JOB_KIND_LABELS: LabelTable
}

// A path the server's type check does not follow: the web app is checked by its own config.
const LABELS_PATH = '../../../web/src/admin/labels.ts'
const labels = (await import(/* @vite-ignore */ LABELS_PATH)) as ConsoleLabels

/** Codes of `codes` without a Chinese and an English label, and labels of no code. */
function gaps(codes: readonly string[], table: LabelTable): { missing: string[]; extra: string[] } {
  const missing = codes.filter((code) => {
    const label = Object.hasOwn(table, code) ? table[code] : undefined
    return !(label && label.zh.trim() !== '' && label.en.trim() !== '' && label.zh !== code)
  })
  const extra = Object.keys(table).filter((code) => !codes.includes(code))
  return { missing, extra }
}

const none = { missing: [], extra: [] }

describe('the admin console labels every code it shows, in Chinese and English', () => {
  it('labels every audit action', () => {
    expect(gaps(AUDIT_ACTIONS, labels.AUDIT_ACTION_LABELS)).toEqual(none)
  })

  it('labels every detail key, including every security rule name', () => {
    expect(gaps(AUDIT_DETAIL_KEYS, labels.AUDIT_DETAIL_KEY_LABELS)).toEqual(none)
    const ruleNames = Object.keys(DEFAULT_SECURITY_RULES)
    expect(
      ruleNames.filter((name) => !(AUDIT_DETAIL_KEYS as readonly string[]).includes(name)),
    ).toEqual([])
  })

  it('labels every coded detail value and status reason', () => {
    expect(gaps(AUDIT_DETAIL_CODES, labels.AUDIT_DETAIL_CODE_LABELS)).toEqual(none)
    expect(gaps(STATUS_REASON_CODES, labels.STATUS_REASON_LABELS)).toEqual(none)
  })

  it('labels every reconciliation problem', () => {
    expect(gaps(MISMATCH_PROBLEMS, labels.MISMATCH_PROBLEM_LABELS)).toEqual(none)
  })

  it('labels every kind of job the app registers', async () => {
    expect(gaps(APP_JOB_KINDS, labels.JOB_KIND_LABELS)).toEqual(none)
    // The list is the app's: a kind registered outside it would show raw on the jobs page.
    const app = await createTestApp()
    try {
      expect(app.jobs.kinds().sort()).toEqual([...APP_JOB_KINDS].sort())
    } finally {
      await app.close()
    }
  })

  it('has words for every error code the console can be answered with', () => {
    // The console shows the server's own message of an error, so each needs both languages.
    const table = ERROR_MESSAGES as unknown as LabelTable
    expect(gaps(Object.keys(ERROR_MESSAGES), table).missing).toEqual([])
  })

  it('finds a missing label (the check can fail)', () => {
    const { 'pin.set': _removed, ...short } = labels.AUDIT_ACTION_LABELS
    expect(gaps(AUDIT_ACTIONS, { ...short, 'x.y': { zh: '某', en: 'Some' } })).toEqual({
      missing: ['pin.set'],
      extra: ['x.y'],
    })
    expect(gaps(['a'], { a: { zh: '', en: 'A' } }).missing).toEqual(['a'])
  })
})
