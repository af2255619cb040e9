import { TransferPage } from './transfers/TransferPage'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { useI18n } from '../shared/i18n'
import { Link, matchPath, Redirect, safeNext, useLocation } from '../shared/router'
import { CHAT_PAGES, chatPage } from './chat/chat-pages'
import { redPacketPage, SEND_PAGES } from './redpackets/redpacket-pages'
import { AboutPage } from './help/AboutPage'
import { HelpPage } from './help/HelpPage'
import { LimitsPage } from './help/LimitsPage'
import { AddCardPage } from './pages/AddCardPage'
import { AppealPage } from './pages/AppealPage'
import { BalancePage } from './pages/BalancePage'
import { CardsPage } from './pages/CardsPage'
import { ChangePhonePage } from './pages/ChangePhonePage'
import { FreezePage } from './pages/FreezePage'
import { HomePage } from './pages/HomePage'
import { OperationPage } from './pages/OperationPage'
import { PaymentPasswordPage } from './pages/PaymentPasswordPage'
import { RealNamePage } from './pages/RealNamePage'
import { SecurityPage } from './pages/SecurityPage'
import { SignInPage } from './pages/SignInPage'
import { TopUpPage } from './pages/TopUpPage'
import { WithdrawPage } from './pages/WithdrawPage'
import { RecordPage } from './records/RecordPage'
import { RecordsPage } from './records/RecordsPage'
import { StatementPage } from './records/StatementPage'
import { PayHomePage } from './pay/PayHomePage'
import { OrderPayPage, StaticPayPage } from './pay/PayPage'
import { PaymentResultPage } from './pay/PaymentResultPage'
import { PaySettingsPage } from './pay/PaySettingsPage'
import { AppPayPage, H5PayPage, JsapiPayPage } from './pay/PrepayPayPage'
import { ScanPage } from './pay/ScanPage'
import { SessionProvider, useSession } from './session'
import '../shared/base.css'
import './wallet.css'
import './money.css'
import './help/help.css'
import './chat/chat.css'
import './pay/pay.css'

/** Pages for signed-in users; anyone else is sent to sign in and brought back afterwards. */
const PRIVATE_PAGES: Readonly<Record<string, () => ReactNode>> = {
  '/real-name': RealNamePage,
  '/payment-password': PaymentPasswordPage,
  '/security': SecurityPage,
  '/change-phone': ChangePhonePage,
  '/appeal': AppealPage,
  '/cards': CardsPage,
  '/cards/add': AddCardPage,
  '/balance': BalancePage,
  '/balance/top-up': TopUpPage,
  '/balance/withdraw': WithdrawPage,
  '/limits': LimitsPage,
  '/records': RecordsPage,
  '/records/statement': StatementPage,
  ...CHAT_PAGES,
  ...SEND_PAGES,
  '/pay': PayHomePage,
  '/pay/scan': ScanPage,
  '/pay/settings': PaySettingsPage,
  '/pay/jsapi': JsapiPayPage,
  '/pay/app': AppPayPage,
  '/pay/h5': H5PayPage,
}

/** Pages with an id in the path: `/pay/m/<merchantCode>` → the page for it. */
const PRIVATE_PARAM_PAGES: readonly [string, (id: string) => ReactNode][] = [
  ['/balance/operations/:id', (id) => <OperationPage key={id} operationId={id} />],
  ['/records/:id', (id) => <RecordPage key={id} recordId={id} />],
  ['/pay/m/:id', (id) => <StaticPayPage key={id} merchantCode={id} />],
  ['/pay/o/:id', (id) => <OrderPayPage key={id} orderToken={id} />],
  ['/pay/payments/:id', (id) => <PaymentResultPage key={id} paymentId={id} />],
]

/** Pages anyone may read, signed in or not. */
const PUBLIC_PAGES: Readonly<Record<string, () => ReactNode>> = {
  '/help': HelpPage,
  '/about': AboutPage,
}

/** The private page for `path`: a fixed one, or one by id (an operation, a pay code…). */
function privatePage(path: string): (() => ReactNode) | undefined {
  const fixed = PRIVATE_PAGES[path]
  if (fixed !== undefined) return fixed
  const chat = chatPage(path) ?? redPacketPage(path)
  if (chat !== undefined) return chat
  for (const [pattern, page] of PRIVATE_PARAM_PAGES) {
    const id = matchPath(pattern, path)?.id
    if (id !== undefined) return () => page(id)
  }
  const transfer = matchPath('/transfers/:id', path)?.id
  if (transfer !== undefined && transfer !== 'new')
    return () => <TransferPage key={transfer} transferId={transfer} />
  return undefined
}

function Centered({ children, testId }: { children: ReactNode; testId: string }): ReactNode {
  return (
    <div className="lq-wallet lq-centered" data-testid={testId}>
      <div className="lq-card">{children}</div>
    </div>
  )
}

function SessionError({ error }: { error: unknown }): ReactNode {
  const { t } = useI18n()
  const session = useSession()
  return (
    <Centered testId="session-error">
      <ErrorAlert error={error} />
      <button
        type="button"
        className="lq-button lq-button--primary"
        onClick={() => void session.refresh()}
      >
        {t('common.retry')}
      </button>
    </Centered>
  )
}

function NotFound(): ReactNode {
  const { t } = useI18n()
  return (
    <Centered testId="not-found">
      <h1 className="lq-card__title">{t('common.notFound')}</h1>
      <Link to="/">{t('common.home')}</Link>
    </Centered>
  )
}

function Routes(): ReactNode {
  const { t } = useI18n()
  const { state } = useSession()
  const { pathname, search, href } = useLocation()
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname

  // Freezing must work even when the session check fails: it is the lost-phone emergency exit.
  if (path === '/freeze') return <FreezePage />
  if (state.kind === 'loading') {
    return (
      <Centered testId="session-loading">
        <p className="lq-muted">{t('common.loading')}</p>
      </Centered>
    )
  }
  if (path === '/sign-in') {
    if (state.kind === 'signed-in') return <Redirect to={safeNext(search.get('next'))} />
    return <SignInPage />
  }
  if (state.kind === 'error') return <SessionError error={state.error} />
  if (path === '/') return <HomePage user={state.kind === 'signed-in' ? state.user : null} />
  const PublicPage = PUBLIC_PAGES[path]
  if (PublicPage !== undefined) return <PublicPage />
  const Page = privatePage(path)
  if (Page === undefined) return <NotFound />
  if (state.kind !== 'signed-in') {
    return <Redirect to={`/sign-in?next=${encodeURIComponent(href)}`} />
  }
  return <Page />
}

/** The phone wallet: session, then a page per path. */
export function WalletApp(): ReactNode {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  )
}
