/**
 * The storm's openers as a client apart from the server: a worker thread sends every open at once
 * and times the answers, the way pgbench's clients run in their own threads. On one event loop
 * the 1,000 clients' fetches would take turns with the server that answers them, and the storm
 * would measure the bench as much as the app.
 */
import { Worker } from 'node:worker_threads'

export interface OpenRequest {
  authorization: string
  packetId: string
}

export interface OpenResult {
  /** Since the storm started, until this opener had its answer. */
  ms: number
  status: number
  amountFen?: number
  code?: string
}

// Plain JavaScript (an eval worker): no TypeScript loader in the thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
async function main() {
  const { baseUrl, opens } = workerData
  const startMs = performance.now()
  const results = await Promise.all(opens.map(async (open) => {
    // A fresh connection per opener (each is a different phone).
    const response = await fetch(baseUrl + '/api/v1/me/redpackets/' + open.packetId + '/open', {
      method: 'POST',
      headers: { authorization: open.authorization, connection: 'close' },
    })
    const body = await response.json()
    return { ms: performance.now() - startMs, status: response.status,
      amountFen: body.amountFen, code: body.code }
  }))
  parentPort.postMessage({ results, allAnsweredMs: performance.now() - startMs })
}
main().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }))
`

export function openAllAtOnce(
  baseUrl: string,
  opens: OpenRequest[],
): Promise<{ results: OpenResult[]; allAnsweredMs: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { baseUrl, opens } })
    worker.once('message', (message: { error?: string; results: OpenResult[] }) => {
      void worker.terminate()
      if (message.error !== undefined) reject(new Error(message.error))
      else resolve(message as { results: OpenResult[]; allAnsweredMs: number })
    })
    worker.once('error', reject)
  })
}
