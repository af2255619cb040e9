/**
 * Child process for the payments crash test (src/modules/payments/payments.crash.test.ts): opens
 * the database named by LQ_CRASH_DATA_DIR (PGlite) or DATABASE_URL and the bank simulator at
 * LQ_CRASH_BANK_URL, then pays orders over HTTP forever, two at a time, alternating the
 * customer's balance and bound card. Before each payment it prints `START <key> <token>
 * <method>`, after it `ACK <key> <status> <paymentId>`. The parent kills it with SIGKILL.
 */
import pino from 'pino'
import { createApp } from '../app.ts'
import { systemClock } from '../adapters/clock/index.ts'
import { type DatabaseHandle, migrate, openPglite, openPostgres } from '../adapters/db/index.ts'
import { loadConfig } from '../config.ts'

const WRITERS = 2
const setup = JSON.parse(process.env.LQ_CRASH_SETUP as string) as {
  shopAuth: string
  customerAuth: string
  cardId: string
  password: string
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL
  const database: DatabaseHandle = url
    ? await openPostgres({ connectionString: url, poolMax: 4 })
    : await openPglite({ dataDir: process.env.LQ_CRASH_DATA_DIR as string })
  await migrate(database)
  const config = loadConfig(
    {},
    {
      dataDir: '/nonexistent',
      webDir: '/nonexistent',
      dev: true,
      bankUrl: process.env.LQ_CRASH_BANK_URL as string,
      bankTimeoutMs: 5_000,
      runJobs: false,
    },
  )
  const app = await createApp(config, {
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    database,
    dataKey: Buffer.from(process.env.LQ_CRASH_DATA_KEY as string, 'hex'),
  })
  let next = 0
  const writer = async (): Promise<void> => {
    for (;;) {
      const n = next++
      const order = await app.server.inject({
        method: 'POST',
        url: '/api/v1/merchant/orders',
        headers: { authorization: setup.shopAuth },
        payload: {
          outTradeNo: `CRASH${process.pid}N${n}`,
          amountFen: 100 + n,
          description: '崩溃测试',
        },
      })
      if (order.statusCode !== 201) throw new Error(`order: ${order.body}`)
      const token = String(order.json().payUrl).split('/pay/o/')[1] as string
      const method = n % 2 === 0 ? 'balance' : 'card'
      const key = `crash-${process.pid}-${n}`
      process.stdout.write(`START ${key} ${token} ${method}\n`)
      const paid = await app.server.inject({
        method: 'POST',
        url: `/api/v1/pay/orders/${token}/payments`,
        headers: { authorization: setup.customerAuth },
        payload: {
          idempotencyKey: key,
          payMethod:
            method === 'balance' ? { kind: 'balance' } : { kind: 'card', cardId: setup.cardId },
          method: { kind: 'password', password: setup.password },
        },
      })
      const body = paid.json() as { status?: string; id?: string; code?: string }
      process.stdout.write(`ACK ${key} ${body.status ?? body.code} ${body.id ?? '-'}\n`)
    }
  }
  await Promise.all(Array.from({ length: WRITERS }, writer))
}

await main()
