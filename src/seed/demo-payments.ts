/**
 * The demo shops ready to be paid (issue 11): the café's static code (收款码) and an open order
 * of the shop (动态码), created once (the order by its fixed out_trade_no; a re-run answers the
 * same order, and a fresh one replaces it when it has expired or been paid). Returns the lines
 * `serve --dev` prints: the pay URLs a phone (or the wallet's scanner) opens.
 */
import type { App } from '../app.ts'
import { shanghaiDate } from '../shared/shanghai-time.ts'

const ORDER_TTL_MS = 7 * 24 * 3600_000

export async function seedDemoPayments(
  app: App,
  merchantIds: { cafe: string; shop: string },
): Promise<string[]> {
  const cafe = await app.payments.staticCode(merchantIds.cafe)
  // One order a day: yesterday's may be paid or closed by now.
  const outTradeNo = `DEMO${shanghaiDate(app.clock.nowMs()).replaceAll('-', '')}`
  const { order } = await app.payments.createOrder(merchantIds.shop, {
    outTradeNo,
    amountFen: 2_350,
    description: '零钱小铺 演示订单 Demo order',
    expiresAtMs: app.clock.nowMs() + ORDER_TTL_MS,
  })
  return [
    `    pay the café (static QR, any amount ≤ ¥500/day): ${cafe.payUrl}`,
    `    pay the shop's order ${order.outTradeNo} (¥23.50, ${order.status}): ${order.payUrl}`,
  ]
}
