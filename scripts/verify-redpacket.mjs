#!/usr/bin/env node
// Stand-alone verifier for Lingqian red packets (algorithm lq-redpacket-v1). Needs only node: it
// shares no code with the server on purpose, so it checks the server rather than repeating it.
//
//   node scripts/verify-redpacket.mjs proof.json        (a saved GET /api/v1/me/redpackets/<id>/proof)
//   curl … /proof | node scripts/verify-redpacket.mjs   (or from stdin)
//
// It checks SHA-256(seed ‖ packetId) against the commitment published at send time, recomputes
// every share from the seed in opening order, and compares each with what the ledger credited.
// Exit status 0 when everything matches, 1 when anything does not, 2 when the input is unusable.
import { createHash, createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const TWO_POW_48 = 2 ** 48

/** Uniform in [0, n): HMAC-SHA256(seed, `${packetId}:${label}:${attempt}`), 48 bits, rejection. */
export function uniform(seed, packetId, label, n) {
  const acceptBelow = Math.floor(TWO_POW_48 / n) * n
  for (let attempt = 0; attempt < 64; attempt++) {
    const x = createHmac('sha256', seed)
      .update(`${packetId}:${label}:${attempt}`)
      .digest()
      .readUIntBE(0, 6)
    if (x < acceptBelow) return x % n
  }
  throw new Error('no draw accepted')
}

export function commitment(seedHex, packetId) {
  const bytes = Buffer.concat([Buffer.from(seedHex, 'hex'), Buffer.from(packetId, 'utf8')])
  return createHash('sha256').update(bytes).digest('hex')
}

/** Every share in opening order. */
export function shares({ seed: seedHex, packetId, split, totalFen, shares: n }) {
  const seed = Buffer.from(seedHex, 'hex')
  if (split === 'equal') return Array(n).fill(totalFen / n)
  if (split === 'double_average') {
    const out = []
    let left = totalFen
    for (let i = 0; i < n - 1; i++) {
      const upper = Math.min(Math.floor((2 * left) / (n - i)), left - (n - i - 1))
      const share = 1 + uniform(seed, packetId, `share:${i}`, upper)
      out.push(share)
      left -= share
    }
    return [...out, left]
  }
  if (split === 'cut') {
    const places = totalFen - 1
    const cuts = new Set()
    for (let j = places - n + 2; j <= places; j++) {
      const t = 1 + uniform(seed, packetId, `cut:${j}`, j)
      cuts.add(cuts.has(t) ? j : t)
    }
    const points = [...[...cuts].sort((a, b) => a - b), totalFen]
    return points.map((point, index) => point - (index === 0 ? 0 : points[index - 1]))
  }
  throw new Error(`unknown split ${split}`)
}

/** { ok, problems[], expected[] } for a proof object. */
export function verify(proof) {
  const problems = []
  if (proof.algorithm !== 'lq-redpacket-v1') problems.push(`unknown algorithm ${proof.algorithm}`)
  if (typeof proof.seed !== 'string')
    return {
      ok: false,
      problems: ['the seed is not revealed yet (packet still active)'],
      expected: [],
    }
  if (commitment(proof.seed, proof.packetId) !== proof.commitment)
    problems.push('the seed does not match the commitment')
  const expected = shares(proof)
  if (expected.reduce((a, b) => a + b, 0) !== proof.totalFen)
    problems.push('shares do not sum to the total')
  proof.opens.forEach((open, index) => {
    if (open.slot !== index) problems.push(`opening ${index} has slot ${open.slot}`)
    if (open.amountFen !== null && open.amountFen !== expected[open.slot])
      problems.push(
        `slot ${open.slot}: credited ${open.amountFen}, the seed gives ${expected[open.slot]}`,
      )
  })
  return { ok: problems.length === 0, problems, expected }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let proof
  try {
    proof = JSON.parse(readFileSync(process.argv[2] ?? 0, 'utf8'))
  } catch (error) {
    process.stderr.write(`cannot read a proof: ${error.message}\n`)
    process.exit(2)
  }
  const result = verify(proof)
  for (const [slot, fen] of result.expected.entries()) {
    const open = proof.opens[slot]
    const who = open ? open.userId : '(not opened)'
    process.stdout.write(`slot ${slot}  ${(fen / 100).toFixed(2).padStart(7)}  ${who}\n`)
  }
  for (const problem of result.problems) process.stdout.write(`PROBLEM ${problem}\n`)
  process.stdout.write(
    result.ok
      ? `packet ${proof.packetId}: fair, every share recomputed\n`
      : `packet ${proof.packetId}: NOT VERIFIED\n`,
  )
  process.exit(result.ok ? 0 : 1)
}
