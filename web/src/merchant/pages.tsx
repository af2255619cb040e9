import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import { Link, matchPath } from '../shared/router'
import type { MerchantConsoleMe } from './api'
import { MerchantHomePage } from './HomePage'
import { CashierPage } from './pay/CashierPage'
import { OrderDetailPage } from './pay/OrderDetailPage'
import { OrdersPage } from './pay/OrdersPage'
import { PaymentDetailPage } from './pay/PaymentDetailPage'
import { PaymentsPage } from './pay/PaymentsPage'
import { StaticCodePage } from './pay/StaticCodePage'
import { CouponsPage } from './CouponsPage'
import { RefundsSection } from './RefundsSection'
import { SettlementsPage } from './SettlementsPage'
import { StaffPage } from './StaffPage'
import { KeysPage } from './KeysPage'
import { NotificationsPage } from './NotificationsPage'

/** Fixed paths under /merchant and their pages; sections with ids follow in PARAM_PAGES. */
const PAGES: Readonly<Record<string, (me: MerchantConsoleMe) => ReactNode>> = {
  '/merchant': (me) => <MerchantHomePage merchant={me.merchant} />,
  '/merchant/cashier': () => <CashierPage />,
  '/merchant/static-code': (me) => <StaticCodePage merchant={me.merchant} />,
  '/merchant/orders': () => <OrdersPage />,
  '/merchant/payments': () => <PaymentsPage />,
  '/merchant/coupons': (me) => <CouponsPage isOwner={me.staff.role === 'owner'} />,
  // 结算 is the owner's: cashiers never see the money side.
  '/merchant/settlements': (me) => (me.staff.role === 'owner' ? <SettlementsPage /> : <NotFound />),
  '/merchant/staff': (me) => <StaffPage isOwner={me.staff.role === 'owner'} />,
  '/merchant/api-keys': (me) => (me.staff.role === 'owner' ? <KeysPage /> : <NotFound />),
  // The overview carries the same section; the sidebar entry is where a merchant looks for it.
  '/merchant/refunds': () => (
    <section className="lq-admin-page" data-testid="merchant-refunds-page">
      <RefundsSection />
    </section>
  ),
  '/merchant/webhooks': (me) => (me.staff.role === 'owner' ? <NotificationsPage /> : <NotFound />),
}

const PARAM_PAGES: readonly [string, (id: string) => ReactNode][] = [
  ['/merchant/orders/:id', (id) => <OrderDetailPage key={id} orderId={id} />],
  ['/merchant/payments/:id', (id) => <PaymentDetailPage key={id} paymentId={id} />],
]

function NotFound(): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-admin-page" data-testid="merchant-not-found">
      <h1>{t('common.notFound')}</h1>
      <Link to="/merchant/">{t('common.home')}</Link>
    </section>
  )
}

/** The page of the console at `pathname`, for the signed-in staff member `me`. */
export function MerchantPage({
  pathname,
  me,
}: {
  pathname: string
  me: MerchantConsoleMe
}): ReactNode {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  const page = PAGES[path]
  if (page !== undefined) return page(me)
  for (const [pattern, render] of PARAM_PAGES) {
    const id = matchPath(pattern, path)?.id
    if (id !== undefined) return render(id)
  }
  return <NotFound />
}
