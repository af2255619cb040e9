/**
 * The platform fee on a payment. Rule (written down here and in the property test): the exact
 * fee is amountFen × rateBp / 10 000; it is rounded half up to the fen (0.5 fen → 1 fen), never
 * below 0 and never above the amount. Integer arithmetic only: no float ever touches money.
 */
export const FEE_RATE_BP_MAX = 10_000
const BP_PER_WHOLE = 10_000

export function feeFen(amountFen: number, rateBp: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError('amountFen')
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > FEE_RATE_BP_MAX) {
    throw new RangeError('rateBp')
  }
  // BigInt: amount × rate may pass 2^53 for large amounts.
  const product = BigInt(amountFen) * BigInt(rateBp)
  const rounded = (product * 2n + BigInt(BP_PER_WHOLE)) / BigInt(2 * BP_PER_WHOLE)
  return Math.min(Number(rounded), amountFen)
}
