/**
 * The merchant console's API keys page (owner only): the WeChat Pay v3 credentials as the CLI
 * `lingqian merchant credentials` prints them (snake_case, the SDKs' words), and their public
 * view. The merchant private key is in the answer that generated it and nowhere after.
 */
import { type Static, Type } from 'typebox'
import { strict, TimestampMs } from './common.ts'

const Mode = Type.Union([Type.Literal('pubkey'), Type.Literal('cert')])
const Host = Type.Union([Type.Literal('server'), Type.Literal('official')])
const Pem = Type.String({ maxLength: 8000 })

const PlatformKey = Type.Object({
  id: Type.String({ maxLength: 64 }),
  mode: Mode,
  pem: Pem,
  valid_until_ms: TimestampMs(),
})

const PublicParts = {
  mchid: Type.String({ maxLength: 10 }),
  appid: Type.String({ maxLength: 32 }),
  merchant_serial_no: Type.String({ maxLength: 40 }),
  merchant_certificate_pem: Pem,
  platform_key_id: Type.String({ maxLength: 64 }),
  platform_key_pem: Pem,
  platform_key_mode: Mode,
  platform_keys: Type.Array(PlatformKey, { maxItems: 5 }),
  bill_download_host: Host,
}

export const MerchantApiCredentials = Type.Object({
  ...PublicParts,
  apiv3_key: Type.String({ maxLength: 32 }),
  merchant_private_key_pem: Type.Optional(Pem),
})
export type MerchantApiCredentials = Static<typeof MerchantApiCredentials>

export const MerchantApiKeysView = Type.Object({
  credentials: Type.Union([
    Type.Object({
      ...PublicParts,
      key_source: Type.Union([Type.Literal('generated'), Type.Literal('uploaded')]),
    }),
    Type.Null(),
  ]),
})
export type MerchantApiKeysView = Static<typeof MerchantApiKeysView>

export const MerchantApiKeysCreate = Type.Object(
  {
    platformKeyMode: Type.Optional(Mode),
    /** The merchant's own RSA-2048 public key (SPKI PEM): no private key is generated. */
    publicKeyPem: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  strict,
)
export type MerchantApiKeysCreate = Static<typeof MerchantApiKeysCreate>

export const MerchantApiKeysRotate = Type.Object({ platformKeyMode: Type.Optional(Mode) }, strict)
export type MerchantApiKeysRotate = Static<typeof MerchantApiKeysRotate>

export const MerchantBillHostUpdate = Type.Object({ host: Host }, strict)
export type MerchantBillHostUpdate = Static<typeof MerchantBillHostUpdate>
