/**
 * The browser's fairness check (Web Crypto) against the stand-alone verifier (which
 * src/modules/redpackets/fairness.test.ts pins to the server's own split on 1,000 packets): for
 * 300 random packets of every split it recomputes exactly the same shares and accepts the proof;
 * a changed amount, a changed seed or a swapped order is refused.
 */
import { describe, expect, it } from 'vitest'
import type { RedPacketProof } from '@contract/redpackets'
import {
  commitment as serverCommitment,
  shares as splitShares,
} from '../../../../scripts/verify-redpacket.mjs'
import { checkProof, commitmentOf } from './fairness'

/** `count` random bytes as hex, or as a number below 2^(8·count) (count ≤ 6). */
const randomHex = (count: number) =>
  [...crypto.getRandomValues(new Uint8Array(count))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')
const randomInt = (count: number) => parseInt(randomHex(count), 16)

const SPLITS = ['double_average', 'cut', 'equal'] as const

function randomProof(index: number): RedPacketProof {
  const shares = 1 + (randomInt(1) % 100)
  const split = SPLITS[index % 3]!
  const anyTotal = shares + (randomInt(2) % (20_000 - shares + 1))
  const totalFen =
    split === 'equal' ? Math.max(1, Math.floor(anyTotal / shares)) * shares : anyTotal
  const seed = randomHex(32)
  const packetId = `rp_${randomHex(10)}`
  const amounts = splitShares({ seed, packetId, split, totalFen, shares })
  return {
    algorithm: 'lq-redpacket-v1',
    packetId,
    split,
    totalFen,
    shares,
    status: 'FINISHED',
    commitment: serverCommitment(seed, packetId),
    seed,
    opens: amounts.map((amountFen, slot) => ({ slot, userId: `u${slot}`, amountFen })),
  }
}

describe('the fairness proof in the browser', () => {
  it('recomputes every share the server drew, for 300 random packets', async () => {
    for (let index = 0; index < 300; index++) {
      const proof = randomProof(index)
      const check = await checkProof(proof)
      expect(check?.ok, proof.packetId).toBe(true)
      expect(check?.shares.map((share) => share.expectedFen)).toEqual(
        proof.opens.map((open) => open.amountFen),
      )
    }
  })

  it('computes the same commitment as the server', async () => {
    const seed = randomHex(32)
    expect(await commitmentOf(seed, 'rp_abc')).toBe(serverCommitment(seed, 'rp_abc'))
  })

  it('refuses a changed amount, another seed, a swapped order', async () => {
    const proof = randomProof(0)
    while (proof.shares < 2) Object.assign(proof, randomProof(3))
    const changed = structuredClone(proof)
    changed.opens[0]!.amountFen = (changed.opens[0]!.amountFen ?? 0) + 1
    const changedCheck = await checkProof(changed)
    expect(changedCheck?.ok).toBe(false)
    expect(changedCheck?.shares[0]?.ok).toBe(false)
    const reseeded = { ...proof, seed: randomHex(32) }
    expect((await checkProof(reseeded))?.commitmentMatches).toBe(false)
    const swapped = structuredClone(proof)
    swapped.opens.reverse()
    expect((await checkProof(swapped))?.ok).toBe(false)
    expect(await checkProof({ ...proof, seed: null })).toBeNull()
  })

  it('leaves unopened shares of an expired packet unmarked, not failed', async () => {
    const proof = randomProof(1)
    const expired = { ...proof, status: 'EXPIRED', opens: proof.opens.slice(0, 1) }
    const check = await checkProof(expired)
    expect(check?.ok).toBe(true)
    expect(check?.shares.slice(1).every((share) => share.ok === null)).toBe(true)
  })
})
