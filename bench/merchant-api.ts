/**
 * Merchant API benchmark (`npm run bench -- merchant-api`): v3 native orders per second with real
 * request signing (the merchant's RSA-2048 key, as the SDKs sign) and response signing (our
 * platform key, verified by the client), at 8 and 32 clients, against the PostgreSQL in
 * DATABASE_URL. The references in the same run: `http_baseline` (a bare Fastify JSON endpoint,
 * same clients, same transport) and `rsa_baseline` (RSA-2048 sign + verify pairs per second on
 * one thread: the server signs one answer and verifies one request per order, so this is the
 * most orders per second its thread could sign). Clients run in a worker thread, so their own
 * signing does not take the server's thread.
 */
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import Fastify from 'fastify'
import type { App } from '../src/app.ts'
import { openBenchApp } from './payments.ts'
import { percentile, type BenchRow } from './report.ts'

export interface MerchantApiBenchOptions {
  serverUrl: string
  durationS: number
  clients: number[]
  /** Orders are spread over this many merchants, each under the per-merchant rate limit. */
  merchants: number
}

interface BenchMerchant {
  mchid: string
  appid: string
  serial: string
  privateKeyPem: string
  platformKeys: Record<string, string>
}

const round2 = (value: number) => Math.round(value * 100) / 100

async function openMerchants(app: App, count: number): Promise<BenchMerchant[]> {
  const merchants: BenchMerchant[] = []
  for (let index = 0; index < count; index++) {
    const { merchant } = await app.merchants.onboard(
      { kind: 'system' },
      {
        creationKey: `bench:v3:${index}`,
        legalName: `接口压测商户${index}有限公司`,
        storeName: `接口压测${index}`,
        category: '5814',
        settlementCardNumber: '6212260000000000018',
      },
    )
    const credentials = await app.merchantApi.issueCredentials({
      merchantId: merchant.id,
      platformKeyMode: 'pubkey',
    })
    const platformKeys: Record<string, string> = {}
    for (const key of credentials.platform_keys) platformKeys[key.id] = key.pem
    merchants.push({
      mchid: credentials.mchid,
      appid: credentials.appid,
      serial: credentials.merchant_serial_no,
      privateKeyPem: credentials.merchant_private_key_pem as string,
      platformKeys,
    })
  }
  return merchants
}

/** Runs the client worker and turns its latencies into a row. */
function runClients(
  name: string,
  clients: number,
  data: Record<string, unknown>,
  durationS: number,
): Promise<BenchRow> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./merchant-api-client.mjs', import.meta.url), {
      workerData: { ...data, clients, durationMs: durationS * 1000 },
    })
    worker.once('error', reject)
    worker.once(
      'message',
      (message: { latenciesMs?: number[]; elapsedMs?: number; error?: string }) => {
        void worker.terminate()
        if (message.error !== undefined) return reject(new Error(`${name}: ${message.error}`))
        const latencies = (message.latenciesMs ?? []).sort((a, b) => a - b)
        resolve({
          name,
          clients,
          tps: Math.round(latencies.length / ((message.elapsedMs ?? 1) / 1000)),
          p50_ms: round2(percentile(latencies, 0.5)),
          p99_ms: round2(percentile(latencies, 0.99)),
        })
      },
    )
  })
}

async function httpBaseline(clients: number, durationS: number): Promise<BenchRow> {
  const server = Fastify({ logger: false })
  server.post('/json', async (request) => ({ ok: true, echo: request.body }))
  const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 })
  try {
    return await runClients('http_baseline', clients, { mode: 'baseline', baseUrl }, durationS)
  } finally {
    await server.close()
  }
}

/** RSA-2048 PKCS#1 v1.5 SHA-256 sign + verify pairs per second, one thread. */
function rsaBaseline(durationS: number): BenchRow {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const message = `POST\n/v3/pay/transactions/native\n1700000000\n${'n'.repeat(32)}\n${'{}'.repeat(100)}\n`
  const latencies: number[] = []
  const deadline = performance.now() + Math.min(durationS, 5) * 1000
  const started = performance.now()
  while (performance.now() < deadline) {
    const at = performance.now()
    const signature = createSign('RSA-SHA256').update(message).sign(privateKey)
    if (!createVerify('RSA-SHA256').update(message).verify(publicKey, signature)) {
      throw new Error('rsa baseline: verify failed')
    }
    latencies.push(performance.now() - at)
  }
  const elapsedS = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    name: 'rsa_baseline',
    clients: 1,
    tps: Math.round(latencies.length / elapsedS),
    p50_ms: round2(percentile(latencies, 0.5)),
    p99_ms: round2(percentile(latencies, 0.99)),
  }
}

export async function benchMerchantApi(
  options: MerchantApiBenchOptions,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [rsaBaseline(options.durationS)]
  log(JSON.stringify(rows[0]))
  const { app, scratch } = await openBenchApp(options.serverUrl, 8)
  try {
    const merchants = await openMerchants(app, options.merchants)
    const listening = await app.server.listen({ host: '127.0.0.1', port: 0 })
    const baseUrl = listening.replace('localhost', '127.0.0.1')
    log(`server at ${baseUrl}; ${merchants.length} merchants`)
    for (const clients of options.clients) {
      const data = { mode: 'native', baseUrl, merchants, prefix: `B${process.pid}c${clients}x` }
      rows.push(await runClients('native_order', clients, data, options.durationS))
      log(JSON.stringify(rows.at(-1)))
    }
    const report = await app.ledger.check()
    if (!report.ok) throw new Error(`ledger check failed: ${report.problems.join('; ')}`)
  } finally {
    await app.close()
    await scratch.drop()
  }
  for (const clients of options.clients) {
    rows.push(await httpBaseline(clients, options.durationS))
    log(JSON.stringify(rows.at(-1)))
  }
  return rows
}
