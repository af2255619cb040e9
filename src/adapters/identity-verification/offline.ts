/** The offline identity verifier: answers from the simulated population (demo/residents.ts). */
import { DEMO_RESIDENTS, findResidentByIdNumber, RESIDENTS } from '../../../demo/residents.ts'
import { ageOn } from '../../shared/id-number.ts'
import type { IdentityMatch, IdentityVerifier } from './index.ts'

/**
 * Compares names the way a person would: full-width letters folded (NFKC), spaces dropped, and
 * the several middle dots people type in minority names (买买提·艾力) treated as one.
 */
export function normalizePersonName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[·•・‧∙]/g, '·')
}

export function createOfflineIdentityVerifier(): IdentityVerifier {
  return {
    async verify(name: string, idNumber: string): Promise<IdentityMatch> {
      const resident = findResidentByIdNumber(idNumber.trim())
      if (resident === undefined) return 'UNKNOWN'
      return normalizePersonName(resident.name) === normalizePersonName(name) ? 'MATCH' : 'MISMATCH'
    },
  }
}

const DEMO_ID_NUMBERS: ReadonlySet<string> = new Set(DEMO_RESIDENTS.map((r) => r.idNumber))

/**
 * The people the offline verifier knows who are at least `ageYearsMin` on `todayIso`, without
 * the named demo residents (their memorable phones belong to the seeded demo accounts): the
 * identities demo mode can hand a newcomer.
 */
export function offlineRegister(
  todayIso: string,
  ageYearsMin: number,
): { realName: string; idNumber: string; birthDate: string }[] {
  return RESIDENTS.filter(
    (resident) =>
      !DEMO_ID_NUMBERS.has(resident.idNumber) && ageOn(resident.birthDate, todayIso) >= ageYearsMin,
  ).map(({ name, idNumber, birthDate }) => ({ realName: name, idNumber, birthDate }))
}
