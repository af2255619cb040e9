/**
 * Demo data for `npm start` (dev mode), created once and idempotently: operator accounts and demo
 * users with the memorable phones of demo/residents.ts — some verified with a payment password,
 * one frozen. Codes for signing in are on /dev/sms. Prints how to sign in as each.
 */
import type { App } from '../app.ts'
import type { StatusReasonCode } from '../shared/audit-codes.ts'
import { demoResident } from '../../demo/residents.ts'
import { makeLuhnCardNumber } from '../shared/bank-card.ts'
import { seedDemoPayments } from './demo-payments.ts'
import { DEMO_GROUP_TITLE, seedDemoSocial } from './demo-social.ts'
import { DEMO_BUSINESS_ACCOUNTS } from '../../demo/business-accounts.ts'

function demoBusinessCard(accountName: string): string {
  const found = DEMO_BUSINESS_ACCOUNTS.find((account) => account.accountName === accountName)
  if (found === undefined) throw new Error(`no demo business account ${accountName}`)
  return found.card.cardNumber
}

export const DEMO_PAYMENT_PASSWORD = '147258'

export const DEMO_OPERATORS = [
  {
    username: 'admin',
    displayName: '管理员 Admin',
    password: 'lingqian-admin',
    role: 'admin' as const,
  },
  { username: 'risk', displayName: '风控 Risk', password: 'lingqian-risk', role: 'risk' as const },
  {
    username: 'support',
    displayName: '客服 Support',
    password: 'lingqian-support',
    role: 'support' as const,
  },
]

/**
 * Two shops to pay (issue 11): a café (it will show a static QR) and a shop (it will create
 * orders). Fixed owner sign-ins, so the README can list them; created once by their keys. No dot
 * in the usernames: the audit log shows them, and dotted words there read as untranslated codes.
 */
export const DEMO_MERCHANTS = [
  {
    creationKey: 'demo:cafe',
    legalName: '上海零钱咖啡有限公司',
    storeName: '零钱咖啡 Lingqian Café',
    category: '5814',
    // Business accounts the bank simulator holds (demo/business-accounts.ts): payouts land there.
    settlementCardNumber: demoBusinessCard('上海零钱咖啡有限公司'),
    owner: { username: 'cafe-owner', password: 'lingqian-cafe' },
  },
  {
    creationKey: 'demo:shop',
    legalName: '杭州零钱百货有限公司',
    storeName: '零钱小铺 Lingqian Shop',
    category: '5411',
    settlementCardNumber: demoBusinessCard('杭州零钱百货有限公司'),
    owner: { username: 'shop-owner', password: 'lingqian-shop' },
  },
]

/** Verified with a payment password: ready to bind the demo cards of demo/cards.ts. */
const VERIFIED_PHONES = [
  '13800000001',
  '13800000002',
  '13800000004',
  '13800000005',
  '13800000006',
  '13800000008',
  '13800000009',
]
const FROZEN_PHONE = '13800000003'
/** Signed up but not verified: shows the real-name step. */
const UNVERIFIED_PHONE = '13800000007'

async function ensureUser(app: App, phone: string): Promise<string> {
  return (await app.identity.ensureUser(phone)).id
}

async function ensureVerified(app: App, phone: string): Promise<string> {
  const userId = await ensureUser(app, phone)
  const user = await app.identity.getUser(userId)
  if (!user.verified) {
    const resident = demoResident(phone)
    await app.security.verifyRealName({
      userId,
      realName: resident.name,
      idNumber: resident.idNumber,
    })
  }
  const password = await app.security.passwordStatus(userId)
  if (!password.set)
    await app.security.setPaymentPassword({ userId, password: DEMO_PAYMENT_PASSWORD })
  return userId
}

/** Returns the demo's pay URLs, for `serve --dev` to print. */
export async function seedDemoData(app: App): Promise<string[]> {
  for (const operator of DEMO_OPERATORS) await app.ops.ensureOperator(operator)
  const merchantIds: string[] = []
  for (const merchant of DEMO_MERCHANTS) {
    merchantIds.push((await app.merchants.onboard({ kind: 'system' }, merchant)).merchant.id)
  }
  const verifiedIds: string[] = []
  for (const phone of VERIFIED_PHONES) verifiedIds.push(await ensureVerified(app, phone))
  await seedDemoSocial(app, verifiedIds)
  await ensureUser(app, UNVERIFIED_PHONE)
  const frozenId = await ensureVerified(app, FROZEN_PHONE)
  const frozen = await app.identity.getUser(frozenId)
  if (frozen.status !== 'frozen') {
    await app.identity.setStatusByOperator({
      userId: frozenId,
      status: 'frozen',
      // A code, shown in the language in use (not one bilingual sentence).
      reason: 'demo_freeze' satisfies StatusReasonCode,
      operatorId: 'demo-seed',
      actorKind: 'system',
    })
  }
  const [cafe, shop] = merchantIds as [string, string]
  const payLines = await seedDemoPayments(app, { cafe, shop })
  app.logger.info({ event: 'demo_ready' }, 'demo data ready')
  return payLines
}

/** The demo sign-ins, as `lingqian serve --dev` prints them after "listening". */
export function demoGuideLines(port: number): string[] {
  const base = `http://localhost:${port}`
  return [
    '  Demo (LQ_DEV=1) — sign in with any phone; SMS codes appear at ' + `${base}/dev/sms`,
    `    verified users (payment password ${DEMO_PAYMENT_PASSWORD}): ${VERIFIED_PHONES.map((phone) => `${demoResident(phone).name} ${phone}`).join(', ')}`,
    `    frozen user: ${demoResident(FROZEN_PHONE).name} ${FROZEN_PHONE} (try the appeal)   unverified: ${demoResident(UNVERIFIED_PHONE).name} ${UNVERIFIED_PHONE}`,
    `    chats ${base}/chats: the verified users are contacts of each other and share the group ${DEMO_GROUP_TITLE}`,
    '    bank cards to bind: see demo/cards.ts (e.g. 张伟 ICBC debit 6222020000000000018)',
    `    admin console ${base}/admin/: ${DEMO_OPERATORS.map((operator) => `${operator.username} / ${operator.password}`).join(', ')}`,
    `    merchant console ${base}/merchant/: ${DEMO_MERCHANTS.map((merchant) => `${merchant.owner.username} / ${merchant.owner.password}`).join(', ')}`,
  ]
}
