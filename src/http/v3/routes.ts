/** Every v3 endpoint inside the signed `/v3` scope (plugin.ts), in the order of /openapi.json. */
import type { HttpApp } from '../server.ts'
import { v3CertificateRoutes } from './certificates.ts'
import { type V3Deps, v3Plugin } from './plugin.ts'

export async function v3Routes(app: HttpApp, deps: V3Deps): Promise<void> {
  await v3Plugin(app, deps, async (scope) => {
    await v3CertificateRoutes(scope, deps)
  })
}
