import type { MessageKey } from './i18n'

export type AppId = 'wallet' | 'merchant' | 'admin'

/** Where the server mounts each app of the multi-page build (see web/vite.config.ts). */
export const APPS: readonly { id: AppId; path: string; labelKey: MessageKey }[] = [
  { id: 'wallet', path: '/', labelKey: 'links.wallet' },
  { id: 'merchant', path: '/merchant/', labelKey: 'links.merchant' },
  { id: 'admin', path: '/admin/', labelKey: 'links.admin' },
]

export const OPENAPI_PATH = '/openapi.json'
