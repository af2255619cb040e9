import type { ReactNode } from 'react'
import { ConsoleLayout } from '../shared/ConsoleLayout'

export function AdminApp(): ReactNode {
  return (
    <ConsoleLayout
      app="admin"
      documentTitleKey="admin.documentTitle"
      roleKey="admin.role"
      introKey="admin.intro"
      upcomingNavKeys={[
        'admin.nav.users',
        'admin.nav.merchants',
        'admin.nav.ledger',
        'admin.nav.risk',
        'admin.nav.audit',
      ]}
    />
  )
}
