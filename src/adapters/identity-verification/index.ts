/**
 * @module identity-verification
 * Checks that a name belongs to an ID number through an external channel (in production a
 * licensed provider in front of the Ministry of Public Security's NCIIC service). The offline
 * default answers from the simulated population in demo/residents.ts, the same people the bank
 * simulator knows, so a fresh install verifies its demo residents with nothing configured.
 */

/** MATCH: the name is the holder's. MISMATCH: the number exists, the name differs. */
export type IdentityMatch = 'MATCH' | 'MISMATCH' | 'UNKNOWN'

export interface IdentityVerifier {
  /** `idNumber` is normalized (18 characters, upper-case X); `name` as the user typed it. */
  verify(name: string, idNumber: string): Promise<IdentityMatch>
}

export { createOfflineIdentityVerifier, normalizePersonName, offlineRegister } from './offline.ts'
