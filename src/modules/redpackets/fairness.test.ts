/**
 * The fairness proof: for 1,000 random packets (every split, 1–100 shares, 1 fen to ¥200) the
 * stand-alone verifier (scripts/verify-redpacket.mjs, no shared code) recomputes every share the
 * module drew, and the module's verifySplit agrees; a changed amount, seed or order is caught.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verify as verifyStandAlone } from '../../../scripts/verify-redpacket.mjs'
import { commitmentOf, type Split, splitShares, uniform, verifySplit } from './fairness.ts'

function randomPacket(index: number) {
  const shares = 1 + (randomBytes(1)[0]! % 100)
  const totalFen = shares + (randomBytes(2).readUInt16BE(0) % (20_000 - shares + 1))
  const splits: Split[] = ['double_average', 'cut', 'equal']
  const split = splits[index % 3]!
  const equalTotal = Math.max(1, Math.floor(totalFen / shares)) * shares
  const seedHex = randomBytes(32).toString('hex')
  const packetId = `rp_${randomBytes(10).toString('hex')}`
  return { seedHex, packetId, split, shares, totalFen: split === 'equal' ? equalTotal : totalFen }
}

describe('lq-redpacket-v1', () => {
  it('is recomputed exactly by the stand-alone verifier for 1,000 random packets', () => {
    for (let index = 0; index < 1_000; index++) {
      const packet = randomPacket(index)
      const amounts = splitShares(packet)
      expect(amounts.every((fen) => fen >= 1)).toBe(true)
      expect(amounts.reduce((sum, fen) => sum + fen, 0)).toBe(packet.totalFen)
      const opens = amounts.map((amountFen, slot) => ({ slot, userId: `u${slot}`, amountFen }))
      const proof = {
        algorithm: 'lq-redpacket-v1',
        packetId: packet.packetId,
        split: packet.split,
        totalFen: packet.totalFen,
        shares: packet.shares,
        commitment: commitmentOf(packet.seedHex, packet.packetId),
        seed: packet.seedHex,
        opens,
      }
      const standAlone = verifyStandAlone(proof)
      expect(standAlone.problems).toEqual([])
      expect(standAlone.expected).toEqual(amounts)
      expect(verifySplit({ ...packet, commitmentHex: proof.commitment, opens }).ok).toBe(true)
    }
  })

  it('catches a changed amount, a swapped seed and a reordering', () => {
    const packet = { ...randomPacket(0), shares: 10, totalFen: 10_000 }
    const amounts = splitShares(packet)
    const opens = amounts.map((amountFen, slot) => ({ slot, userId: `u${slot}`, amountFen }))
    const proof = {
      algorithm: 'lq-redpacket-v1',
      packetId: packet.packetId,
      split: packet.split,
      totalFen: packet.totalFen,
      shares: packet.shares,
      commitment: commitmentOf(packet.seedHex, packet.packetId),
      seed: packet.seedHex,
      opens,
    }
    const changed = opens.map((open, slot) =>
      slot === 3 ? { ...open, amountFen: open.amountFen + 1 } : open,
    )
    expect(verifyStandAlone({ ...proof, opens: changed }).ok).toBe(false)
    expect(
      verifyStandAlone({ ...proof, seed: randomBytes(32).toString('hex') }).problems,
    ).toContain('the seed does not match the commitment')
    expect(verifyStandAlone({ ...proof, opens: [...opens].reverse() }).ok).toBe(false)
    expect(verifyStandAlone({ ...proof, seed: null }).ok).toBe(false)
  })

  it('keeps each double-average draw within twice the mean of what is left', () => {
    const packet = {
      ...randomPacket(0),
      split: 'double_average' as const,
      shares: 10,
      totalFen: 10_000,
    }
    const amounts = splitShares(packet)
    let leftFen = packet.totalFen
    for (let slot = 0; slot < 9; slot++) {
      expect(amounts[slot]).toBeLessThanOrEqual(Math.floor((2 * leftFen) / (10 - slot)))
      leftFen -= amounts[slot]!
    }
  })

  it('draws uniformly (rejection sampling) over a small range', () => {
    const seed = randomBytes(32)
    const counts = [0, 0, 0]
    for (let index = 0; index < 3_000; index++) counts[uniform(seed, 'rp_x', `t:${index}`, 3)]! += 1
    for (const count of counts) expect(Math.abs(count - 1_000)).toBeLessThan(150)
  })
})
