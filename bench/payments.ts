/**
 * Payments benchmark (`npm run bench -- payments`): whole payments through the HTTP API with real
 * sessions (a listening server, fetch with keep-alive), against the PostgreSQL in DATABASE_URL,
 * at 8/32/128 clients. Rows: order_pin (an order QR paid from the balance with the payment
 * password: argon2id per payment), code_nopin (the cashier collects a payment code under the
 * customer's 免密 limit: no password), static_pin (a static code paid with the password); the
 * references in the same run: argon2_verify (the password check alone, clients in parallel, as
 * the libuv pool allows) and pgbench_tpcb (stock TPC-B, 8 clients). Only the payment request is
 * timed; the order (order_pin) and the code (code_nopin) it needs are made just before it.
 */
import { hash, verify } from '@node-rs/argon2'
import { systemClock } from '../src/adapters/clock/index.ts'
import { createScratchDatabase, openPostgres } from '../src/adapters/db/index.ts'
import { type App, createApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { RESIDENTS } from '../demo/residents.ts'
import { benchPgbench } from './ledger.ts'
import { percentile, type BenchRow } from './report.ts'

export interface PaymentBenchOptions {
  serverUrl: string
  durationS: number
  poolMax: number
  clients: number[]
}

const PIN = '135790'
const FUNDING_FEN = 1_000_000_000

export interface Session {
  userId: string
  auth: string
}

export interface World {
  app: App
  base: string
  shopAuth: string
  staticCode: string
  users: Session[]
}

async function http(world: World, method: string, path: string, auth: string, body?: unknown) {
  const response = await fetch(`${world.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${auth}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = (await response.json()) as Record<string, unknown>
  if (response.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`)
  return json
}

async function openUser(app: App, index: number): Promise<Session> {
  const resident = RESIDENTS[index]
  if (resident === undefined) throw new Error(`no resident ${index}`)
  const ip = `10.9.${Math.floor(index / 250)}.${(index % 250) + 1}`
  const sent = await app.server.inject({
    method: 'POST',
    url: '/api/v1/sms-codes',
    remoteAddress: ip,
    payload: { phone: resident.phone, purpose: 'sign_in' },
  })
  if (sent.statusCode !== 200) throw new Error(sent.body)
  const outbox = await app.server.inject({ url: `/api/v1/dev/sms?phone=${resident.phone}` })
  const messages = outbox.json().messages as { body: string }[]
  const code = messages.map((message) => /验证码 (\d{6})/.exec(message.body)?.[1]).find(Boolean)
  const session = await app.server.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    remoteAddress: ip,
    headers: { 'x-device-id': `bench-device-${index}-xxxxxxxxxxxx` },
    payload: { phone: resident.phone, code, deviceName: 'bench' },
  })
  if (session.statusCode !== 200) throw new Error(session.body)
  const { token, user } = session.json() as { token: string; user: { id: string } }
  await app.security.verifyRealName({
    userId: user.id,
    realName: resident.name,
    idNumber: resident.idNumber,
  })
  await app.security.setPaymentPassword({ userId: user.id, password: PIN })
  const funding = await app.ledger.findAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'funding',
    currency: 'CNY',
  })
  await app.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `bench-fund-${user.id}`,
    code: 'DEMO_FUNDING',
    legs: [
      {
        debitAccountId: funding!.id,
        creditAccountId: (await app.wallet.balanceAccount(user.id)).id,
        amountFen: FUNDING_FEN,
      },
    ],
  })
  return { userId: user.id, auth: token }
}

export async function buildWorld(
  app: App,
  users: number,
  log: (line: string) => void,
): Promise<World> {
  const { merchant, owner } = await app.merchants.onboard(
    { kind: 'system' },
    {
      creationKey: 'bench:shop',
      legalName: '压测商户有限公司',
      storeName: '压测商户',
      category: '5814',
      settlementCardNumber: '6212260000000000018',
    },
  )
  const signedIn = await app.server.inject({
    method: 'POST',
    url: '/api/v1/merchant/sessions',
    payload: { username: owner.username, password: owner.password },
  })
  const address = await app.server.listen({ host: '127.0.0.1', port: 0 })
  log(`server at ${address}; opening ${users} customers`)
  const sessions: Session[] = []
  for (let index = 0; index < users; index++) sessions.push(await openUser(app, index))
  const world: World = {
    app,
    base: address,
    shopAuth: signedIn.json().token,
    staticCode: '',
    users: sessions,
  }
  world.staticCode = String(
    (await http(world, 'GET', '/api/v1/merchant/static-code', world.shopAuth)).merchantCode,
  )
  for (const user of sessions) {
    await http(world, 'PUT', '/api/v1/pay/settings', user.auth, {
      passwordless: { enabled: true },
      paymentPassword: PIN,
    })
  }
  return world
}

let sequence = 0
const nextKey = (prefix: string) => `${prefix}${process.pid}x${++sequence}`

/** One payment per call: what it needs first (untimed), then the timed payment request. */
export type PaymentCall = (world: World, user: Session) => Promise<() => Promise<void>>

export const orderPin: PaymentCall = async (world, user) => {
  const order = await http(world, 'POST', '/api/v1/merchant/orders', world.shopAuth, {
    outTradeNo: nextKey('B'),
    amountFen: 100,
    description: 'bench',
  })
  const token = String(order.payUrl).split('/pay/o/')[1]
  return async () => {
    const paid = await http(world, 'POST', `/api/v1/pay/orders/${token}/payments`, user.auth, {
      idempotencyKey: nextKey('k'),
      payMethod: { kind: 'balance' },
      method: { kind: 'password', password: PIN },
    })
    if (paid.status !== 'SUCCESS') throw new Error(JSON.stringify(paid))
  }
}

export const codeNoPin: PaymentCall = async (world, user) => {
  const { code } = await http(world, 'POST', '/api/v1/pay/payment-codes', user.auth)
  return async () => {
    const paid = await http(world, 'POST', '/api/v1/merchant/code-payments', world.shopAuth, {
      outTradeNo: nextKey('C'),
      authCode: code,
      amountFen: 10,
      description: 'bench',
    })
    if (paid.status !== 'SUCCESS') throw new Error(JSON.stringify(paid))
  }
}

export const staticPin: PaymentCall = async (world, user) => async () => {
  const paid = await http(
    world,
    'POST',
    `/api/v1/pay/merchants/${world.staticCode}/payments`,
    user.auth,
    {
      idempotencyKey: nextKey('s'),
      amountFen: 100,
      payMethod: { kind: 'balance' },
      method: { kind: 'password', password: PIN },
    },
  )
  if (paid.status !== 'SUCCESS') throw new Error(JSON.stringify(paid))
}

async function measure(
  name: string,
  clients: number,
  durationS: number,
  work: (client: number) => Promise<() => Promise<void>>,
): Promise<BenchRow> {
  const latenciesMs: number[] = []
  const deadline = performance.now() + durationS * 1000
  const client = async (index: number) => {
    while (performance.now() < deadline) {
      const timed = await work(index)
      const started = performance.now()
      await timed()
      latenciesMs.push(performance.now() - started)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)))
  const elapsedS = (performance.now() - started) / 1000
  latenciesMs.sort((a, b) => a - b)
  return {
    name,
    clients,
    tps: Math.round(latenciesMs.length / elapsedS),
    p50_ms: Math.round(percentile(latenciesMs, 0.5) * 100) / 100,
    p99_ms: Math.round(percentile(latenciesMs, 0.99) * 100) / 100,
  }
}

async function argon2Row(clients: number, durationS: number): Promise<BenchRow> {
  // The identity module's parameters (payment-password.ts): OWASP's argon2id baseline.
  const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const
  const stored = await hash(PIN, options)
  return measure('argon2_verify', clients, durationS, async () => async () => {
    if (!(await verify(stored, PIN))) throw new Error('argon2 verify failed')
  })
}

/** A server app on a scratch database with every limit raised so a run never reaches one. */
export async function openBenchApp(serverUrl: string, poolMax: number) {
  const scratch = await createScratchDatabase(serverUrl, 'lq_paybench')
  const database = await openPostgres({ connectionString: scratch.url, poolMax: poolMax })
  const config = loadConfig(
    {},
    {
      dataDir: '/nonexistent',
      webDir: '/nonexistent',
      dev: true,
      bankUrl: 'http://127.0.0.1:9',
      runJobs: false,
      logLevel: 'warn',
    },
  )
  const app = await createApp(config, {
    database,
    clock: systemClock,
    dataKey: Buffer.alloc(32, 9),
    // Limits stay claimed on every payment; they are raised so a run never reaches them.
    securityRules: {
      classLimits: {
        1: { period: 'YEAR', limitFen: 1e12 },
        2: { period: 'YEAR', limitFen: 1e12 },
        3: { period: 'YEAR', limitFen: 1e12 },
      },
    },
    paymentRules: {
      staticCodeDailyFenMax: 1e12,
      passwordlessDailyFenMax: 1e12,
      passwordlessDailyFenDefault: 1e12,
      paymentCodesPerDayMax: 1e9,
    },
  })
  return { app, scratch }
}

export async function benchPayments(
  options: PaymentBenchOptions,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { app, scratch } = await openBenchApp(options.serverUrl, options.poolMax)
  const rows: BenchRow[] = []
  try {
    const world = await buildWorld(app, Math.max(...options.clients), log)
    const rowsOf: [string, PaymentCall][] = [
      ['order_pin', orderPin],
      ['code_nopin', codeNoPin],
      ['static_pin', staticPin],
    ]
    for (const [name, call] of rowsOf) {
      for (const clients of options.clients) {
        rows.push(
          await measure(name, clients, options.durationS, (client) =>
            call(world, world.users[client] as Session),
          ),
        )
        log(JSON.stringify(rows.at(-1)))
      }
    }
    for (const clients of options.clients) {
      rows.push(await argon2Row(clients, options.durationS))
      log(JSON.stringify(rows.at(-1)))
    }
    const report = await app.ledger.check()
    if (!report.ok)
      throw new Error(`ledger check failed after the benchmark: ${report.problems.join('; ')}`)
    log(`ledger check ok: ${report.stats.transfers} transfers`)
  } finally {
    await app.close()
    await scratch.drop()
  }
  rows.push(...(await benchPgbench({ ...options, accounts: 0 }, log, [8])))
  return rows
}
