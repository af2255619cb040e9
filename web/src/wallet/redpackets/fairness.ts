/**
 * The fairness check of a red packet, in the browser (algorithm `lq-redpacket-v1`, written out in
 * the README and in src/modules/redpackets/fairness.ts). Deliberately its own code on Web Crypto,
 * sharing nothing with the server, like scripts/verify-redpacket.mjs: it checks the server rather
 * than repeating it. A test runs it against the server's implementation on many packets.
 */
import type { RedPacketProof } from '@contract/redpackets'

export const FAIRNESS_ALGORITHM = 'lq-redpacket-v1'
const TWO_POW_48 = 2 ** 48
const ATTEMPTS_MAX = 64

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2)
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16)
  return bytes
}

function bytesToHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** SHA-256(seed bytes ‖ packet id as UTF-8), hex. */
export async function commitmentOf(seedHex: string, packetId: string): Promise<string> {
  const seed = hexToBytes(seedHex)
  const id = new TextEncoder().encode(packetId)
  const message = new Uint8Array(seed.length + id.length)
  message.set(seed)
  message.set(id, seed.length)
  return bytesToHex(await crypto.subtle.digest('SHA-256', message))
}

/** Draws uniform integers in [0, n) from HMAC-SHA256(seed, `${packetId}:${label}:${attempt}`). */
async function drawer(seedHex: string, packetId: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    hexToBytes(seedHex),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const encoder = new TextEncoder()
  return async (label: string, rangeSize: number): Promise<number> => {
    const acceptBelow = Math.floor(TWO_POW_48 / rangeSize) * rangeSize
    for (let attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
      const message = encoder.encode(`${packetId}:${label}:${attempt}`)
      const digest = new Uint8Array(await crypto.subtle.sign('HMAC', key, message))
      // The first 6 bytes, big-endian (48 bits: exact in a double).
      let x = 0
      for (let index = 0; index < 6; index++) x = x * 256 + (digest[index] as number)
      if (x < acceptBelow) return x % rangeSize
    }
    throw new Error('no draw accepted')
  }
}

export interface SplitFacts {
  seed: string
  packetId: string
  split: RedPacketProof['split']
  totalFen: number
  shares: number
}

/** Every share in opening order, recomputed from the revealed seed. */
export async function recomputeShares(facts: SplitFacts): Promise<number[]> {
  const { totalFen, shares: count } = facts
  if (facts.split === 'equal') return new Array<number>(count).fill(totalFen / count)
  const uniform = await drawer(facts.seed, facts.packetId)
  if (facts.split === 'double_average') {
    const result: number[] = []
    let leftFen = totalFen
    for (let index = 0; index < count - 1; index++) {
      const sharesLeft = count - index
      const upper = Math.min(Math.floor((2 * leftFen) / sharesLeft), leftFen - (sharesLeft - 1))
      const share = 1 + (await uniform(`share:${index}`, upper))
      result.push(share)
      leftFen -= share
    }
    return [...result, leftFen]
  }
  // Line cutting: n − 1 distinct cuts by Floyd's algorithm, sorted; the shares are the gaps.
  const places = totalFen - 1
  const cuts = new Set<number>()
  for (let j = places - count + 2; j <= places; j++) {
    const t = 1 + (await uniform(`cut:${j}`, j))
    cuts.add(cuts.has(t) ? j : t)
  }
  const points = [...[...cuts].sort((a, b) => a - b), totalFen]
  return points.map((point, index) => point - (index === 0 ? 0 : (points[index - 1] as number)))
}

export interface ShareCheck {
  slot: number
  expectedFen: number
  creditedFen: number | null
  /** The credited amount is the recomputed one (null: that share was never opened). */
  ok: boolean | null
}

export interface ProofCheck {
  ok: boolean
  commitmentMatches: boolean
  sumMatches: boolean
  shares: ShareCheck[]
}

/** Checks the commitment, recomputes every share and compares each opening with it. */
export async function checkProof(proof: RedPacketProof): Promise<ProofCheck | null> {
  if (proof.seed === null) return null
  const facts = { ...proof, seed: proof.seed }
  const commitmentMatches = (await commitmentOf(proof.seed, proof.packetId)) === proof.commitment
  const expected = await recomputeShares(facts)
  const sumMatches = expected.reduce((sum, fen) => sum + fen, 0) === proof.totalFen
  const shares = expected.map((expectedFen, slot) => {
    const open = proof.opens.find((candidate) => candidate.slot === slot)
    const creditedFen = open?.amountFen ?? null
    return {
      slot,
      expectedFen,
      creditedFen,
      ok: open === undefined ? null : creditedFen === expectedFen,
    }
  })
  const inOrder = proof.opens.every((open, index) => open.slot === index)
  const ok =
    proof.algorithm === FAIRNESS_ALGORITHM &&
    commitmentMatches &&
    sumMatches &&
    inOrder &&
    shares.every((share) => share.ok !== false)
  return { ok, commitmentMatches, sumMatches, shares }
}
