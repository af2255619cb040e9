/**
 * The account-class limits under parallel balance payments (issue 9): many payments claimed at
 * once must not all pass a check that reads what earlier payments recorded. Balance payments
 * claim through `recordBalancePayment` (atomic, src/modules/quota); exactly those that fit pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESIDENTS, type Resident } from '../../../demo/residents.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn } from '../../test-support/identity.ts'
import { createQuota } from '../quota/index.ts'

const PARALLEL_PAYMENTS = 60
let app: TestApp
let phoneSequence = 0

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

async function verifiedUser(resident: Resident) {
  phoneSequence += 1
  const user = await signIn(app, `1370000${String(phoneSequence).padStart(4, '0')}`)
  const response = await app.server.inject({
    method: 'POST',
    url: '/api/v1/me/real-name',
    headers: user.auth,
    payload: { realName: resident.name, idNumber: resident.idNumber },
  })
  expect(response.statusCode, response.body).toBe(200)
  return user
}

/** Claims every payment at once; the claims that passed and the refusals' codes and details. */
async function claimAtOnce(payments: { userId: string; amountFen: number }[]) {
  const results = await Promise.allSettled(
    payments.map((payment) => app.security.recordBalancePayment(payment.userId, payment.amountFen)),
  )
  const claims = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const refusals = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as { code: string; details: unknown }] : [],
  )
  return { claims, refusals }
}

describe(`account-class limits under ${PARALLEL_PAYMENTS} parallel payments on ${testDatabaseKind()}`, () => {
  it('class I: ¥1,000 in a lifetime, 60 payments of ¥30 at once: exactly 33 pass', async () => {
    const user = await verifiedUser(RESIDENTS[60] as Resident)
    const { claims, refusals } = await claimAtOnce(
      Array.from({ length: PARALLEL_PAYMENTS }, () => ({ userId: user.userId, amountFen: 3_000 })),
    )
    expect(claims).toHaveLength(33)
    expect(refusals).toHaveLength(PARALLEL_PAYMENTS - 33)
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({
        code: 'LIMIT_EXCEEDED',
        details: { remainingFen: 1_000, limitFen: 100_000, period: 'LIFETIME' },
      })
    }
    expect(await app.security.limits(user.userId)).toMatchObject({ usedFen: 99_000 })
    // A payment that failed after its claim gives it back, once.
    const quota = createQuota({ db: app.database.db, clock: app.clock })
    expect(await quota.release(claims[0]!.claimIds)).toBe(6_000)
    expect(await quota.release(claims[0]!.claimIds)).toBe(0)
    expect(await app.security.limits(user.userId)).toMatchObject({ remainingFen: 4_000 })
  })

  it('class II: two accounts of one ID number share ¥100,000 a year, also in parallel', async () => {
    const resident = RESIDENTS[61] as Resident
    const first = await verifiedUser(resident)
    const second = await verifiedUser(resident)
    for (const user of [first, second]) {
      await app.security.raiseAccountClass(user.userId, 2, 'same-name bank card bound')
    }
    const payments = Array.from({ length: PARALLEL_PAYMENTS }, (_, index) => ({
      userId: (index % 2 === 0 ? first : second).userId,
      amountFen: 300_000,
    }))
    const { claims, refusals } = await claimAtOnce(payments)
    expect(claims).toHaveLength(33)
    expect(refusals.map((refusal) => refusal.code)).toEqual(
      Array(PARALLEL_PAYMENTS - 33).fill('LIMIT_EXCEEDED'),
    )
    expect(await app.security.limits(second.userId)).toMatchObject({
      period: 'YEAR',
      usedFen: 9_900_000,
      remainingFen: 100_000,
    })
  })

  it('a retried payment id counts once', async () => {
    const user = await verifiedUser(RESIDENTS[62] as Resident)
    const year = new Date(app.clock.nowMs() + 8 * 3600_000).getUTCFullYear()
    await Promise.all(
      Array.from({ length: 10 }, () =>
        app.security.recordBalancePayment(user.userId, 5_000, year, 'pay:retried'),
      ),
    )
    expect(await app.security.limits(user.userId)).toMatchObject({ usedFen: 5_000 })
  })
})
