/** The built web apps: client routes fall back to index.html, a missing asset is a 404. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import Fastify from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpApp } from '../server.ts'
import { isAssetPath, webRoutes } from './web.ts'

let webDir: string
let app: HttpApp

beforeAll(async () => {
  webDir = await mkdtemp(join(tmpdir(), 'lq-web-'))
  await mkdir(join(webDir, 'assets'))
  await mkdir(join(webDir, 'admin'))
  await writeFile(join(webDir, 'index.html'), '<!doctype html><title>wallet</title>')
  await writeFile(join(webDir, 'admin', 'index.html'), '<!doctype html><title>admin</title>')
  await writeFile(join(webDir, 'assets', 'wallet-abc123.js'), 'export {}')
  app = Fastify().withTypeProvider<TypeBoxTypeProvider>() as unknown as HttpApp
  await webRoutes(app, { config: { webDir } })
  await app.ready()
})

afterAll(async () => {
  await app.close()
  await rm(webDir, { recursive: true, force: true })
  await rm(`${webDir}-secret.js`, { force: true })
})

// What Chromium sends for <script type="module">: no text/html in it.
const SCRIPT_ACCEPT = { accept: '*/*' }
const PAGE_ACCEPT = { accept: 'text/html,application/xhtml+xml' }

describe('web routes', () => {
  it('serves a built asset', async () => {
    const response = await app.inject({ url: '/assets/wallet-abc123.js', headers: SCRIPT_ACCEPT })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/javascript/)
  })

  it('answers a client route with the app page', async () => {
    const wallet = await app.inject({ url: '/balance/operations/tu_1', headers: PAGE_ACCEPT })
    expect(wallet.statusCode).toBe(200)
    expect(wallet.body).toContain('<title>wallet</title>')
    const admin = await app.inject({ url: '/admin/users/u_1', headers: PAGE_ACCEPT })
    expect(admin.body).toContain('<title>admin</title>')
  })

  it('answers a missing asset with 404, not the app page', async () => {
    for (const url of ['/assets/wallet-old999.js', '/admin/assets/admin-old.css', '/x.png?v=1']) {
      const response = await app.inject({ url, headers: SCRIPT_ACCEPT })
      expect(response.statusCode, url).toBe(404)
      expect(response.body, url).not.toContain('<title>')
    }
  })

  it('serves an asset a rebuild added after the start, and nothing outside the build', async () => {
    await writeFile(join(webDir, 'assets', 'wallet-new456.js'), 'export const rebuilt = 1')
    const added = await app.inject({ url: '/assets/wallet-new456.js', headers: SCRIPT_ACCEPT })
    expect(added.statusCode).toBe(200)
    expect(added.body).toContain('rebuilt')
    // A real file beside the build: a path that climbs out of it must not reach it.
    const outside = `${basename(webDir)}-secret.js`
    await writeFile(join(webDir, '..', outside), 'export const secret = 1')
    for (const url of [`/..%2F${outside}`, `/assets/..%2F..%2F${outside}`, `/%2e%2e/${outside}`]) {
      const response = await app.inject({ url, headers: SCRIPT_ACCEPT })
      expect(response.statusCode, url).toBe(404)
    }
  })

  it('tells asset paths from client routes', () => {
    expect(isAssetPath('/assets/base-HygSkEC4.js')).toBe(true)
    expect(isAssetPath('/favicon.ico?x=1')).toBe(true)
    expect(isAssetPath('/balance/operations/wd_ajmcv0p9')).toBe(false)
    expect(isAssetPath('/admin/audit?user=a.js')).toBe(false)
  })
})
