/**
 * @module merchant-api
 * The merchant API wire-compatible with WeChat Pay API v3: credentials (appid, APIv3 key,
 * merchant API key and certificate, platform keys in public-key or certificate mode, rotation),
 * request authentication, response signing, AEAD resources and the v3 error form. The HTTP
 * layer in src/http/v3 puts it on the wire; endpoints call the payments core.
 *
 * @example
 * const api = createMerchantApi({ db, clock, secrets, merchants })
 * const credentials = await api.issueCredentials({ merchantId: '1900000001' })
 * const { merchantId } = await api.authenticate({ method: 'GET', url, authorization, body: '' })
 * const headers = await api.sign(merchantId, request.headers['wechatpay-serial'], body)
 */
import type { Clock } from '../../adapters/clock/index.ts'
import type { Db } from '../../adapters/db/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { MerchantsService } from '../merchants/index.ts'
import { listPlatformCertificates } from './certificates.ts'
import {
  DEFAULT_MERCHANT_API_RULES,
  type MerchantApiContext,
  type MerchantApiDb,
  type MerchantApiRules,
} from './context.ts'
import { type CredentialsRequest, issueCredentials, loadCredentialsRow } from './credentials.ts'
import { authenticateRequest, pruneNonces, type SignedRequest } from './request-auth.ts'
import { signForMerchant } from './response-signing.ts'

export { decryptResource, type EncryptedResource, encryptResource } from './aead.ts'
export { PLATFORM_KEY_MODES, type PlatformKeyMode } from './context.ts'
export type { CredentialsRequest, MerchantCredentials } from './credentials.ts'
export type { SignedRequest } from './request-auth.ts'
export type { SignatureHeaders } from './response-signing.ts'
export {
  AUTHORIZATION_SCHEME,
  newNonce,
  parseMchidFromAuthorization,
  requestSignMessage,
  responseSignMessage,
  signSha256WithRsa,
  verifySha256WithRsa,
} from './signatures.ts'
export { V3Error } from './v3-error.ts'

export interface MerchantApiDeps {
  db: Db
  clock: Clock
  secrets: SecretBox
  merchants: MerchantsService
  rules?: Partial<MerchantApiRules>
}

export function createMerchantApi(deps: MerchantApiDeps) {
  const ctx: MerchantApiContext = {
    db: deps.db as MerchantApiDb,
    clock: deps.clock,
    secrets: deps.secrets,
    merchants: deps.merchants,
    rules: { ...DEFAULT_MERCHANT_API_RULES, ...deps.rules },
  }
  return {
    issueCredentials: (request: CredentialsRequest) => issueCredentials(ctx, request),
    authenticate: (request: SignedRequest) => authenticateRequest(ctx, request),
    sign: (
      merchantId: string,
      requestedKeyId: string | undefined,
      body: string,
      options?: { forceBadSignature?: 'garbled' | 'probe' },
    ) => signForMerchant(ctx, merchantId, requestedKeyId, body, options),
    platformCertificates: (merchantId: string) => listPlatformCertificates(ctx, merchantId),
    /**
     * The APIv3 key (notifications are encrypted with it); undefined without credentials.
     * `executor`: the caller's transaction (a notification written with the payment).
     */
    apiV3Key: async (merchantId: string, executor?: Db) => {
      const row = await loadCredentialsRow(withExecutor(ctx, executor), merchantId)
      return row === undefined ? undefined : ctx.secrets.decrypt(row.apiv3_key_enc)
    },
    appIdOf: async (merchantId: string, executor?: Db) =>
      (await loadCredentialsRow(withExecutor(ctx, executor), merchantId))?.appid,
    pruneNonces: () => pruneNonces(ctx),
  }
}

function withExecutor(ctx: MerchantApiContext, executor: Db | undefined): MerchantApiContext {
  return executor === undefined ? ctx : { ...ctx, db: executor as MerchantApiDb }
}

export type MerchantApi = ReturnType<typeof createMerchantApi>
export { checkNotifyUrl, isInternalAddress, type NotifyUrlCheck } from './notify-url.ts'
