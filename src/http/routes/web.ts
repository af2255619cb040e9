/**
 * Serves the built web apps: the wallet at /, the merchant console at /merchant/, the admin
 * console at /admin/. Unknown paths under an app fall back to its index.html (client routing);
 * an asset a rebuild added while the server runs is served too.
 */
import { existsSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { Config } from '../../config.ts'
import type { HttpApp } from '../server.ts'

const APPS = [
  { prefix: '/admin', index: 'admin/index.html' },
  { prefix: '/merchant', index: 'merchant/index.html' },
  { prefix: '', index: 'index.html' },
] as const

const NOT_BUILT_HTML = `<!doctype html><meta charset="utf-8"><title>零钱 Lingqian</title>
<h1>零钱 Lingqian</h1><p>服务已启动，但网页尚未构建：运行 <code>npm run build:web</code>。</p>
<p>The service is up but the web app is not built: run <code>npm run build:web</code>.</p>
<p><a href="/openapi.json">API (OpenAPI)</a></p>`

export interface WebRoutesDeps {
  config: Pick<Config, 'webDir'>
}

export async function webRoutes(app: HttpApp, deps: WebRoutesDeps): Promise<void> {
  const root = deps.config.webDir
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html').send(NOT_BUILT_HTML),
    )
    return
  }
  await app.register(fastifyStatic, { root, prefix: '/', index: ['index.html'], wildcard: false })
  for (const webApp of APPS) {
    app.get(`${webApp.prefix}/*`, { schema: { hide: true } }, async (request, reply) => {
      // API-looking paths get a JSON 404, not an HTML page; so does a missing asset (a tab
      // opened before a rebuild asks for old hashed files: HTML there breaks it silently).
      if (isAssetPath(request.url)) {
        // Static routes are fixed at start; a file a rebuild added since is served from disk.
        const built = builtFile(root, request.url)
        return built === undefined ? reply.callNotFound() : reply.sendFile(built)
      }
      if (request.url.startsWith('/api/') || !acceptsHtml(request.headers.accept)) {
        return reply.callNotFound()
      }
      return reply.sendFile(webApp.index)
    })
  }
}

/** Files the build emits (scripts, styles, images, fonts): never a client route. */
const ASSET_FILE = /\.(?:js|mjs|css|map|json|txt|wasm|png|jpe?g|gif|svg|ico|webp|woff2?)$/i

export function isAssetPath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? ''
  return ASSET_FILE.test(path)
}

/** The file under `root` that `url` names, relative to `root`, if it exists and stays inside. */
function builtFile(root: string, url: string): string | undefined {
  let path: string
  try {
    path = decodeURIComponent(url.split(/[?#]/, 1)[0] ?? '')
  } catch {
    return undefined
  }
  const absolute = resolve(root, `.${path}`)
  if (!absolute.startsWith(resolve(root) + sep)) return undefined
  return existsSync(absolute) && statSync(absolute).isFile() ? relative(root, absolute) : undefined
}

function acceptsHtml(accept: string | undefined): boolean {
  return accept === undefined || accept.includes('text/html') || accept.includes('*/*')
}
