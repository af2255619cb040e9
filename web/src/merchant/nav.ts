import type { ConsoleNavItem } from '../shared/ConsoleLayout'
import type { MessageKey } from '../shared/i18n'

/**
 * The console's sections, in sidebar order. A section's pages are routed in MerchantApp's
 * `pageFor`; one still being built stays in UPCOMING until it lands.
 */
const SECTIONS: readonly { key: MessageKey; to: string; testId: string }[] = [
  { key: 'console.nav.overview', to: '/merchant/', testId: 'merchant-nav-overview' },
  { key: 'merchant.nav.cashier', to: '/merchant/cashier', testId: 'merchant-nav-cashier' },
  { key: 'merchant.nav.staticCode', to: '/merchant/static-code', testId: 'merchant-nav-static' },
  { key: 'merchant.nav.orders', to: '/merchant/orders', testId: 'merchant-nav-orders' },
  { key: 'merchant.nav.payments', to: '/merchant/payments', testId: 'merchant-nav-payments' },
  { key: 'merchant.nav.coupons', to: '/merchant/coupons', testId: 'merchant-nav-coupons' },
  {
    key: 'merchant.nav.settlements',
    to: '/merchant/settlements',
    testId: 'merchant-nav-settlements',
  },
  { key: 'merchant.nav.staff', to: '/merchant/staff', testId: 'merchant-nav-staff' },
  { key: 'merchant.nav.refunds', to: '/merchant/refunds', testId: 'merchant-nav-refunds' },
  { key: 'merchant.nav.apiKeys', to: '/merchant/api-keys', testId: 'merchant-nav-api-keys' },
  { key: 'merchant.nav.webhooks', to: '/merchant/webhooks', testId: 'merchant-nav-webhooks' },
]

/** Sections still being built stay here until they land; all have landed. */
export const UPCOMING_NAV_KEYS: readonly MessageKey[] = []

/** The owner's sections: 结算 (cashiers never see the money side), the API keys, notifications. */
const OWNER_ONLY = ['/merchant/settlements', '/merchant/api-keys', '/merchant/webhooks']

/** The sections `isOwner` may open. */
export function merchantNav(pathname: string, isOwner: boolean): ConsoleNavItem[] {
  const path = pathname.replace(/\/+$/, '')
  const visible = SECTIONS.filter((section) => isOwner || !OWNER_ONLY.includes(section.to))
  return visible.map((section) => {
    const base = section.to.replace(/\/+$/, '')
    const current = base === '/merchant' ? path === base : path.startsWith(base)
    return { key: section.key, to: section.to, current, testId: section.testId }
  })
}
