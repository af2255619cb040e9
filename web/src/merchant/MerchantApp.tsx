import type { ReactNode } from 'react'
import { ConsoleLayout } from '../shared/ConsoleLayout'

export function MerchantApp(): ReactNode {
  return (
    <ConsoleLayout
      app="merchant"
      documentTitleKey="merchant.documentTitle"
      roleKey="merchant.role"
      introKey="merchant.intro"
      upcomingNavKeys={[
        'merchant.nav.payments',
        'merchant.nav.refunds',
        'merchant.nav.settlements',
        'merchant.nav.apiKeys',
        'merchant.nav.webhooks',
      ]}
    />
  )
}
