/**
 * @module faults
 * Injected failures, so the wallet's handling of a misbehaving bank can be tested and shown:
 *
 * - DOWN: 503 BANK_UNAVAILABLE, nothing processed (maintenance window).
 * - ERROR: 500 BANK_INTERNAL_ERROR, nothing processed.
 * - TIMEOUT_BEFORE: hangs, nothing processed; then 504 if the client is still there.
 * - TIMEOUT_AFTER: processes and books the request, then hangs: the ambiguous case the wallet
 *   must resolve with GET /v1/requests/:requestId.
 * - NONE: no failure; with latencyMs, only slowness.
 *
 * Rules are matched newest first, by bank and/or card; a rule with neither matches every request,
 * including the read endpoints (a bank that is down answers nothing). `count` limits a rule to
 * the next N matching requests. Faults are test scaffolding and are not journaled.
 */
import { assert } from './assert.ts'

export type FaultMode = 'DOWN' | 'ERROR' | 'TIMEOUT_BEFORE' | 'TIMEOUT_AFTER' | 'NONE'
export const FAULT_MODES: readonly FaultMode[] = [
  'DOWN',
  'ERROR',
  'TIMEOUT_BEFORE',
  'TIMEOUT_AFTER',
  'NONE',
]

export const FAULT_RULES_MAX = 100
export const FAULT_LATENCY_MS_MAX = 60_000
export const FAULT_COUNT_MAX = 1_000_000

export interface FaultInput {
  bankCode?: string
  cardNumber?: string
  mode: FaultMode
  latencyMs?: number
  count?: number
}

export interface FaultRule {
  faultId: number
  bankCode?: string
  cardNumber?: string
  mode: FaultMode
  latencyMs: number
  /** Matching requests still to be hit; null = until cleared. */
  remainingCount: number | null
}

export interface FaultTarget {
  bankCode?: string
  cardNumber?: string
}

export class FaultTable {
  private rules: FaultRule[] = []
  private nextFaultId = 1

  add(input: FaultInput): FaultRule {
    assert(this.rules.length < FAULT_RULES_MAX, 'fault table is full')
    const latencyMs = input.latencyMs ?? 0
    assert(Number.isSafeInteger(latencyMs) && latencyMs >= 0, 'latencyMs ≥ 0')
    assert(latencyMs <= FAULT_LATENCY_MS_MAX, 'latencyMs within FAULT_LATENCY_MS_MAX')
    const count = input.count
    assert(count === undefined || (Number.isSafeInteger(count) && count >= 1), 'count ≥ 1')
    const rule: FaultRule = {
      faultId: this.nextFaultId++,
      mode: input.mode,
      latencyMs,
      remainingCount: count ?? null,
    }
    if (input.bankCode !== undefined) rule.bankCode = input.bankCode
    if (input.cardNumber !== undefined) rule.cardNumber = input.cardNumber
    this.rules.push(rule)
    return { ...rule }
  }

  get size(): number {
    return this.rules.length
  }

  clear(): number {
    const cleared = this.rules.length
    this.rules = []
    return cleared
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }))
  }

  /** The newest rule matching the target, counted as used; undefined when none applies. */
  take(target: FaultTarget): FaultRule | undefined {
    for (let index = this.rules.length - 1; index >= 0; index--) {
      const rule = this.rules[index]
      assert(rule !== undefined, 'index within bounds')
      if (rule.bankCode !== undefined && rule.bankCode !== target.bankCode) continue
      if (rule.cardNumber !== undefined && rule.cardNumber !== target.cardNumber) continue
      if (rule.remainingCount !== null) {
        rule.remainingCount -= 1
        if (rule.remainingCount === 0) this.rules.splice(index, 1)
      }
      return { ...rule }
    }
    return undefined
  }
}

/**
 * Waits `durationMs` unless `signal` aborts first. Resolves true when the full time passed,
 * false when aborted (client gone or simulator closing).
 */
export function delay(durationMs: number, signal: AbortSignal): Promise<boolean> {
  assert(Number.isSafeInteger(durationMs) && durationMs >= 0, 'delay needs a duration ≥ 0')
  if (signal.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, durationMs)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
