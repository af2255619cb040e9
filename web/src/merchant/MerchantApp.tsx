import { useCallback, useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, onUnauthenticated } from '../shared/api'
import { ConsoleLayout, ConsoleOverview } from '../shared/ConsoleLayout'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import { useLocation } from '../shared/router'
import { merchantApi } from './api'
import type { MerchantConsoleMe } from './api'
import { merchantNav, UPCOMING_NAV_KEYS } from './nav'
import { MerchantPage } from './pages'
import { MerchantSignInCard } from './SignInCard'
import '../admin/admin.css'
import './merchant.css'

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
  upcomingNavKeys: UPCOMING_NAV_KEYS,
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

/** The merchant console: staff sign-in, then its sections (see nav.ts and pages.tsx). */
export function MerchantApp(): ReactNode {
  const { t } = useI18n()
  const { pathname } = useLocation()
  const [state, setState] = useState<SessionState>({ kind: 'loading' })
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
        nav={merchantNav(pathname, state.me.staff.role === 'owner')}
        topbarExtra={badge}
      >
        <MerchantPage pathname={pathname} me={state.me} />
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
