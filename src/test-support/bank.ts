/** The bank simulator for wallet tests: a real HTTP server on a free port, in this process. */
import { buildBankSimulator } from '../../bank-sim/server.ts'

export interface TestBank {
  url: string
  /** Calls the simulator's admin API (faults, card state, clock). */
  admin(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>>
  close(): Promise<void>
}

export async function startTestBank(options: {
  clock: () => number
  hangMs?: number
  dataDir?: string
}): Promise<TestBank> {
  const simulator = buildBankSimulator({
    clock: options.clock,
    hangMs: options.hangMs ?? 1_500,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  })
  await simulator.listen({ host: '127.0.0.1', port: 0 })
  const address = simulator.server.address()
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
  const url = `http://127.0.0.1:${address.port}`
  return {
    url,
    async admin(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      })
      const text = await response.text()
      return text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {}
    },
    close: () => simulator.close(),
  }
}
