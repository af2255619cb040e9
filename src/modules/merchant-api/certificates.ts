/**
 * `GET /v3/certificates` (reference §6.10): the merchant's platform certificates still valid,
 * each encrypted with its APIv3 key (associated_data "certificate"). A merchant in public-key
 * mode has none: 404 RESOURCE_NOT_EXISTS with WeChat's own words.
 */
import { rfc3339Shanghai } from '../../shared/shanghai-time.ts'
import { type EncryptedResource, encryptResource } from './aead.ts'
import type { MerchantApiContext } from './context.ts'
import { loadCredentialsRow } from './credentials.ts'
import { listPlatformKeys } from './platform-keys.ts'
import { V3Error } from './v3-error.ts'

export interface PlatformCertificateList {
  data: {
    serial_no: string
    effective_time: string
    expire_time: string
    encrypt_certificate: EncryptedResource
  }[]
}

export async function listPlatformCertificates(
  ctx: MerchantApiContext,
  merchantId: string,
): Promise<PlatformCertificateList> {
  const row = await loadCredentialsRow(ctx, merchantId)
  const keys = (await listPlatformKeys(ctx, merchantId)).filter((key) => key.mode === 'cert')
  if (row === undefined || keys.length === 0) {
    throw new V3Error(
      404,
      'RESOURCE_NOT_EXISTS',
      '无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。',
    )
  }
  const apiV3Key = ctx.secrets.decrypt(row.apiv3_key_enc)
  return {
    data: keys.map((key) => ({
      serial_no: key.id,
      effective_time: rfc3339Shanghai(key.validFromMs),
      expire_time: rfc3339Shanghai(key.validUntilMs),
      encrypt_certificate: encryptResource(apiV3Key, key.certificatePem ?? '', 'certificate'),
    })),
  }
}
