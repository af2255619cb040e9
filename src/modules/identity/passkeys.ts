/**
 * Passkeys for biometric payment confirmation (指纹/面容支付), with @simplewebauthn/server.
 * The relying party is the host the wallet is served from: the HTTP layer derives the origin
 * from the request and it is stored with each challenge, so a payment confirmed later (by
 * another module) is checked against the origin the challenge was issued to. Challenges are
 * single use and expire after 5 minutes; a payment challenge is bound to its amount.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers'
import { randomId } from '../../shared/crypto.ts'
import { DomainError } from '../../shared/errors.ts'
import { addNotice } from './notices.ts'
import { verifyPaymentPassword } from './payment-password.ts'
import { maskPhone } from './phone.ts'
import { type SecurityContext, userEvent } from './security-context.ts'
import { getUser } from './users.ts'

export type { AuthenticationResponseJSON, RegistrationResponseJSON }
type Transports = NonNullable<RegistrationResponseJSON['response']['transports']>

/** details.reason of PASSKEY_FAILED. */
export type PasskeyFailure =
  | 'NO_PASSKEYS'
  | 'CREDENTIAL_UNKNOWN'
  | 'RESPONSE_INVALID'
  | `CHALLENGE_${'UNKNOWN' | 'EXPIRED' | 'MISMATCH'}`

export interface PasskeyView {
  credentialId: string
  deviceName: string
  createdAtMs: number
  lastUsedAtMs: number | null
  /** The host name it works on; null when enrolled before that was recorded. */
  rpId: string | null
}

const RP_NAME = 'Lingqian 零钱'

/** The challenge row's purpose says what the ceremony is bound to (the table has no columns). */
function purposeText(kind: 'registration' | 'payment', origin: string, amountFen?: number) {
  return kind === 'registration' ? `registration|${origin}` : `payment|${amountFen}|${origin}`
}

function failed(reason: PasskeyFailure): DomainError {
  return new DomainError('PASSKEY_FAILED', { reason })
}

async function storeChallenge(
  ctx: SecurityContext,
  row: { userId: string; purpose: string; challenge: string },
): Promise<string> {
  const id = randomId('wc', 20)
  const expiresAtMs = ctx.clock.nowMs() + ctx.securityRules.webauthnChallengeTtlMs
  await ctx.db
    .insertInto('webauthn_challenges')
    .values({
      id,
      user_id: row.userId,
      purpose: row.purpose,
      challenge: row.challenge,
      expires_at: new Date(expiresAtMs),
      consumed_at: null,
    })
    .execute()
  return id
}

async function userPasskeys(ctx: SecurityContext, userId: string) {
  return ctx.db
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute()
}

function transportsOf(text: string | null): Transports {
  return text === null || text === '' ? [] : (text.split(',') as Transports)
}

function descriptors(passkeys: { credential_id: string; transports: string | null }[]) {
  return passkeys.map((passkey) => ({
    id: passkey.credential_id,
    transports: transportsOf(passkey.transports),
  }))
}

/** Enrolment starts with the payment password, so a borrowed unlocked phone cannot add a finger. */
export async function passkeyRegistrationOptions(
  ctx: SecurityContext,
  request: { userId: string; paymentPassword: unknown; origin: string; ip?: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const user = await getUser(ctx, request.userId)
  await verifyPaymentPassword(ctx, user, request.paymentPassword, request.ip)
  const existing = await userPasskeys(ctx, user.id)
  const passkeysMax = ctx.securityRules.passkeysPerUserMax
  if (existing.length >= passkeysMax) {
    throw new DomainError('INVALID_REQUEST', { reason: 'TOO_MANY_PASSKEYS', passkeysMax })
  }
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: new URL(request.origin).hostname,
    userName: maskPhone(user.phone),
    userDisplayName: user.realName ?? maskPhone(user.phone),
    userID: new TextEncoder().encode(user.id),
    timeout: ctx.securityRules.webauthnChallengeTtlMs,
    attestationType: 'none',
    excludeCredentials: descriptors(existing),
    // The phone's own fingerprint or face sensor: a roaming key is not what 指纹支付 means.
    authenticatorSelection: {
      authenticatorAttachment: 'platform',
      residentKey: 'preferred',
      userVerification: 'required',
    },
  })
  const purpose = purposeText('registration', request.origin)
  await storeChallenge(ctx, { userId: user.id, purpose, challenge: options.challenge })
  return options
}

/** Consumes the challenge (single use, even when it turns out expired or mismatched). */
async function consumeChallenge(
  ctx: SecurityContext,
  where: { userId: string; id?: string; challenge?: string },
): Promise<{ purpose: string; challenge: string }> {
  const nowMs = ctx.clock.nowMs()
  let query = ctx.db
    .updateTable('webauthn_challenges')
    .set({ consumed_at: new Date(nowMs) })
    .where('user_id', '=', where.userId)
    .where('consumed_at', 'is', null)
  if (where.id !== undefined) query = query.where('id', '=', where.id)
  if (where.challenge !== undefined) query = query.where('challenge', '=', where.challenge)
  const row = await query.returning(['purpose', 'challenge', 'expires_at']).executeTakeFirst()
  if (row === undefined) throw failed('CHALLENGE_UNKNOWN')
  if (new Date(row.expires_at).getTime() <= nowMs) throw failed('CHALLENGE_EXPIRED')
  return row
}

function challengeOf(clientDataJSON: string): string {
  try {
    return decodeClientDataJSON(clientDataJSON).challenge
  } catch {
    throw failed('RESPONSE_INVALID')
  }
}

export async function registerPasskey(
  ctx: SecurityContext,
  request: {
    userId: string
    response: RegistrationResponseJSON
    deviceName: string
    origin: string
    ip?: string
  },
): Promise<{ credentialId: string }> {
  const user = await getUser(ctx, request.userId)
  const sent = challengeOf(request.response.response.clientDataJSON)
  const challenge = await consumeChallenge(ctx, { userId: user.id, challenge: sent })
  if (challenge.purpose !== purposeText('registration', request.origin)) {
    throw failed('CHALLENGE_MISMATCH')
  }
  const verification = await verifyRegistrationResponse({
    response: request.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: request.origin,
    expectedRPID: new URL(request.origin).hostname,
    requireUserVerification: true,
  }).catch(() => ({ verified: false as const }))
  if (!verification.verified) throw failed('RESPONSE_INVALID')
  const { credential } = verification.registrationInfo
  const taken = await ctx.db
    .selectFrom('passkeys')
    .select('user_id')
    .where('credential_id', '=', credential.id)
    .executeTakeFirst()
  if (taken !== undefined) {
    throw new DomainError('INVALID_REQUEST', { reason: 'PASSKEY_ALREADY_REGISTERED' })
  }
  const deviceName = request.deviceName.trim().slice(0, 64) || 'Passkey'
  await ctx.db
    .insertInto('passkeys')
    .values({
      credential_id: credential.id,
      user_id: user.id,
      public_key: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports?.join(',') ?? null,
      device_name: deviceName,
      created_at: new Date(ctx.clock.nowMs()),
      last_used_at: null,
      rp_id: new URL(request.origin).hostname,
    })
    .execute()
  await addNotice(ctx, user, 'passkey_added', { deviceName })
  await ctx.audit.record(userEvent(user.id, 'passkey.added', { deviceName }, request.ip))
  return { credentialId: credential.id }
}

export async function listPasskeys(ctx: SecurityContext, userId: string): Promise<PasskeyView[]> {
  const rows = await userPasskeys(ctx, userId)
  return rows.map((row) => ({
    credentialId: row.credential_id,
    deviceName: row.device_name,
    createdAtMs: new Date(row.created_at).getTime(),
    lastUsedAtMs: row.last_used_at === null ? null : new Date(row.last_used_at).getTime(),
    rpId: row.rp_id,
  }))
}

/** Only the owner may remove a passkey; anyone else gets NOT_FOUND and learns nothing. */
export async function removePasskey(
  ctx: SecurityContext,
  request: { userId: string; credentialId: string; ip?: string },
): Promise<void> {
  const removed = await ctx.db
    .deleteFrom('passkeys')
    .where('credential_id', '=', request.credentialId)
    .where('user_id', '=', request.userId)
    .returning('device_name')
    .executeTakeFirst()
  if (removed === undefined) throw new DomainError('NOT_FOUND', { resource: 'passkey' })
  const user = await getUser(ctx, request.userId)
  const detail = { deviceName: removed.device_name }
  await addNotice(ctx, user, 'passkey_removed', detail)
  await ctx.audit.record(userEvent(user.id, 'passkey.removed', detail, request.ip))
}

/** Authentication options for a payment of `amountFen`, over the user's own passkeys. */
export async function createPaymentChallenge(
  ctx: SecurityContext,
  request: { userId: string; amountFen: number; origin: string },
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const rpID = new URL(request.origin).hostname
  // Only passkeys that can sign for this host (or whose host is unknown): the others would fail.
  const passkeys = (await userPasskeys(ctx, request.userId)).filter(
    (passkey) => passkey.rp_id === null || passkey.rp_id === rpID,
  )
  if (passkeys.length === 0) throw failed('NO_PASSKEYS')
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: descriptors(passkeys),
    timeout: ctx.securityRules.webauthnChallengeTtlMs,
    userVerification: 'required',
  })
  const purpose = purposeText('payment', request.origin, request.amountFen)
  const row = { userId: request.userId, purpose, challenge: options.challenge }
  return { challengeId: await storeChallenge(ctx, row), options }
}

/**
 * Checks a payment assertion: the challenge is the caller's, unused, unexpired and for this
 * amount; the credential is theirs; the signature, origin, RP ID and user verification hold.
 * Any failure is PASSKEY_FAILED with a reason (the client falls back to the password).
 */
export async function verifyPaymentAssertion(
  ctx: SecurityContext,
  request: {
    userId: string
    challengeId: string
    response: AuthenticationResponseJSON
    amountFen: number
  },
): Promise<void> {
  const challenge = await consumeChallenge(ctx, { userId: request.userId, id: request.challengeId })
  const [kind, amountText, origin = ''] = challenge.purpose.split('|')
  if (kind !== 'payment' || amountText !== String(request.amountFen)) {
    throw failed('CHALLENGE_MISMATCH')
  }
  const passkey = await ctx.db
    .selectFrom('passkeys')
    .selectAll()
    .where('credential_id', '=', request.response.id)
    .where('user_id', '=', request.userId)
    .executeTakeFirst()
  if (passkey === undefined) throw failed('CREDENTIAL_UNKNOWN')
  const verification = await verifyAuthenticationResponse({
    response: request.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: origin,
    expectedRPID: new URL(origin).hostname,
    credential: {
      id: passkey.credential_id,
      publicKey: isoBase64URL.toBuffer(passkey.public_key),
      counter: Number(passkey.counter),
      transports: transportsOf(passkey.transports),
    },
    requireUserVerification: true,
  }).catch(() => undefined)
  if (verification === undefined || !verification.verified) throw failed('RESPONSE_INVALID')
  await ctx.db
    .updateTable('passkeys')
    .set({
      counter: verification.authenticationInfo.newCounter,
      last_used_at: new Date(ctx.clock.nowMs()),
    })
    .where('credential_id', '=', passkey.credential_id)
    .execute()
}
