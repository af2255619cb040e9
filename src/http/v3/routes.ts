/** Every v3 endpoint inside the signed `/v3` scope (plugin.ts), in the order of /openapi.json. */
import type { HttpApp } from '../server.ts'
import { v3CertificateRoutes } from './certificates.ts'
import { type V3Deps, v3Plugin } from './plugin.ts'
import { type V3RefundDeps, v3RefundRoutes } from './refunds.ts'
import { type V3TransactionDeps, v3TransactionRoutes } from './transactions.ts'

export async function v3Routes(
  app: HttpApp,
  deps: V3Deps & V3TransactionDeps & V3RefundDeps,
): Promise<void> {
  await v3Plugin(app, deps, async (scope) => {
    await v3CertificateRoutes(scope, deps)
    await v3TransactionRoutes(scope, deps)
    await v3RefundRoutes(scope, deps)
  })
}
