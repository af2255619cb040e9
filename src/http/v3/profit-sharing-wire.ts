/** What the profit-sharing v3 routes share: their dependencies, field schemas and checks. */
import { Type } from 'typebox'
import { type MerchantApi, V3Error } from '../../modules/merchant-api/index.ts'
import type { PaymentsService } from '../../modules/payments/index.ts'
import type { ProfitSharingService } from '../../modules/profit-sharing/index.ts'

export interface V3ProfitSharingDeps {
  merchantApi: MerchantApi
  payments: PaymentsService
  profitSharing: ProfitSharingService
}

export const TAGS = ['wechatpay-v3']

export const APPID = Type.String({ minLength: 1, maxLength: 32 })
export const TRANSACTION_ID = Type.String({ pattern: '^[0-9]{1,32}$' })
export const RECEIVER_TYPE = Type.Union([
  Type.Literal('MERCHANT_ID'),
  Type.Literal('PERSONAL_OPENID'),
])
export const ACCOUNT = Type.String({ minLength: 1, maxLength: 64 })

/** The request must be signed by the merchant whose appid it names. */
export async function checkAppId(deps: V3ProfitSharingDeps, merchantId: string, appId: string) {
  if ((await deps.merchantApi.appIdOf(merchantId)) !== appId) {
    throw new V3Error(
      400,
      'APPID_MCHID_NOT_MATCH',
      'appid 和 mch_id 不匹配 / appid is not this merchant’s',
    )
  }
}

export function signer(merchantId: string | null): string {
  if (merchantId === null) throw new V3Error(401, 'SIGN_ERROR', '签名错误 / not signed')
  return merchantId
}

/** A name the merchant encrypted with our platform key (header Wechatpay-Serial). */
export async function decryptName(
  deps: V3ProfitSharingDeps,
  merchantId: string,
  serialHeader: string | string[] | undefined,
  ciphertext: string | undefined,
  field: string,
): Promise<string | undefined> {
  if (ciphertext === undefined) return undefined
  const keyId = typeof serialHeader === 'string' ? serialHeader : undefined
  const name = await deps.merchantApi.decryptSensitiveField(merchantId, keyId, ciphertext)
  if (name === undefined) {
    throw new V3Error(400, 'PARAM_ERROR', '敏感信息解密失败 / the name could not be decrypted', {
      field,
      location: 'body',
      issue: 'encrypt it with RSA-OAEP (SHA-1) and a platform key named in Wechatpay-Serial',
    })
  }
  return name
}
