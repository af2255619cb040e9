import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Resolve against this file, not the cwd: `npm run build:web` runs from the repo root.
const webRoot = fileURLToPath(new URL('.', import.meta.url))
const page = (relativePath: string): string => fileURLToPath(new URL(relativePath, import.meta.url))

// `vite` dev server only: forward server routes to a running `lingqian serve`.
const apiOrigin = process.env.LQ_API_ORIGIN ?? 'http://127.0.0.1:3000'
const serverRoutes = ['/readyz', '/healthz', '/openapi.json', '/api']

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(serverRoutes.map((route) => [route, apiOrigin])),
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // One build, three apps: each HTML entry becomes its own page served by the server.
    rolldownOptions: {
      input: {
        wallet: page('index.html'),
        merchant: page('merchant/index.html'),
        admin: page('admin/index.html'),
      },
    },
  },
})
