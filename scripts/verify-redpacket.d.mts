/** Types of the stand-alone verifier (scripts/verify-redpacket.mjs), for the tests that run it. */
export interface Proof {
  algorithm: string
  packetId: string
  split: 'equal' | 'double_average' | 'cut'
  totalFen: number
  shares: number
  commitment: string
  seed: string | null
  opens: { slot: number; userId: string; amountFen: number | null }[]
}
export function verify(proof: Proof): { ok: boolean; problems: string[]; expected: number[] }
export function shares(proof: Omit<Proof, 'opens' | 'algorithm' | 'commitment'>): number[]
export function commitment(seedHex: string, packetId: string): string
