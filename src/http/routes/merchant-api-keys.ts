/**
 * The merchant console's API keys (`/api/v1/merchant/api-keys*`, owner only): the same
 * credentials as `lingqian merchant credentials` — see them (no secret), generate them (the
 * answer is the only one with the generated private key: the page offers it as a file once),
 * upload an own public key instead, rotate the platform key, and choose the bill download host.
 */
import type { MerchantApi } from '../../modules/merchant-api/index.ts'
import type { MerchantsService, Staff } from '../../modules/merchants/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { AUTH_ERRORS } from '../contract/common.ts'
import {
  MerchantApiCredentials,
  MerchantApiKeysCreate,
  MerchantApiKeysRotate,
  MerchantApiKeysView,
  MerchantBillHostUpdate,
} from '../contract/merchant-api-keys.ts'
import { authenticateStaff } from '../merchant-auth.ts'
import type { HttpApp } from '../server.ts'

const tags = ['merchant console']

export interface MerchantApiKeyRoutesDeps {
  merchants: MerchantsService
  merchantApi: MerchantApi
}

async function owner(
  request: Parameters<typeof authenticateStaff>[0],
  merchants: MerchantsService,
): Promise<Staff> {
  const { staff } = await authenticateStaff(request, merchants)
  if (staff.role !== 'owner') throw new DomainError('FORBIDDEN', { permission: 'api_keys' })
  return staff
}

export async function merchantApiKeyRoutes(
  app: HttpApp,
  { merchants, merchantApi }: MerchantApiKeyRoutesDeps,
): Promise<void> {
  app.get(
    '/api/v1/merchant/api-keys',
    {
      schema: {
        tags,
        summary: 'The WeChat Pay v3 credentials without their secrets (null before any)',
        response: { 200: MerchantApiKeysView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const staff = await owner(request, merchants)
      return { credentials: (await merchantApi.describeCredentials(staff.merchantId)) ?? null }
    },
  )
  app.post(
    '/api/v1/merchant/api-keys',
    {
      schema: {
        tags,
        summary: 'Generate the credentials (or certify an uploaded public key); idempotent',
        body: MerchantApiKeysCreate,
        response: { 200: MerchantApiCredentials, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const staff = await owner(request, merchants)
      const { platformKeyMode, publicKeyPem } = request.body
      return merchantApi.issueCredentials({
        merchantId: staff.merchantId,
        ...(platformKeyMode ? { platformKeyMode } : {}),
        ...(publicKeyPem ? { publicKeyPem } : {}),
      })
    },
  )
  await changeRoutes(app, { merchants, merchantApi })
}

/** Rotation and the bill host: only once there are credentials. */
async function changeRoutes(app: HttpApp, { merchants, merchantApi }: MerchantApiKeyRoutesDeps) {
  app.post(
    '/api/v1/merchant/api-keys/rotate',
    {
      schema: {
        tags,
        summary: 'A new platform key becomes the default; the old ones stay valid',
        body: MerchantApiKeysRotate,
        response: { 200: MerchantApiCredentials, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const staff = await owner(request, merchants)
      if ((await merchantApi.describeCredentials(staff.merchantId)) === undefined) {
        throw new DomainError('NOT_FOUND', { resource: 'merchant_api_credentials' })
      }
      const mode = request.body.platformKeyMode
      return merchantApi.issueCredentials({
        merchantId: staff.merchantId,
        rotatePlatformKey: true,
        ...(mode ? { platformKeyMode: mode } : {}),
      })
    },
  )
  app.put(
    '/api/v1/merchant/api-keys/bill-download-host',
    {
      schema: {
        tags,
        summary: 'Where bill download_urls point: our server, or the official host (node-v3)',
        body: MerchantBillHostUpdate,
        response: { 200: MerchantApiKeysView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const staff = await owner(request, merchants)
      await merchantApi.setBillDownloadHost(staff.merchantId, request.body.host)
      return { credentials: (await merchantApi.describeCredentials(staff.merchantId)) ?? null }
    },
  )
}
