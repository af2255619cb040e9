import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createSecretBox } from '../../shared/crypto.ts'
import { makeIdNumber } from '../../shared/id-number.ts'
import { createTestApp, TEST_DATA_KEY, type TestApp } from '../../test-support/app.ts'
import { testDatabaseKind } from '../../test-support/database.ts'
import { requestCode, type SignedIn, signIn } from '../../test-support/identity.ts'

let app: TestApp
let phoneSequence = 0
const DAY_MS = 24 * 3600_000
const ID_NUMBER = '11010519491231002X'
const REAL_NAME = '张三丰'

function newPhone(): string {
  phoneSequence += 1
  return `1370000${String(phoneSequence).padStart(4, '0')}`
}

beforeAll(async () => {
  app = await createTestApp()
})

afterAll(async () => {
  await app.close()
})

// Every test sends several SMS codes from one IP; a day apart keeps the per-IP limits out of it.
beforeEach(() => {
  app.clock.advanceMs(DAY_MS + 1)
})

/**
 * Real-name verification is another feature: write its record the way it stores one (name, the
 * keyed hash of the upper-case ID number with its `id_number:` prefix, class I).
 */
async function markVerified(
  userId: string,
  idNumber = ID_NUMBER,
  realName = REAL_NAME,
): Promise<void> {
  const secrets = createSecretBox(TEST_DATA_KEY)
  await app.database.db
    .updateTable('users')
    .set({
      real_name: realName,
      id_number_enc: secrets.encrypt(idNumber),
      id_number_hash: secrets.keyedHash(`id_number:${idNumber}`),
      verified_at: new Date(app.clock.nowMs()),
      account_class: 1,
    })
    .where('id', '=', userId)
    .execute()
}

/** Freezes by SMS (signed out, as after losing the phone), then signs in again from a new device. */
async function freezeAndSignInAgain(phone: string): Promise<SignedIn> {
  app.clock.advanceMs(61_000)
  const code = await requestCode(app, phone, 'freeze')
  const frozen = await app.server.inject({
    method: 'POST',
    url: '/api/v1/freeze',
    payload: { phone, code },
  })
  expect(frozen.statusCode, frozen.body).toBe(200)
  return signIn(app, phone)
}

async function frozenUser(options: { verified: boolean }): Promise<SignedIn & { phone: string }> {
  const phone = newPhone()
  const user = await signIn(app, phone)
  if (options.verified) await markVerified(user.userId)
  return { ...(await freezeAndSignInAgain(phone)), phone }
}

function appeal(user: SignedIn, payload: Record<string, unknown>) {
  return app.server.inject({
    method: 'POST',
    url: '/api/v1/me/appeals',
    payload,
    headers: user.auth,
  })
}

async function operator(
  role: 'support' | 'risk' | 'admin',
): Promise<{ authorization: string; id: string }> {
  const password = 'appeal-reviewer-password'
  await app.ops.ensureOperator({
    username: `${role}.appeals`,
    displayName: `${role} reviewer`,
    password,
    role,
  })
  const response = await app.server.inject({
    method: 'POST',
    url: '/api/v1/admin/sessions',
    payload: { username: `${role}.appeals`, password },
  })
  expect(response.statusCode, response.body).toBe(200)
  return { authorization: `Bearer ${response.json().token}`, id: response.json().operator.id }
}

function decide(
  reviewer: { authorization: string },
  appealId: string,
  decision: string,
  reason: string,
) {
  return app.server.inject({
    method: 'POST',
    url: `/api/v1/admin/appeals/${appealId}/decision`,
    payload: { decision, reason },
    headers: { authorization: reviewer.authorization },
  })
}

async function get(url: string, headers: Record<string, string>) {
  const response = await app.server.inject({ method: 'GET', url, headers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

describe(`appeals on ${testDatabaseKind()}`, () => {
  it('restores a frozen, verified user whose appeal an operator approves', async () => {
    const user = await frozenUser({ verified: true })
    expect((await get('/api/v1/me', user.auth)).status).toBe('frozen')
    const statement = '手机丢失后冻结，现已找回，申请解冻'
    const submitted = await appeal(user, {
      statement,
      realName: REAL_NAME,
      idNumber: ID_NUMBER.toLowerCase(),
    })
    expect(submitted.statusCode, submitted.body).toBe(201)
    const view = submitted.json().appeal
    expect(view).toEqual({
      id: expect.stringMatching(/^ap_/),
      status: 'pending',
      statement,
      decisionReason: null,
      createdAtMs: app.clock.nowMs(),
      decidedAtMs: null,
    })
    const reviewer = await operator('support')
    const queue = (await get('/api/v1/admin/appeals', reviewer)).appeals
    expect(queue).toContainEqual({
      ...view,
      userId: user.userId,
      userPhone: `${user.phone.slice(0, 3)}****${user.phone.slice(-4)}`,
      userRealName: '**丰',
    })
    app.clock.advanceMs(3600_000)
    const approved = await decide(reviewer, view.id, 'approve', '身份核实无误，已解冻')
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decisionReason: '身份核实无误，已解冻',
      decidedAtMs: app.clock.nowMs(),
    })
    expect(await get('/api/v1/me', user.auth)).toMatchObject({
      status: 'normal',
      statusReason: '身份核实无误，已解冻',
    })
    const kinds = (await get('/api/v1/me/notices', user.auth)).notices.map(
      (notice: { kind: string }) => notice.kind,
    )
    expect(kinds.slice(0, 2).sort()).toEqual(['account_restored', 'appeal_approved'])
    expect((await get('/api/v1/me/appeals', user.auth)).appeals).toEqual([approved.json()])
    const admin = await operator('admin')
    const audit = (await get(`/api/v1/admin/users/${user.userId}`, admin)).audit
    const trail = audit.map((entry: { action: string }) => entry.action)
    expect(trail.indexOf('appeal.approved')).toBeLessThan(trail.indexOf('appeal.submitted'))
    expect(trail.indexOf('appeal.submitted')).toBeLessThan(trail.indexOf('account.frozen'))
    expect(
      audit.find((entry: { action: string }) => entry.action === 'appeal.submitted'),
    ).toMatchObject({
      actor: { kind: 'user', id: user.userId },
      detail: { appealId: view.id, check: 'real_name' },
    })
    for (const action of ['appeal.approved', 'account.restored']) {
      expect(audit.find((entry: { action: string }) => entry.action === action)).toMatchObject({
        actor: { kind: 'operator', id: reviewer.id },
      })
    }
  })

  it('keeps an unverified user frozen when the appeal is rejected, shows the reason, allows a new one', async () => {
    const user = await frozenUser({ verified: false })
    app.clock.advanceMs(61_000)
    const smsCode = await requestCode(app, user.phone, 'appeal', user.token)
    const submitted = await appeal(user, { statement: '不是我冻结的', smsCode })
    expect(submitted.statusCode, submitted.body).toBe(201)
    const reviewer = await operator('risk')
    const rejected = await decide(
      reviewer,
      submitted.json().appeal.id,
      'reject',
      '请先完成实名认证后再申诉',
    )
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decisionReason: '请先完成实名认证后再申诉',
    })
    expect((await get('/api/v1/me', user.auth)).status).toBe('frozen')
    const mine = (await get('/api/v1/me/appeals', user.auth)).appeals
    expect(mine).toMatchObject([{ status: 'rejected', decisionReason: '请先完成实名认证后再申诉' }])
    const notices = (await get('/api/v1/me/notices', user.auth)).notices
    expect(notices[0]).toMatchObject({
      kind: 'appeal_rejected',
      detail: { reason: '请先完成实名认证后再申诉' },
    })
    // The SMS code was used up by the first appeal; a new appeal needs a new code.
    expect((await appeal(user, { statement: '再次申诉', smsCode })).json().code).toBe(
      'SMS_CODE_EXPIRED',
    )
    app.clock.advanceMs(61_000)
    const again = await appeal(user, {
      statement: '再次申诉',
      smsCode: await requestCode(app, user.phone, 'appeal', user.token),
    })
    expect(again.statusCode, again.body).toBe(201)
    const newest = (await get('/api/v1/me/appeals', user.auth)).appeals
    expect(newest.map((each: { status: string }) => each.status)).toEqual(['pending', 'rejected'])
  })

  it('refuses appeals that are not needed, duplicated, unauthenticated or malformed', async () => {
    const normal = await signIn(app, newPhone())
    const notNeeded = await appeal(normal, { statement: '申诉' })
    expect([notNeeded.statusCode, notNeeded.json().code]).toEqual([409, 'APPEAL_NOT_NEEDED'])
    const anonymous = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/appeals',
      payload: { statement: '申诉' },
    })
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHENTICATED'])
    expect((await app.server.inject({ method: 'GET', url: '/api/v1/me/appeals' })).statusCode).toBe(
      401,
    )
    const user = await frozenUser({ verified: true })
    const identity = { realName: REAL_NAME, idNumber: ID_NUMBER }
    for (const statement of ['', '   ', 'x'.repeat(2001)]) {
      expect((await appeal(user, { statement, ...identity })).json().code, statement).toBe(
        'INVALID_REQUEST',
      )
    }
    expect((await appeal(user, { statement: '申诉', realName: REAL_NAME })).json()).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { field: 'idNumber' },
    })
    expect((await appeal(user, { statement: '申诉', ...identity, extra: 1 })).json().code).toBe(
      'INVALID_REQUEST',
    )
    expect((await appeal(user, { statement: '申诉', ...identity })).statusCode).toBe(201)
    const duplicate = await appeal(user, { statement: '再来一次', ...identity })
    expect([duplicate.statusCode, duplicate.json().code]).toEqual([409, 'APPEAL_PENDING'])
  })

  it('checks name and ID number of verified users, limiting wrong pairs to 5 a day', async () => {
    const user = await frozenUser({ verified: true })
    const codeFor = async (realName: string, idNumber: string) =>
      (await appeal(user, { statement: '申诉', realName, idNumber })).json().code
    // A bad checksum is a typo, told as the real-name page tells it, and not a counted guess.
    expect(await codeFor(REAL_NAME, '110105194912310021')).toBe('ID_NUMBER_INVALID')
    expect(await codeFor(REAL_NAME, makeIdNumber('110105', '19491231', '003'))).toBe(
      'ID_NAME_MISMATCH',
    )
    expect(await codeFor('张三', ID_NUMBER)).toBe('ID_NAME_MISMATCH')
    for (let attempt = 3; attempt <= 5; attempt++) {
      expect(await codeFor('李四', ID_NUMBER)).toBe('ID_NAME_MISMATCH')
    }
    const limited = await appeal(user, {
      statement: '申诉',
      realName: REAL_NAME,
      idNumber: ID_NUMBER,
    })
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({
      code: 'FREQUENCY_LIMITED',
      details: { limit: 'appeal_identity' },
    })
    app.clock.advanceMs(DAY_MS)
    // Spacing and full-width letters do not matter, as in real-name verification.
    const typed = { realName: `张 三丰 `, idNumber: ` ${ID_NUMBER.replace('X', 'ｘ')} ` }
    expect((await appeal(user, { statement: '申诉', ...typed })).statusCode).toBe(201)
  })

  it('needs a valid appeal SMS code from users without real-name verification', async () => {
    const user = await frozenUser({ verified: false })
    // Name and ID number are no substitute when there is no record to check them against.
    expect(
      (await appeal(user, { statement: '申诉', realName: REAL_NAME, idNumber: ID_NUMBER })).json(),
    ).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'smsCode' } })
    expect((await appeal(user, { statement: '申诉', smsCode: '123456' })).json().code).toBe(
      'SMS_CODE_NOT_REQUESTED',
    )
    app.clock.advanceMs(61_000)
    const code = await requestCode(app, user.phone, 'appeal', user.token)
    const wrong = await appeal(user, {
      statement: '申诉',
      smsCode: code === '000000' ? '111111' : '000000',
    })
    expect(wrong.json()).toMatchObject({ code: 'SMS_CODE_WRONG', details: { attemptsLeft: 4 } })
    // A sign-in code is not an appeal code.
    app.clock.advanceMs(61_000)
    const signInCode = await requestCode(app, user.phone, 'sign_in')
    expect((await appeal(user, { statement: '申诉', smsCode: signInCode })).json().code).toBe(
      'SMS_CODE_WRONG',
    )
    app.clock.advanceMs(5 * 60_000)
    expect((await appeal(user, { statement: '申诉', smsCode: code })).json().code).toBe(
      'SMS_CODE_EXPIRED',
    )
  })

  it('keeps one pending appeal and one decision when requests race', async () => {
    const user = await frozenUser({ verified: true })
    const identity = { realName: REAL_NAME, idNumber: ID_NUMBER }
    const racing = await Promise.all(
      [1, 2, 3].map((n) => appeal(user, { statement: `申诉 ${n}`, ...identity })),
    )
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 409, 409])
    const appealId = racing.find((response) => response.statusCode === 201)?.json().appeal
      .id as string
    const reviewer = await operator('support')
    const decisions = await Promise.all([
      decide(reviewer, appealId, 'approve', '通过'),
      decide(reviewer, appealId, 'reject', '驳回'),
    ])
    expect(decisions.map((response) => response.statusCode).sort()).toEqual([200, 409])
    const loser = decisions.find((response) => response.statusCode === 409)
    expect(loser?.json().code).toBe('APPEAL_ALREADY_DECIDED')
    const again = await decide(reviewer, appealId, 'approve', '再次通过')
    expect(again.json()).toMatchObject({
      code: 'APPEAL_ALREADY_DECIDED',
      details: { status: decisions.find((r) => r.statusCode === 200)?.json().status },
    })
  })

  it('queues pending appeals oldest first, lists decided ones by status, masks per role', async () => {
    const first = await frozenUser({ verified: true })
    const second = await frozenUser({ verified: true })
    const identity = { realName: REAL_NAME, idNumber: ID_NUMBER }
    const firstAppeal = (await appeal(first, { statement: '第一', ...identity })).json().appeal
    app.clock.advanceMs(1000)
    const secondAppeal = (await appeal(second, { statement: '第二', ...identity })).json().appeal
    const admin = await operator('admin')
    const pending = (await get('/api/v1/admin/appeals?status=pending', admin)).appeals as {
      id: string
    }[]
    const ids = pending.map((each) => each.id)
    expect(ids.indexOf(firstAppeal.id)).toBeLessThan(ids.indexOf(secondAppeal.id))
    expect(pending.find((each) => each.id === secondAppeal.id)).toMatchObject({
      userId: second.userId,
      userPhone: second.phone,
      userRealName: REAL_NAME,
    })
    expect((await decide(admin, firstAppeal.id, 'reject', '材料不全')).statusCode).toBe(200)
    const rejected = (await get('/api/v1/admin/appeals?status=rejected', admin)).appeals as {
      id: string
    }[]
    expect(rejected[0]).toMatchObject({
      id: firstAppeal.id,
      status: 'rejected',
      decisionReason: '材料不全',
      userId: first.userId,
    })
    const support = await operator('support')
    const masked = (await get('/api/v1/admin/appeals', support)).appeals as {
      id: string
      userPhone: string
    }[]
    expect(masked.map((each) => each.id)).not.toContain(firstAppeal.id)
    expect(masked.find((each) => each.id === secondAppeal.id)?.userPhone).toMatch(
      /^\d{3}\*{4}\d{4}$/,
    )
    const detail = await get(`/api/v1/admin/users/${second.userId}`, support)
    expect(detail.user).toMatchObject({ status: 'frozen', realName: '**丰' })
    expect(detail.appeals).toEqual([secondAppeal])
    const bad = await app.server.inject({
      method: 'GET',
      url: '/api/v1/admin/appeals?status=open',
      headers: { authorization: admin.authorization },
    })
    expect(bad.statusCode).toBe(400)
  })

  it('answers 404 for unknown appeals and 400 for bad decisions, without detail', async () => {
    const reviewer = await operator('support')
    for (const appealId of ['ap_doesnotexist0000', 'nonsense']) {
      const unknown = await decide(reviewer, appealId, 'approve', '通过')
      expect([unknown.statusCode, unknown.json()]).toEqual([
        404,
        { code: 'NOT_FOUND', message: expect.any(Object), details: { resource: 'appeal' } },
      ])
    }
    expect((await decide(reviewer, 'ap_x', 'maybe', '通过')).statusCode).toBe(400)
    expect((await decide(reviewer, 'ap_x', 'approve', '')).statusCode).toBe(400)
    expect((await decide(reviewer, 'ap_x', 'approve', 'x'.repeat(501))).statusCode).toBe(400)
    const anonymous = await app.server.inject({
      method: 'POST',
      url: '/api/v1/admin/appeals/ap_x/decision',
      payload: { decision: 'approve', reason: 'ok' },
    })
    expect(anonymous.statusCode).toBe(401)
  })
})
