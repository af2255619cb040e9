/**
 * The payment-password limit under parallel entries (issue 9): each entry claims its attempt
 * before the argon2 verify, so of 60 wrong entries sent at once exactly 5 are verified, the
 * rest answer PIN_LOCKED, also when two processes share the database (each has its own
 * per-user queue, so only the database claim can hold the limit there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESIDENTS } from '../../../demo/residents.ts'
import { createTestApp, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { signIn, type SignedIn } from '../../test-support/identity.ts'

const PASSWORD = '802417'
const PARALLEL_ENTRIES = 60
let app: TestApp
let second: TestApp
let userSequence = 0

beforeAll(async () => {
  app = await createTestApp()
  second = await createTestApp({ database: app.database, clock: app.clock })
})

afterAll(async () => {
  await second.server.close()
  await app.close()
})

async function userWithPassword(): Promise<SignedIn> {
  const resident = RESIDENTS[150 + userSequence]
  userSequence += 1
  if (resident === undefined) throw new Error('ran out of residents')
  const user = await signIn(app, `1370000${String(userSequence).padStart(4, '0')}`)
  for (const [url, payload] of [
    ['/api/v1/me/real-name', { realName: resident.name, idNumber: resident.idNumber }],
    ['/api/v1/me/payment-password', { password: PASSWORD }],
  ] as const) {
    const response = await app.server.inject({ method: 'POST', url, headers: user.auth, payload })
    expect(response.statusCode, response.body).toBe(200)
  }
  return user
}

function pay(server: TestApp, user: SignedIn, password: string) {
  return server.server.inject({
    method: 'POST',
    url: '/api/v1/me/payment-confirmations',
    headers: user.auth,
    payload: { amountFen: 100, purpose: 'PAYMENT', method: { kind: 'password', password } },
  })
}

describe(`payment password under ${PARALLEL_ENTRIES} parallel entries on ${testDatabaseKind()}`, () => {
  for (const processCount of [1, 2]) {
    it(`verifies exactly 5 wrong entries from ${processCount} process(es), the rest PIN_LOCKED`, async () => {
      const servers = [app, second].slice(0, processCount)
      const user = await userWithPassword()
      const answers = await Promise.all(
        Array.from({ length: PARALLEL_ENTRIES }, (_, index) =>
          pay(servers[index % processCount] as TestApp, user, `1${String(index).padStart(5, '0')}`),
        ),
      )
      const codes = answers.map((answer) => answer.json().code as string)
      expect(codes.filter((code) => code === 'PIN_WRONG')).toHaveLength(4)
      expect(codes.filter((code) => code === 'PIN_LOCKED')).toHaveLength(PARALLEL_ENTRIES - 4)
      // Verified (and audited as failed) are exactly the 5 the limit allows.
      const events = await app.audit.listForUser(user.userId, { limit: 100 })
      expect(events.filter((event) => event.action === 'pin.failed')).toHaveLength(5)
      expect(events.filter((event) => event.action === 'pin.locked')).toHaveLength(1)
      expect((await pay(app, user, PASSWORD)).json().code).toBe('PIN_LOCKED')
    })
  }

  it('lets the right password on the last allowed entry lift the lock that entry set', async () => {
    const user = await userWithPassword()
    for (let miss = 0; miss < 4; miss++) await pay(app, user, '111112')
    expect((await pay(app, user, PASSWORD)).statusCode).toBe(200)
    const status = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me/payment-password',
      headers: user.auth,
    })
    expect(status.json()).toEqual({ set: true, lockedUntilMs: null, attemptsLeft: 5 })
  })
})
