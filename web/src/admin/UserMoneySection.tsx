import type { ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { bankNameText } from '../shared/bank-name'
import { formatShanghaiDateTime } from '../shared/format'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { useApiData } from '../shared/useApiData'
import { adminApi } from './api'
import type { Operation, UserMoney } from './api'
import { formatFenGrouped } from './money-format'

function Balance({ balance }: { balance: UserMoney['balance'] }): ReactNode {
  const { t } = useI18n()
  const facts: [MessageKey, number, string][] = [
    ['admin.money.balance', balance.balanceFen, 'admin-money-balance'],
    ['admin.money.available', balance.availableFen, 'admin-money-available'],
    ['admin.money.pendingIn', balance.pendingInFen, 'admin-money-pending-in'],
    ['admin.money.pendingOut', balance.pendingOutFen, 'admin-money-pending-out'],
  ]
  return (
    <dl className="lq-facts lq-money-facts">
      {facts.map(([key, fen, testId]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd data-testid={testId} data-fen={fen}>
            {formatFenGrouped(fen)}
          </dd>
        </div>
      ))}
    </dl>
  )
}

function Cards({ cards }: { cards: UserMoney['cards'] }): ReactNode {
  const { t, lang } = useI18n()
  if (cards.length === 0) return <p className="lq-muted">{t('common.none')}</p>
  return (
    <ul className="lq-list" data-testid="admin-money-cards">
      {cards.map((card) => (
        <li key={card.id} className="lq-list__item" data-testid="admin-money-card">
          <span>{t('admin.money.card', { bank: card.bankName[lang], last4: card.last4 })}</span>
          {card.isDefault && <span className="lq-pill">{t('admin.money.default')}</span>}
        </li>
      ))}
    </ul>
  )
}

function Movements({ operations }: { operations: readonly Operation[] }): ReactNode {
  const { t, lang } = useI18n()
  if (operations.length === 0) return <p className="lq-muted">{t('common.none')}</p>
  return (
    <table className="lq-table" data-testid="admin-money-movements">
      <thead>
        <tr>
          <th>{t('admin.money.col.time')}</th>
          <th>{t('admin.money.col.kind')}</th>
          <th>{t('admin.money.col.amount')}</th>
          <th>{t('admin.money.col.fee')}</th>
          <th>{t('admin.money.col.status')}</th>
          <th>{t('admin.money.col.card')}</th>
        </tr>
      </thead>
      <tbody>
        {operations.map((operation) => (
          <tr key={operation.id} data-testid="admin-money-movement" data-kind={operation.kind}>
            <td className="lq-nowrap">{formatShanghaiDateTime(operation.createdAtMs, lang)}</td>
            <td>{t(`operation.kind.${operation.kind}`)}</td>
            <td className="lq-nowrap lq-table__money">{formatFenGrouped(operation.amountFen)}</td>
            <td className="lq-nowrap lq-table__money">{formatFenGrouped(operation.feeFen)}</td>
            <td>
              {t(`operation.status.${operation.status}`)}
              {operation.failure !== null && ` · ${operation.failure.message[lang]}`}
            </td>
            <td>
              {t('admin.money.card', {
                bank: bankNameText(t, operation.card.bankCode),
                last4: operation.card.last4,
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A user's balance, cards (bank + last 4) and newest money movements. */
export function UserMoneySection({ userId }: { userId: string }): ReactNode {
  const { t } = useI18n()
  const money = useApiData(() => adminApi.userMoney(userId), userId)
  return (
    <section className="lq-card" aria-labelledby="lq-user-money" data-testid="admin-user-money">
      <h2 className="lq-card__title" id="lq-user-money">
        {t('admin.money.title')}
      </h2>
      {money.state.kind === 'loading' && <p className="lq-muted">{t('common.loading')}</p>}
      {money.state.kind === 'error' && <ErrorAlert error={money.state.error} />}
      {money.state.kind === 'ready' && (
        <>
          <Balance balance={money.state.data.balance} />
          <h3>{t('admin.money.cards')}</h3>
          <Cards cards={money.state.data.cards} />
          <h3>{t('admin.money.movements')}</h3>
          <Movements operations={money.state.data.operations} />
        </>
      )}
    </section>
  )
}
