/**
 * Provably fair splits (algorithm `lq-redpacket-v1`, written out in the README and re-implemented
 * stand-alone in scripts/verify-redpacket.mjs). At send time the packet commits to
 * `SHA-256(seed ‖ packetId)`; every share is a pure function of the seed, the packet id, the
 * split, the total and the number of shares, in opening order: the i-th person to open gets
 * share i. Once the packet is finished or expired the seed is published and anyone can recompute
 * every share and check it against the commitment.
 *
 * Draws: `uniform(label, n)` is HMAC-SHA256(key = seed bytes, message = `${packetId}:${label}:${attempt}`),
 * its first 6 bytes read as a big-endian integer x < 2^48; x is accepted when x < ⌊2^48 / n⌋·n
 * (rejection sampling, so every value in [0, n) is exactly equally likely) and gives x mod n;
 * otherwise attempt + 1.
 */
import { createHash, createHmac } from 'node:crypto'
import { assert } from '../../shared/assert.ts'

export const FAIRNESS_ALGORITHM = 'lq-redpacket-v1'

export const SPLITS = ['equal', 'double_average', 'cut'] as const
export type Split = (typeof SPLITS)[number]

const TWO_POW_48 = 2 ** 48
const ATTEMPTS_MAX = 64

/** SHA-256(seed bytes ‖ packet id as UTF-8), hex. */
export function commitmentOf(seedHex: string, packetId: string): string {
  assert(/^[0-9a-f]{64}$/.test(seedHex), 'seed is 32 bytes of hex')
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(seedHex, 'hex'), Buffer.from(packetId, 'utf8')]))
    .digest('hex')
}

/** A uniform integer in [0, rangeSize), deterministic in (seed, packetId, label). */
export function uniform(seed: Buffer, packetId: string, label: string, rangeSize: number): number {
  assert(Number.isSafeInteger(rangeSize) && rangeSize >= 1 && rangeSize < TWO_POW_48, 'range')
  const acceptBelow = Math.floor(TWO_POW_48 / rangeSize) * rangeSize
  for (let attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
    const digest = createHmac('sha256', seed).update(`${packetId}:${label}:${attempt}`).digest()
    const x = digest.readUIntBE(0, 6)
    if (x < acceptBelow) return x % rangeSize
  }
  // Each attempt is accepted with probability > 1/2: 64 rejections in a row do not happen.
  throw new Error('uniform: no draw accepted')
}

export interface SplitInput {
  seedHex: string
  packetId: string
  split: Split
  totalFen: number
  shares: number
}

/** Every share in opening order; they are all ≥ 1 fen and sum to the total exactly. */
export function splitShares(input: SplitInput): number[] {
  const { totalFen, shares } = input
  assert(Number.isSafeInteger(totalFen) && Number.isSafeInteger(shares), 'integers')
  assert(shares >= 1 && totalFen >= shares, 'every share gets at least 1 fen')
  const seed = Buffer.from(input.seedHex, 'hex')
  let result: number[]
  if (input.split === 'equal') {
    assert(totalFen % shares === 0, 'an equal split divides the total')
    result = new Array<number>(shares).fill(totalFen / shares)
  } else if (input.split === 'double_average') {
    result = doubleAverage(seed, input.packetId, totalFen, shares)
  } else {
    result = cutLine(seed, input.packetId, totalFen, shares)
  }
  assert(result.length === shares, 'one amount per share')
  assert(result.reduce((sum, share) => sum + share, 0) === totalFen, 'shares sum to the total')
  assert(
    result.every((share) => share >= 1),
    'nobody gets zero',
  )
  return result
}

/**
 * 二倍均值: share i (of n, with R fen left) is uniform in [1, min(⌊2R / (n − i)⌋, R − (n − i − 1))],
 * label `share:<i>`; the last share is what is left. Fair in expectation, not in distribution:
 * later shares vary more (the README discloses the measured bias).
 */
function doubleAverage(seed: Buffer, packetId: string, totalFen: number, shares: number) {
  const result: number[] = []
  let remainingFen = totalFen
  for (let index = 0; index < shares - 1; index++) {
    const sharesLeft = shares - index
    const upperFen = Math.min(
      Math.floor((2 * remainingFen) / sharesLeft),
      remainingFen - (sharesLeft - 1),
    )
    const share = 1 + uniform(seed, packetId, `share:${index}`, upperFen)
    result.push(share)
    remainingFen -= share
  }
  result.push(remainingFen)
  return result
}

/**
 * Line cutting (exchangeable): n − 1 distinct cut points among the T − 1 places between fen,
 * chosen uniformly by Floyd's algorithm (for j = T − n + 1 … T − 1: t = 1 + uniform(`cut:<j>`, j);
 * take t, or j when t is taken), sorted; the shares are the gaps. Every opening position has the
 * same distribution. The total is at most the packet cap, so no share can exceed it.
 */
function cutLine(seed: Buffer, packetId: string, totalFen: number, shares: number) {
  const places = totalFen - 1
  const cuts = new Set<number>()
  for (let j = places - (shares - 1) + 1; j <= places; j++) {
    const t = 1 + uniform(seed, packetId, `cut:${j}`, j)
    cuts.add(cuts.has(t) ? j : t)
  }
  const sorted = [...cuts].sort((a, b) => a - b)
  const result: number[] = []
  let previous = 0
  for (const cut of [...sorted, totalFen]) {
    result.push(cut - previous)
    previous = cut
  }
  return result
}

export interface OpeningRecord {
  slot: number
  amountFen: number
}

export interface VerificationInput extends SplitInput {
  commitmentHex: string
  opens: OpeningRecord[]
}

export interface VerificationResult {
  ok: boolean
  commitmentMatches: boolean
  expectedShares: number[]
  /** Slots whose published amount differs from the recomputed one. */
  mismatchedSlots: number[]
}

/** Recomputes every share from the revealed seed and checks the commitment and each opening. */
export function verifySplit(input: VerificationInput): VerificationResult {
  const commitmentMatches = commitmentOf(input.seedHex, input.packetId) === input.commitmentHex
  const expectedShares = splitShares(input)
  const mismatchedSlots = input.opens
    .filter((open) => expectedShares[open.slot] !== open.amountFen)
    .map((open) => open.slot)
  const slotsInOrder = input.opens.every((open, index) => open.slot === index)
  return {
    ok: commitmentMatches && mismatchedSlots.length === 0 && slotsInOrder,
    commitmentMatches,
    expectedShares,
    mismatchedSlots,
  }
}
