/** `GET /v3/certificates`: the platform certificates in certificate mode (reference §6.10). */
import type { MerchantApi } from '../../modules/merchant-api/index.ts'
import type { V3Scope } from './plugin.ts'

export async function v3CertificateRoutes(scope: V3Scope, deps: { merchantApi: MerchantApi }) {
  scope.get(
    '/certificates',
    { schema: { tags: ['wechatpay-v3'], summary: '平台证书列表 (platform certificates)' } },
    async (request) => deps.merchantApi.platformCertificates(request.v3Merchant as string),
  )
}
