import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { Link } from '../../shared/router'
import { useApiData } from '../../shared/useApiData'
import { walletApi } from '../api'
import type { Balance, BankCard, Operation } from '../api'
import { PageShell } from '../components/PageShell'
import { StatusBanner } from '../components/StatusBanner'
import { OperationItem } from '../money/OperationItem'
import { useUser } from '../session'

/** The server's default page size: a full page means there may be more. */
const PAGE_SIZE = 20

function BalanceFigures({ balance }: { balance: Balance }): ReactNode {
  const { t } = useI18n()
  const rows: [MessageKey, number, string][] = [
    ['balance.available', balance.availableFen, 'balance-available'],
    ['balance.pendingIn', balance.pendingInFen, 'balance-pending-in'],
    ['balance.pendingOut', balance.pendingOutFen, 'balance-pending-out'],
  ]
  return (
    <>
      <p className="lq-wallet-balance__amount" data-testid="balance-total">
        {formatFen(balance.balanceFen)}
      </p>
      <dl className="lq-wallet-balance__figures">
        {rows.map(([key, fen, testId]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd data-testid={testId}>{formatFen(fen)}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}

/** 充值提现记录, newest first, a page at a time. */
function Records({
  cards,
  onSettled,
}: {
  cards: readonly BankCard[]
  onSettled: () => void
}): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const first = useApiData(() => walletApi.operations(), user.id)
  const [older, setOlder] = useState<Operation[]>([])
  const [more, setMore] = useState<{ busy: boolean; done: boolean; error: unknown }>({
    busy: false,
    done: false,
    error: null,
  })

  if (first.state.kind === 'loading') return <p className="lq-muted">{t('common.loading')}</p>
  if (first.state.kind === 'error') return <ErrorAlert error={first.state.error} />
  const list = [...first.state.data.operations, ...older]
  // A full first page may have more behind it; after that, `more.done` says when it ended.
  const canLoadMore =
    !more.done && (older.length > 0 || first.state.data.operations.length === PAGE_SIZE)

  async function loadMore(): Promise<void> {
    const last = list.at(-1)
    if (last === undefined) return
    setMore({ busy: true, done: false, error: null })
    try {
      const page = await walletApi.operations(last.createdAtMs)
      setOlder([...older, ...page.operations])
      setMore({ busy: false, done: page.operations.length < PAGE_SIZE, error: null })
    } catch (error) {
      setMore({ busy: false, done: false, error })
    }
  }

  if (list.length === 0) {
    return (
      <p className="lq-muted" data-testid="operations-empty">
        {t('balance.noRecords')}
      </p>
    )
  }
  return (
    <>
      <ul className="lq-op-list" data-testid="operation-list">
        {list.map((operation) => (
          <OperationItem
            key={operation.id}
            operation={operation}
            cards={cards}
            onSettled={onSettled}
          />
        ))}
      </ul>
      <ErrorAlert error={more.error} testId="operations-more-error" />
      {canLoadMore && (
        <button
          type="button"
          className="lq-link-button lq-op-list__more"
          disabled={more.busy}
          data-testid="operations-more"
          onClick={() => void loadMore()}
        >
          {more.busy ? t('common.working') : t('balance.more')}
        </button>
      )}
    </>
  )
}

/** 零钱: the balance (available, pending), 充值 and 提现, and the record of both. */
export function BalancePage(): ReactNode {
  const { t } = useI18n()
  const user = useUser()
  const balance = useApiData(walletApi.balance, user.id)
  const cards = useApiData(walletApi.cards, user.id)
  const cardList = cards.state.kind === 'ready' ? cards.state.data.cards : []

  return (
    <PageShell titleKey="balance.title" testId="balance-page">
      <StatusBanner user={user} />
      <section
        className="lq-card lq-wallet-balance"
        aria-labelledby="lq-wallet-balance"
        data-state={balance.state.kind}
      >
        <span className="lq-wallet-balance__icon" aria-hidden="true">
          ¥
        </span>
        <h2 className="lq-wallet-balance__label" id="lq-wallet-balance">
          {t('wallet.balance.label')}
        </h2>
        {balance.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
        {balance.state.kind === 'error' && <ErrorAlert error={balance.state.error} />}
        {balance.state.kind === 'ready' && <BalanceFigures balance={balance.state.data} />}
        <div className="lq-wallet-balance__actions">
          <Link
            to="/balance/top-up"
            className="lq-button lq-button--primary"
            testId="balance-top-up"
          >
            {t('wallet.feature.topUp')}
          </Link>
          <Link
            to="/balance/withdraw"
            className="lq-button lq-button--secondary"
            testId="balance-withdraw"
          >
            {t('wallet.feature.withdraw')}
          </Link>
        </div>
      </section>
      <section className="lq-card lq-rows">
        <Link to="/cards" className="lq-row" testId="balance-cards">
          <span>{t('cards.title')}</span>
          <span className="lq-row__value">{cardList.length > 0 ? cardList.length : ''}</span>
        </Link>
      </section>
      <section className="lq-card" aria-labelledby="lq-balance-records">
        <h2 className="lq-card__title" id="lq-balance-records">
          {t('balance.records')}
        </h2>
        <Records cards={cardList} onSettled={balance.reload} />
      </section>
    </PageShell>
  )
}
