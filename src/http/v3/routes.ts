/** Every v3 endpoint inside the signed `/v3` scope (plugin.ts), in the order of /openapi.json. */
import type { HttpApp } from '../server.ts'
import { type V3BillDeps, v3BillRoutes } from './bills.ts'
import { v3CertificateRoutes } from './certificates.ts'
import { type V3Deps, v3Plugin } from './plugin.ts'
import { type V3ProfitSharingDeps, v3ProfitSharingRoutes } from './profit-sharing.ts'
import { type SandboxOrderDeps, sandboxOrderRoutes } from './sandbox-orders.ts'
import { type V3TransactionDeps, v3TransactionRoutes } from './transactions.ts'
import { type V3PrepayDeps, v3PrepayRoutes } from './prepay-orders.ts'
import { type V3CodepayDeps, v3CodepayRoutes } from './codepay.ts'

export async function v3Routes(
  app: HttpApp,
  deps: V3Deps &
    V3TransactionDeps &
    V3PrepayDeps &
    V3CodepayDeps &
    V3BillDeps &
    V3ProfitSharingDeps &
    SandboxOrderDeps,
): Promise<void> {
  await v3Plugin(app, deps, async (scope) => {
    await v3CertificateRoutes(scope, deps)
    await v3TransactionRoutes(scope, deps)
    await v3PrepayRoutes(scope, deps)
    await v3CodepayRoutes(scope, deps)
    await v3BillRoutes(scope, deps)
    await v3ProfitSharingRoutes(scope, deps)
  })
  await sandboxOrderRoutes(app, deps)
}
