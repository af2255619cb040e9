/** The offline identity verifier: answers from the simulated population (demo/residents.ts). */
import { findResidentByIdNumber } from '../../../demo/residents.ts'
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
