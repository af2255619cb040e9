import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoResident, RESIDENTS, type Resident } from '../../../demo/residents.ts'
import { makeIdNumber } from '../../shared/id-number.ts'
import { createSecretBox } from '../../shared/crypto.ts'
import { createTestApp, TEST_DATA_KEY, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { latestCode } from '../../test-support/identity.ts'
import type { IdentityTables } from './identity-tables.ts'

let app: TestApp
let phoneSequence = 0
let residentSequence = 12

function newPhone(): string {
  phoneSequence += 1
  return `1370000${String(phoneSequence).padStart(4, '0')}`
}

/** A generated (adult) resident nobody in this file has used yet. */
function nextResident(): Resident {
  const resident = RESIDENTS[residentSequence++]
  if (resident === undefined) throw new Error('ran out of residents')
  return resident
}

/**
 * Signs up through the service, without an IP: this file signs up more users than the per-IP
 * SMS limit allows in an hour, and sign-in itself is sign-in.test.ts's subject.
 */
async function signIn(_app: TestApp, phone: string) {
  await app.identity.requestSmsCode({ phone, purpose: 'sign_in' })
  const code = await latestCode(app, phone)
  const { user, token } = await app.identity.signIn({
    phone,
    code,
    deviceId: `device-${phone}-xxxx`,
    deviceName: 'Test phone',
  })
  return { userId: user.id, token, auth: { authorization: `Bearer ${token}` } }
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

async function reuseNotices(account: { userId: string }) {
  const notices = await app.identity.listNotices(account.userId)
  return notices.filter((notice) => notice.kind === 'id_number_reused')
}

async function latestSms(phone: string): Promise<string> {
  const response = await app.server.inject({ method: 'GET', url: `/api/v1/dev/sms?phone=${phone}` })
  return (response.json().messages as { body: string }[])[0]?.body ?? ''
}

function verify(auth: Record<string, string>, payload: Record<string, unknown>) {
  return app.server.inject({ method: 'POST', url: '/api/v1/me/real-name', headers: auth, payload })
}

async function userRow(userId: string) {
  const db = app.database.db as Kysely<IdentityTables>
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirstOrThrow() as Promise<IdentityTables['users']>
}

describe(`real-name verification on ${testDatabaseKind()}`, () => {
  it('verifies a resident: class I, ID number encrypted and hashed, birth date kept, notice and audit', async () => {
    const resident = nextResident()
    const user = await signIn(app, newPhone())
    const response = await verify(user.auth, {
      realName: resident.name,
      idNumber: resident.idNumber,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      verified: true,
      accountClass: 1,
      realName: resident.name,
      status: 'normal',
    })
    const row = await userRow(user.userId)
    expect(row.id_number_enc).not.toContain(resident.idNumber)
    expect(createSecretBox(TEST_DATA_KEY).decrypt(row.id_number_enc ?? '')).toBe(resident.idNumber)
    expect(row.id_number_hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const me = await app.identity.getUser(user.userId)
    expect(me.birthDate).toBe(resident.birthDate)
    const notices = (await app.identity.listNotices(user.userId)).map((notice) => notice.kind)
    expect(notices).toContain('real_name_verified')
    const audit = await app.audit.listForUser(user.userId)
    const verified = audit.find((entry) => entry.action === 'kyc.verified')
    expect(verified?.detail).toEqual({
      idNumber: `${resident.idNumber.slice(0, 3)}***********${resident.idNumber.slice(14)}`,
      accountClass: 1,
    })
  })

  it('refuses malformed ID numbers with ID_NUMBER_INVALID and the reason', async () => {
    const user = await signIn(app, newPhone())
    const resident = nextResident()
    const lastDigit = resident.idNumber.slice(17)
    const badCheck = resident.idNumber.slice(0, 17) + (lastDigit === '1' ? '2' : '1')
    const cases: [string, string][] = [
      ['12345', 'FORMAT'],
      ['11010519880312011', 'FORMAT'],
      [badCheck, 'CHECKSUM'],
      [makeIdNumber('990101', '19880312', '011'), 'REGION'],
      [makeIdNumber('110105', '19880230', '011'), 'BIRTH_DATE'],
      [makeIdNumber('110105', '20300101', '011'), 'BIRTH_DATE'],
    ]
    for (const [idNumber, reason] of cases) {
      const response = await verify(user.auth, { realName: resident.name, idNumber })
      expect(response.statusCode, idNumber).toBe(400)
      expect(response.json()).toMatchObject({ code: 'ID_NUMBER_INVALID', details: { reason } })
    }
    expect((await app.identity.getUser(user.userId)).verified).toBe(false)
  })

  it('tells a name that does not match (ID_NAME_MISMATCH) from a number the register lacks (ID_NUMBER_NOT_FOUND)', async () => {
    const user = await signIn(app, newPhone())
    const resident = nextResident()
    const other = nextResident()
    const wrongName = await verify(user.auth, {
      realName: other.name === resident.name ? '某某某' : other.name,
      idNumber: resident.idNumber,
    })
    expect(wrongName.json().code).toBe('ID_NAME_MISMATCH')
    const nobody = await verify(user.auth, {
      realName: resident.name,
      idNumber: makeIdNumber('110105', '19880312', '998'),
    })
    expect([nobody.statusCode, nobody.json().code]).toEqual([400, 'ID_NUMBER_NOT_FOUND'])
    // A lower-case x and surrounding spaces are how people type; they still verify.
    const liu = demoResident('13800000004')
    const typed = await verify(user.auth, {
      realName: ` ${liu.name} `,
      idNumber: ` ${liu.idNumber.toLowerCase()} `,
    })
    expect(typed.statusCode, typed.body).toBe(200)
    expect(typed.json().realName).toBe(liu.name)
  })

  it('refuses a second verification with ALREADY_VERIFIED', async () => {
    const user = await signIn(app, newPhone())
    const resident = nextResident()
    expect(
      (await verify(user.auth, { realName: resident.name, idNumber: resident.idNumber }))
        .statusCode,
    ).toBe(200)
    const again = await verify(user.auth, { realName: resident.name, idNumber: resident.idNumber })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('ALREADY_VERIFIED')
  })

  it('lets one ID number verify at most idAccountsMax accounts (3), as an operator rule', async () => {
    const resident = nextResident()
    const accounts: { userId: string; phone: string }[] = []
    for (let account = 0; account < 3; account++) {
      const phone = newPhone()
      const user = await signIn(app, phone)
      expect(
        (await verify(user.auth, { realName: resident.name, idNumber: resident.idNumber }))
          .statusCode,
      ).toBe(200)
      accounts.push({ userId: user.userId, phone })
    }
    const [first, , last] = accounts as [(typeof accounts)[0], unknown, (typeof accounts)[0]]
    const fourth = await signIn(app, newPhone())
    const refused = await verify(fourth.auth, {
      realName: resident.name,
      idNumber: resident.idNumber,
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      code: 'ID_ACCOUNT_LIMIT',
      details: { idAccountsMax: 3 },
    })
    expect((await app.identity.getUser(fourth.userId)).accountClass).toBe(0)
    // Each account already verified with the ID was told when the next one verified with it.
    expect(await reuseNotices(first)).toHaveLength(2)
    expect(await reuseNotices(last)).toHaveLength(0)
    expect(await latestSms(first.phone)).toContain('你的身份证号已用于另一个账户的实名认证')
    await app.security.updateRules({ idAccountsMax: 4 }, 'op_test')
    try {
      expect(
        (await verify(fourth.auth, { realName: resident.name, idNumber: resident.idNumber }))
          .statusCode,
      ).toBe(200)
    } finally {
      await app.security.updateRules({ idAccountsMax: 3 }, 'op_test')
    }
  })

  it('never lets concurrent verifications of one ID exceed the cap', async () => {
    const resident = nextResident()
    const users = await Promise.all(Array.from({ length: 6 }, () => signIn(app, newPhone())))
    const answers = await Promise.all(
      users.map((user) =>
        verify(user.auth, { realName: resident.name, idNumber: resident.idNumber }),
      ),
    )
    const codes = answers
      .map((answer) => (answer.statusCode === 200 ? 'OK' : answer.json().code))
      .sort()
    expect(codes).toEqual([
      'ID_ACCOUNT_LIMIT',
      'ID_ACCOUNT_LIMIT',
      'ID_ACCOUNT_LIMIT',
      'OK',
      'OK',
      'OK',
    ])
  })

  it('limits name/ID mismatches to 5 a day, so the form is no lookup service', async () => {
    const user = await signIn(app, newPhone())
    const resident = nextResident()
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(
        (await verify(user.auth, { realName: '冒名顶替', idNumber: resident.idNumber })).json()
          .code,
      ).toBe('ID_NAME_MISMATCH')
      app.clock.advanceMs(60_000)
    }
    const limited = await verify(user.auth, {
      realName: resident.name,
      idNumber: resident.idNumber,
    })
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({
      code: 'FREQUENCY_LIMITED',
      details: { limit: 'real_name_day' },
    })
    // The oldest failure was 5 minutes ago: a place frees 23 h 55 min from now.
    expect(limited.json().details.retryAfterSeconds).toBe(24 * 3600 - 5 * 60)
    app.clock.advanceMs(24 * 3600_000 - 4 * 60_000)
    expect(
      (await verify(user.auth, { realName: resident.name, idNumber: resident.idNumber }))
        .statusCode,
    ).toBe(200)
  })

  it('validates the body and needs a signed-in user', async () => {
    const user = await signIn(app, newPhone())
    const resident = nextResident()
    expect(
      (await verify(user.auth, { realName: '  ', idNumber: resident.idNumber })).json(),
    ).toMatchObject({ code: 'INVALID_REQUEST' })
    expect((await verify(user.auth, { realName: resident.name })).json().code).toBe(
      'INVALID_REQUEST',
    )
    expect(
      (
        await verify(user.auth, {
          realName: resident.name,
          idNumber: resident.idNumber,
          accountClass: 3,
        })
      ).statusCode,
    ).toBe(400)
    const anonymous = await verify({}, { realName: resident.name, idNumber: resident.idNumber })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().code).toBe('UNAUTHENTICATED')
  })

  it('refuses under-16s (UNDERAGE) and verifies a 16-year-old from the birthday on', async () => {
    const child = demoResident('13800000011')
    const user = await signIn(app, newPhone())
    const refused = await verify(user.auth, { realName: child.name, idNumber: child.idNumber })
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({
      code: 'UNDERAGE',
      details: { minAgeYears: 16, ageYears: 11 },
    })
    // 徐子轩 was born 2010-06-01: 15 on the test clock's start (2026-01-05), 16 on 1 June 2026.
    const teen = demoResident('13800000012')
    const teenPhone = newPhone()
    const early = await signIn(app, teenPhone)
    expect(
      (await verify(early.auth, { realName: teen.name, idNumber: teen.idNumber })).json().code,
    ).toBe('UNDERAGE')
    // Midnight of 1 June in Beijing is 16:00 UTC on 31 May (sessions last 30 days: sign in again).
    app.clock.setMs(Date.UTC(2026, 4, 31, 15, 59, 59))
    const teenUser = await signIn(app, teenPhone)
    expect(
      (await verify(teenUser.auth, { realName: teen.name, idNumber: teen.idNumber })).json().code,
    ).toBe('UNDERAGE')
    app.clock.advanceMs(1000)
    const verified = await verify(teenUser.auth, { realName: teen.name, idNumber: teen.idNumber })
    expect(verified.statusCode, verified.body).toBe(200)
    expect(verified.json()).toMatchObject({ verified: true, accountClass: 1 })
  })
})
