/**
 * `lingqian redpacket verify <id>`: recomputes every share of a finished or expired packet from
 * its revealed seed and the public opening order, checks the seed against the commitment made
 * at send time, and compares each share with what the ledger credited (exit 1 on any mismatch).
 * Runs against the running server through the CLI bridge like the other database commands.
 */
import type { RedPacketProof } from '../modules/redpackets/index.ts'
import { verifySplit } from '../modules/redpackets/index.ts'
import { DomainError } from '../shared/errors.ts'
import { formatFen } from '../shared/money.ts'
import { parseArgs } from 'node:util'
import type { CliCommand } from './commands.ts'
import { CommandFailure } from './failure.ts'

export interface RedPacketVerification {
  proof: RedPacketProof
  ok: boolean
  commitmentMatches: boolean
  expectedShares: number[]
  mismatchedSlots: number[]
}

/** Its own parse (commands.ts imports this file, so it cannot import commands.ts back). */
function parsed(args: string[]) {
  return parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  })
}

export const redPacketVerifyCommand: CliCommand<RedPacketVerification> = {
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  run: async (services, args) => {
    const packetId = parsed(args).positionals[0]
    if (packetId === undefined) throw new CommandFailure('name a red packet: rp_…', 2)
    const proof = await services.redPacketProof(packetId).catch((error: unknown) => {
      if (error instanceof DomainError) throw new CommandFailure(`no red packet ${packetId}`, 2)
      throw error
    })
    if (proof.seed === null)
      throw new CommandFailure(
        `red packet ${packetId} is still ${proof.status}: the seed is revealed once it is finished or expired`,
        2,
      )
    const result = verifySplit({
      seedHex: proof.seed,
      commitmentHex: proof.commitment,
      packetId: proof.packetId,
      split: proof.split,
      totalFen: proof.totalFen,
      shares: proof.shares,
      // A share still being credited (null) is recomputed, not compared.
      opens: proof.opens.flatMap((open) =>
        open.amountFen === null ? [] : [{ slot: open.slot, amountFen: open.amountFen }],
      ),
    })
    return { proof, ...result }
  },
  print: (result, args) => {
    const write = (line: string) => process.stdout.write(`${line}\n`)
    if (parsed(args).values.json === true) {
      write(JSON.stringify(result))
      return result.ok ? 0 : 1
    }
    const { proof } = result
    write(
      `red packet ${proof.packetId} (${proof.split}, ${proof.shares} shares, ${formatFen(proof.totalFen)}, ${proof.status})`,
    )
    write(
      `commitment ${proof.commitment} ${result.commitmentMatches ? 'matches' : 'DOES NOT MATCH'} the seed`,
    )
    for (const [slot, fen] of result.expectedShares.entries()) {
      const open = proof.opens[slot]
      const credited =
        open?.amountFen === undefined || open.amountFen === null
          ? ''
          : ` credited ${formatFen(open.amountFen)}`
      const mark = result.mismatchedSlots.includes(slot) ? '  MISMATCH' : ''
      write(
        `slot ${slot}: ${formatFen(fen)} ${open ? open.userId : '(not opened)'}${credited}${mark}`,
      )
    }
    write(result.ok ? 'fair: every share recomputed from the seed' : 'NOT VERIFIED')
    return result.ok ? 0 : 1
  },
}
