/**
 * A platform authenticator in software (ES256, 'none' attestation) that signs exactly what a
 * browser would send, for the server-side passkey tests.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers'

const ORIGIN = 'http://wallet.test'

export type Auth = Record<string, string>
export type Json = Record<string, unknown>

type Cbor = Parameters<typeof isoCBOR.encode>[0]

export const b64 = (bytes: Uint8Array | string) =>
  isoBase64URL.fromBuffer(
    Uint8Array.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
  )
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()
const uint32 = (value: number) =>
  Buffer.from([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255])

/** A platform authenticator in software: what Chrome's virtual authenticator does, in Node. */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16)
  readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  counter = 0
  constructor(
    readonly origin = ORIGIN,
    readonly userVerified = true,
  ) {}

  private authData(extra: Uint8Array = new Uint8Array()): Buffer {
    // Flags: user present (0x01), user verified (0x04), attested credential data (0x40).
    const flags = 0x01 | (this.userVerified ? 0x04 : 0) | (extra.length > 0 ? 0x40 : 0)
    return Buffer.concat([
      sha256(new URL(this.origin).hostname),
      Buffer.from([flags]),
      uint32(this.counter),
      extra,
    ])
  }

  register(options: { challenge: string }): Json {
    const jwk = this.keys.publicKey.export({ format: 'jwk' })
    const coseKey = new Map<number, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, isoBase64URL.toBuffer(jwk.x ?? '')],
      [-3, isoBase64URL.toBuffer(jwk.y ?? '')],
    ])
    const idLength = Buffer.from([0, this.credentialId.length])
    const attested = Buffer.concat([
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      isoCBOR.encode(coseKey),
    ])
    const attestationObject = isoCBOR.encode(
      new Map<string, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, Cbor>()],
        ['authData', this.authData(attested)],
      ]),
    )
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin: this.origin,
      crossOrigin: false,
    })
    return {
      id: b64(this.credentialId),
      rawId: b64(this.credentialId),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(clientData),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
    }
  }

  assert(challenge: string): Json {
    this.counter += 1
    const authenticatorData = this.authData()
    const clientData = JSON.stringify({
      type: 'webauthn.get',
      challenge,
      origin: this.origin,
      crossOrigin: false,
    })
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientData)]),
      this.keys.privateKey,
    )
    return {
      id: b64(this.credentialId),
      rawId: b64(this.credentialId),
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(clientData),
        authenticatorData: b64(authenticatorData),
        signature: b64(signature),
      },
    }
  }
}
