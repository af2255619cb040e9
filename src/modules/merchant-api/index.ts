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
import {
  type BillDownloadHost,
  type BillRequest,
  billDownloadHost,
  openBillToken,
  sealBillToken,
  setBillDownloadHost,
} from './bill-downloads.ts'
import { listPlatformCertificates } from './certificates.ts'
import {
  DEFAULT_MERCHANT_API_RULES,
  type MerchantApiContext,
  type MerchantApiDb,
  type MerchantApiRules,
} from './context.ts'
import {
  type CredentialsRequest,
  describeCredentials,
  issueCredentials,
  loadCredentialsRow,
} from './credentials.ts'
import { authenticateRequest, pruneNonces, type SignedRequest } from './request-auth.ts'
import {
  claimOrderKind,
  markReversed,
  type OrderKindClaim,
  orderKindOf,
  releaseOrderKind,
} from './order-kinds.ts'
import {
  type ClientInvocation,
  h5Package,
  markInvocationUsed,
  openIdFor,
  prunePaySigns,
  verifyH5,
  verifyInvocation,
} from './pay-sign.ts'
import { signForMerchant } from './response-signing.ts'
import { decryptSensitiveField, encryptForMerchant } from './sensitive-fields.ts'

export {
  BILL_DOWNLOAD_HOSTS,
  BILL_TOKEN_TTL_MS,
  type BillDownloadHost,
  type BillRequest,
  OFFICIAL_API_ORIGIN,
} from './bill-downloads.ts'
export { decryptResource, type EncryptedResource, encryptResource } from './aead.ts'
export { PLATFORM_KEY_MODES, type PlatformKeyMode } from './context.ts'
export type { CredentialsRequest, MerchantCredentials } from './credentials.ts'
export type { SignedRequest } from './request-auth.ts'
export { type OrderKind, type OrderKindClaim, TRADE_TYPES, type TradeType } from './order-kinds.ts'
export { type ClientInvocation, PREPAY_TTL_MS } from './pay-sign.ts'
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
    /** The public parts only (no APIv3 key, no private key); undefined before any. */
    describeCredentials: (merchantId: string) => describeCredentials(ctx, merchantId),
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
    pruneNonces: async () => (await pruneNonces(ctx)) + (await prunePaySigns(ctx)),
    /** Bill downloads: the host download_urls name, and the sealed token they carry. */
    billDownloadHost: (merchantId: string) => billDownloadHost(ctx, merchantId),
    setBillDownloadHost: (merchantId: string, host: BillDownloadHost) =>
      setBillDownloadHost(ctx, merchantId, host),
    sealBillToken: (request: BillRequest) => sealBillToken(ctx, request),
    openBillToken: (merchantId: string, token: string) => openBillToken(ctx, merchantId, token),
    /** A field the merchant encrypted with a platform key (undefined when none decrypts it). */
    decryptSensitiveField: (merchantId: string, keyId: string | undefined, ciphertext: string) =>
      decryptSensitiveField(ctx, merchantId, keyId, ciphertext),
    /** A field for the merchant, encrypted with its API public key. */
    encryptForMerchant: (merchantId: string, plaintext: string) =>
      encryptForMerchant(ctx, merchantId, plaintext),
    ...orderSide(ctx),
  }
}

/** The v3 side of orders (kind, prepay_id, openid) and our pay page's checks. */
function orderSide(ctx: MerchantApiContext) {
  return {
    /** Claims (merchant, out_trade_no) for a kind; OUT_TRADE_NO_USED for another kind/openid. */
    claimOrderKind: (claim: OrderKindClaim) => claimOrderKind(ctx, claim),
    releaseOrderKind: (merchantId: string, outTradeNo: string) =>
      releaseOrderKind(ctx, merchantId, outTradeNo),
    /** `executor`: the caller's transaction (the paid order's notification). */
    orderKindOf: (merchantId: string, outTradeNo: string, executor?: Db) =>
      orderKindOf(withExecutor(ctx, executor), merchantId, outTradeNo),
    markReversed: (merchantId: string, outTradeNo: string) =>
      markReversed(ctx, merchantId, outTradeNo),
    /** A wallet user's openid for an app: stable, per app, not reversible. */
    openIdFor: (appId: string, userId: string) => openIdFor(ctx, appId, userId),
    h5Package: (prepayId: string) => h5Package(ctx, prepayId),
    verifyInvocation: (
      invocation: ClientInvocation,
      options?: { allowUsed?: boolean; payerUserId?: string },
    ) => verifyInvocation(ctx, invocation, options),
    markInvocationUsed: (appId: string, nonceStr: string) =>
      markInvocationUsed(ctx, appId, nonceStr),
    verifyH5: (prepayId: string, pkg: string) => verifyH5(ctx, prepayId, pkg),
  }
}

function withExecutor(ctx: MerchantApiContext, executor: Db | undefined): MerchantApiContext {
  return executor === undefined ? ctx : { ...ctx, db: executor as MerchantApiDb }
}

export type MerchantApi = ReturnType<typeof createMerchantApi>
export { checkNotifyUrl, isInternalAddress, type NotifyUrlCheck } from './notify-url.ts'
