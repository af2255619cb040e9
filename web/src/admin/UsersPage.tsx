import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { formatShanghaiDateTime } from '../shared/format'
import { useI18n } from '../shared/i18n'
import { Link, navigate, useLocation } from '../shared/router'
import { useApiData } from '../shared/useApiData'
import { adminApi } from './api'
import type { AdminUser } from './api'
import { ACCOUNT_CLASS_KEY } from './labels'
import { useOperator } from './session'
import { StatusPill } from './StatusPill'

function UserRow({ user }: { user: AdminUser }): ReactNode {
  const { t, lang } = useI18n()
  return (
    <tr data-testid="admin-user-row" data-user-id={user.id}>
      <td>
        <Link to={`/admin/users/${encodeURIComponent(user.id)}`} testId="admin-user-link">
          <span data-testid="admin-user-phone">{user.phone}</span>
        </Link>
      </td>
      <td>{user.realName ?? t('admin.user.unnamed')}</td>
      <td>
        <StatusPill status={user.status} testId="admin-user-status" />
      </td>
      <td>{t(ACCOUNT_CLASS_KEY[user.accountClass])}</td>
      <td>{formatShanghaiDateTime(user.createdAtMs, lang)}</td>
    </tr>
  )
}

function Results({ q }: { q: string }): ReactNode {
  const { t } = useI18n()
  const results = useApiData(() => adminApi.searchUsers(q), q)
  if (results.state.kind === 'loading') return <p className="lq-muted">{t('common.loading')}</p>
  if (results.state.kind === 'error') return <ErrorAlert error={results.state.error} />
  const users = results.state.data.users
  if (users.length === 0) {
    return (
      <p className="lq-muted" data-testid="admin-users-empty">
        {t('admin.users.empty')}
      </p>
    )
  }
  return (
    <table className="lq-table" data-testid="admin-users">
      <thead>
        <tr>
          <th>{t('admin.users.col.phone')}</th>
          <th>{t('admin.users.col.name')}</th>
          <th>{t('admin.users.col.status')}</th>
          <th>{t('admin.users.col.class')}</th>
          <th>{t('admin.users.col.created')}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <UserRow key={user.id} user={user} />
        ))}
      </tbody>
    </table>
  )
}

/** 用户: search by phone (full or last 4), user id or exact name; the query lives in the URL. */
export function UsersPage(): ReactNode {
  const { t } = useI18n()
  const operator = useOperator()
  const { search } = useLocation()
  const q = search.get('q') ?? ''
  const [draft, setDraft] = useState(q)

  function submit(event: FormEvent): void {
    event.preventDefault()
    const next = draft.trim()
    navigate(next === '' ? '/admin/users' : `/admin/users?q=${encodeURIComponent(next)}`)
  }

  return (
    <section className="lq-admin-page" data-testid="admin-users-page">
      <h1>{t('admin.users.title')}</h1>
      <form className="lq-search" role="search" onSubmit={submit}>
        <label className="lq-visually-hidden" htmlFor="lq-user-search">
          {t('admin.users.searchLabel')}
        </label>
        <input
          id="lq-user-search"
          className="lq-input"
          type="search"
          placeholder={t('admin.users.searchPlaceholder')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="admin-user-search"
        />
        <button
          type="submit"
          className="lq-button lq-button--primary"
          data-testid="admin-user-search-submit"
        >
          {t('admin.users.search')}
        </button>
      </form>
      {operator.role === 'support' && (
        <p className="lq-muted" data-testid="admin-masked-note">
          {t('admin.users.masked')}
        </p>
      )}
      <div className="lq-card">
        <Results q={q} />
      </div>
    </section>
  )
}
