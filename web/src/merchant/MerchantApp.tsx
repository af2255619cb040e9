import { useCallback, useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, onUnauthenticated } from '../shared/api'
import { ConsoleLayout, ConsoleOverview } from '../shared/ConsoleLayout'
import type { ConsoleNavItem } from '../shared/ConsoleLayout'
import { useLocation } from '../shared/router'
import { CouponsPage } from './CouponsPage'
import { SettlementsPage } from './SettlementsPage'
import { StaffPage } from './StaffPage'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import { merchantApi } from './api'
import type { MerchantConsoleMe } from './api'
import { MerchantHomePage } from './HomePage'
import { MerchantSignInCard } from './SignInCard'
import '../admin/admin.css'

type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; me: MerchantConsoleMe }
  | { kind: 'error'; error: unknown }

async function load(): Promise<SessionState> {
  try {
    // The probe answers 200 signed out too: a signed-out console is not an error.
    const probe = await merchantApi.session()
    if (!probe.signedIn) return { kind: 'signed-out' }
    return { kind: 'signed-in', me: { staff: probe.staff, merchant: probe.merchant } }
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return { kind: 'signed-out' }
    return { kind: 'error', error }
  }
}

const LAYOUT = {
  app: 'merchant',
  documentTitleKey: 'merchant.documentTitle',
  roleKey: 'merchant.role',
  introKey: 'merchant.intro',
  upcomingNavKeys: [
    'merchant.nav.payments',
    'merchant.nav.refunds',
    'merchant.nav.apiKeys',
    'merchant.nav.webhooks',
  ],
} as const

function StaffBadge({ me, onSignedOut }: { me: MerchantConsoleMe; onSignedOut: () => void }) {
  const { t } = useI18n()
  const [error, setError] = useState<unknown>(null)
  async function signOut(): Promise<void> {
    try {
      await merchantApi.signOut()
      onSignedOut()
    } catch (caught) {
      setError(caught)
    }
  }
  const role = t(
    me.staff.role === 'owner' ? 'merchant.staffRole.owner' : 'merchant.staffRole.cashier',
  )
  return (
    <span className="lq-operator">
      <span data-testid="merchant-staff" data-role={me.staff.role}>
        {t('merchant.staff', { name: me.staff.displayName, role })}
      </span>
      <button
        type="button"
        className="lq-small-button"
        onClick={() => void signOut()}
        data-testid="merchant-sign-out"
      >
        {t('merchant.signOut')}
      </button>
      {error !== null && <ErrorAlert error={error} testId="merchant-sign-out-error" />}
    </span>
  )
}

/** The console's live sections; 结算 is the owner's (cashiers never see the money side). */
function navItems(pathname: string, isOwner: boolean): ConsoleNavItem[] {
  const item = (key: ConsoleNavItem['key'], to: string, testId: string): ConsoleNavItem => ({
    key,
    to,
    current: pathname.replace(/\/$/, '') === to.replace(/\/$/, ''),
    testId,
  })
  return [
    item('merchant.nav.home', '/merchant/', 'merchant-nav-home'),
    ...(isOwner
      ? [item('merchant.nav.settlements', '/merchant/settlements', 'merchant-nav-settlements')]
      : []),
    item('merchant.nav.coupons', '/merchant/coupons', 'merchant-nav-coupons'),
    item('merchant.nav.staff', '/merchant/staff', 'merchant-nav-staff'),
  ]
}

function SignedInPage({ me, pathname }: { me: MerchantConsoleMe; pathname: string }): ReactNode {
  const isOwner = me.staff.role === 'owner'
  const path = pathname.replace(/\/$/, '')
  if (path === '/merchant/settlements' && isOwner) return <SettlementsPage />
  if (path === '/merchant/coupons') return <CouponsPage isOwner={isOwner} />
  if (path === '/merchant/staff') return <StaffPage isOwner={isOwner} />
  return <MerchantHomePage merchant={me.merchant} />
}

/** The merchant console: staff sign-in, then the merchant's home (its profile). */
export function MerchantApp(): ReactNode {
  const { t } = useI18n()
  const [state, setState] = useState<SessionState>({ kind: 'loading' })
  const { pathname } = useLocation()
  const refresh = useCallback(async () => setState(await load()), [])
  useEffect(() => {
    void refresh()
    return onUnauthenticated(() => setState({ kind: 'signed-out' }))
  }, [refresh])

  if (state.kind === 'signed-in') {
    const badge = <StaffBadge me={state.me} onSignedOut={() => setState({ kind: 'signed-out' })} />
    return (
      <ConsoleLayout
        {...LAYOUT}
        topbarExtra={badge}
        nav={navItems(pathname, state.me.staff.role === 'owner')}
      >
        <SignedInPage me={state.me} pathname={pathname} />
      </ConsoleLayout>
    )
  }
  return (
    <ConsoleLayout {...LAYOUT}>
      {state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorAlert error={state.error} />}
      {state.kind === 'signed-out' && (
        <ConsoleOverview app="merchant" roleKey="merchant.role" introKey="merchant.intro">
          <MerchantSignInCard onSignedIn={() => void refresh()} />
        </ConsoleOverview>
      )}
    </ConsoleLayout>
  )
}
