import { useState } from 'react'
import { SettlementsPage } from './SettlementsPage'
import type { ReactNode } from 'react'
import { ConsoleLayout, ConsoleOverview } from '../shared/ConsoleLayout'
import type { ConsoleNavItem } from '../shared/ConsoleLayout'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { matchPath, navigate, useLocation } from '../shared/router'
import { adminApi, mayReadJobs } from './api'
import type { OperatorRole } from './api'
import { AppealsPage } from './AppealsPage'
import { RefundQueuePage } from './RefundQueuePage'
import { AuditLogPage } from './AuditLogPage'
import { JobsPage } from './JobsPage'
import { ROLE_KEY } from './labels'
import { MerchantsPage } from './MerchantsPage'
import { OverviewPage } from './OverviewPage'
import { ReconciliationPage } from './ReconciliationPage'
import { AdminSessionProvider, useAdminSession, useOperator } from './session'
import { AdminSignInCard } from './SignInPage'
import { UserDetailPage } from './UserDetailPage'
import { UsersPage } from './UsersPage'
import './admin.css'
import './admin-console.css'

const UPCOMING: readonly MessageKey[] = ['admin.nav.ledger', 'admin.nav.risk']

function trimSlash(pathname: string): string {
  return pathname.replace(/\/+$/, '')
}

function navItems(pathname: string, role: OperatorRole): ConsoleNavItem[] {
  const path = trimSlash(pathname)
  const jobs: ConsoleNavItem = {
    key: 'admin.nav.jobs',
    to: '/admin/jobs',
    current: path.startsWith('/admin/jobs'),
    testId: 'admin-nav-jobs',
  }
  return [
    {
      key: 'console.nav.overview',
      to: '/admin/',
      current: path === '/admin',
      testId: 'admin-nav-overview',
    },
    {
      key: 'admin.nav.users',
      to: '/admin/users',
      current: path.startsWith('/admin/users'),
      testId: 'admin-nav-users',
    },
    {
      key: 'admin.nav.merchants',
      to: '/admin/merchants',
      current: path.startsWith('/admin/merchants'),
      testId: 'admin-nav-merchants',
    },
    {
      key: 'admin.nav.settlements',
      to: '/admin/settlements',
      current: path.startsWith('/admin/settlements'),
      testId: 'admin-nav-settlements',
    },
    {
      key: 'admin.nav.appeals',
      to: '/admin/appeals',
      current: path.startsWith('/admin/appeals'),
      testId: 'admin-nav-appeals',
    },
    {
      key: 'refunds.title',
      to: '/admin/refunds',
      current: path.startsWith('/admin/refunds'),
      testId: 'admin-nav-refunds',
    },
    {
      key: 'admin.nav.reconciliation',
      to: '/admin/reconciliation',
      current: path.startsWith('/admin/reconciliation'),
      testId: 'admin-nav-reconciliation',
    },
    {
      key: 'admin.nav.audit',
      to: '/admin/audit',
      current: path.startsWith('/admin/audit'),
      testId: 'admin-nav-audit',
    },
    // Support may not read jobs (payloads name transfers): no link to a page that refuses.
    ...(mayReadJobs(role) ? [jobs] : []),
  ]
}

function OperatorBadge(): ReactNode {
  const { t } = useI18n()
  const operator = useOperator()
  const session = useAdminSession()
  const [error, setError] = useState<unknown>(null)

  async function signOut(): Promise<void> {
    try {
      await adminApi.signOut()
      session.clear()
      navigate('/admin/')
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <span className="lq-operator">
      <span data-testid="admin-operator" data-role={operator.role}>
        {t('admin.operator', { name: operator.displayName, role: t(ROLE_KEY[operator.role]) })}
      </span>
      <button
        type="button"
        className="lq-small-button"
        onClick={() => void signOut()}
        data-testid="admin-sign-out"
      >
        {t('admin.signOut')}
      </button>
      {error !== null && <ErrorAlert error={error} testId="admin-sign-out-error" />}
    </span>
  )
}

function Page({ pathname }: { pathname: string }): ReactNode {
  const { t } = useI18n()
  const path = trimSlash(pathname)
  if (path === '/admin') return <OverviewPage />
  if (path === '/admin/users') return <UsersPage />
  if (path === '/admin/merchants') return <MerchantsPage />
  if (path === '/admin/settlements') return <SettlementsPage />
  if (path === '/admin/appeals') return <AppealsPage />
  if (path === '/admin/refunds') return <RefundQueuePage />
  if (path === '/admin/reconciliation') return <ReconciliationPage />
  if (path === '/admin/audit') return <AuditLogPage />
  if (path === '/admin/jobs') return <JobsPage />
  const user = matchPath('/admin/users/:id', path)
  if (user?.id !== undefined) return <UserDetailPage key={user.id} userId={user.id} />
  return (
    <p className="lq-card" data-testid="not-found">
      {t('admin.notFound')}
    </p>
  )
}

function Console(): ReactNode {
  const { state, refresh } = useAdminSession()
  const { t } = useI18n()
  const { pathname } = useLocation()
  const layout = {
    app: 'admin',
    documentTitleKey: 'admin.documentTitle',
    roleKey: 'admin.role',
    introKey: 'admin.intro',
    upcomingNavKeys: UPCOMING,
  } as const

  if (state.kind === 'signed-in') {
    return (
      <ConsoleLayout
        {...layout}
        nav={navItems(pathname, state.operator.role)}
        topbarExtra={<OperatorBadge />}
      >
        <Page pathname={pathname} />
      </ConsoleLayout>
    )
  }
  // Signed out, the URL stays as it is, so signing in lands on the page that was asked for.
  return (
    <ConsoleLayout {...layout}>
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && (
        <div className="lq-card">
          <ErrorAlert error={state.error} />
          <button type="button" className="lq-link-button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.kind === 'signed-out' && (
        <ConsoleOverview app="admin" roleKey="admin.role" introKey="admin.intro">
          <AdminSignInCard />
        </ConsoleOverview>
      )}
    </ConsoleLayout>
  )
}

export function AdminApp(): ReactNode {
  return (
    <AdminSessionProvider>
      <Console />
    </AdminSessionProvider>
  )
}
