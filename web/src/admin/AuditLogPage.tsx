import { useEffect, useRef, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { ErrorAlert } from '../shared/ErrorAlert'
import { Field, TextField } from '../shared/forms'
import { useI18n } from '../shared/i18n'
import type { MessageKey } from '../shared/i18n'
import { navigate, useLocation } from '../shared/router'
import { adminApi } from './api'
import type { AuditActorKind, AuditEntry, AuditQuery, OperatorName } from './api'
import { AuditTable } from './AuditTable'
import {
  AUDIT_ACTIONS,
  AUDIT_ACTOR_KINDS,
  auditFilterError,
  auditFiltersOf,
  auditQueryOf,
} from './audit-filters'
import type { AuditFilters } from './audit-filters'
import { AUDIT_ACTION_LABELS } from './labels'
import { useOperator } from './session'

const PATH = '/admin/audit'
const ACTOR_KEY: Record<AuditActorKind, MessageKey> = {
  user: 'admin.auditLog.actor.user',
  operator: 'admin.auditLog.actor.operator',
  system: 'admin.auditLog.actor.system',
}
type Filters = AuditFilters

function urlOf(filters: Filters): string {
  const search = new URLSearchParams(auditQueryOf(filters) as Record<string, string>).toString()
  return search === '' ? PATH : `${PATH}?${search}`
}

interface Loaded {
  entries: AuditEntry[]
  operators: OperatorName[]
  nextBeforeId: number | null
}

/** The log for one set of filters, page after page (older pages are appended). */
function Results({ query }: { query: AuditQuery }): ReactNode {
  const { t } = useI18n()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const latest = useRef(0)
  const key = JSON.stringify(query)

  async function load(beforeId: number | undefined, previous: Loaded | null): Promise<void> {
    // Only the newest request may set state: a slow answer for old filters is dropped.
    const request = ++latest.current
    setBusy(true)
    setError(null)
    try {
      const page = await adminApi.audit(beforeId === undefined ? query : { ...query, beforeId })
      if (request !== latest.current) return
      const operators = [...(previous?.operators ?? []), ...page.operators]
      const entries = [...(previous?.entries ?? []), ...page.entries]
      setLoaded({ entries, operators, nextBeforeId: page.nextBeforeId })
    } catch (caught) {
      if (request === latest.current) setError(caught)
    } finally {
      if (request === latest.current) setBusy(false)
    }
  }

  useEffect(() => {
    setLoaded(null)
    void load(undefined, null)
    // One load per set of filters: `key` stands for `query`.
  }, [key])

  return (
    <section className="lq-card" data-testid="admin-audit-log">
      <ErrorAlert error={error} testId="admin-audit-error" />
      {loaded === null && busy && <p className="lq-muted">{t('common.loading')}</p>}
      {loaded !== null && (
        <AuditTable entries={loaded.entries} operators={loaded.operators} showUser />
      )}
      {loaded?.nextBeforeId != null && (
        <button
          type="button"
          className="lq-link-button"
          disabled={busy}
          data-testid="admin-audit-more"
          onClick={() => void load(loaded.nextBeforeId ?? undefined, loaded)}
        >
          {t('admin.auditLog.more')}
        </button>
      )}
      {loaded !== null && loaded.nextBeforeId === null && loaded.entries.length > 0 && (
        <p className="lq-muted" data-testid="admin-audit-end">
          {t('admin.auditLog.end')}
        </p>
      )}
    </section>
  )
}

function Select<T extends string>({
  label,
  value,
  options,
  text,
  onValue,
  testId,
}: {
  label: string
  value: string
  options: readonly T[]
  text: (option: T) => string
  onValue: (value: string) => void
  testId: string
}): ReactNode {
  const { t } = useI18n()
  return (
    <Field label={label} htmlFor={`lq-${testId}`}>
      <select
        id={`lq-${testId}`}
        className="lq-input"
        value={value}
        onChange={(event) => onValue(event.target.value)}
        data-testid={testId}
      >
        <option value="">{t('admin.auditLog.filter.any')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </Field>
  )
}

function FilterFields({
  draft,
  set,
}: {
  draft: Filters
  set: (name: keyof Filters) => (value: string) => void
}): ReactNode {
  const { t, lang } = useI18n()
  return (
    <>
      <TextField
        label={t('admin.auditLog.filter.user')}
        value={draft.user}
        onValue={set('user')}
        maxLength={40}
        testId="admin-audit-filter-user"
      />
      <Select
        label={t('admin.auditLog.filter.actorKind')}
        value={draft.actorKind}
        options={AUDIT_ACTOR_KINDS}
        text={(kind) => t(ACTOR_KEY[kind])}
        onValue={set('actorKind')}
        testId="admin-audit-filter-actor-kind"
      />
      <TextField
        label={t('admin.auditLog.filter.actorId')}
        value={draft.actorId}
        onValue={set('actorId')}
        maxLength={64}
        placeholder="op_… / u_…"
        testId="admin-audit-filter-actor-id"
      />
      <Select
        label={t('admin.auditLog.filter.action')}
        value={draft.action}
        options={AUDIT_ACTIONS}
        text={(action) => AUDIT_ACTION_LABELS[action][lang]}
        onValue={set('action')}
        testId="admin-audit-filter-action"
      />
      <TextField
        label={t('admin.auditLog.filter.from')}
        type="date"
        value={draft.from}
        onValue={set('from')}
        testId="admin-audit-filter-from"
      />
      <TextField
        label={t('admin.auditLog.filter.to')}
        type="date"
        value={draft.to}
        onValue={set('to')}
        testId="admin-audit-filter-to"
      />
    </>
  )
}

function FilterForm({ applied }: { applied: Filters }): ReactNode {
  const { t } = useI18n()
  const [draft, setDraft] = useState(applied)
  // Filters from a shared or hand-edited URL are checked too, before anything is sent.
  const [error, setError] = useState<unknown>(() => auditFilterError(applied))
  const set = (name: keyof Filters) => (value: string) => setDraft({ ...draft, [name]: value })

  function submit(event: FormEvent): void {
    event.preventDefault()
    const problem = auditFilterError(draft)
    setError(problem)
    if (problem === null) navigate(urlOf(draft))
  }

  return (
    <form className="lq-card lq-audit-filters" onSubmit={submit} data-testid="admin-audit-filters">
      <FilterFields draft={draft} set={set} />
      <div className="lq-audit-filters__actions">
        <button
          type="submit"
          className="lq-button lq-button--primary"
          data-testid="admin-audit-apply"
        >
          {t('admin.auditLog.filter.apply')}
        </button>
        <button
          type="button"
          className="lq-link-button"
          onClick={() => navigate(PATH)}
          data-testid="admin-audit-reset"
        >
          {t('admin.auditLog.filter.reset')}
        </button>
      </div>
      <ErrorAlert error={error} />
    </form>
  )
}

/** 审计日志: the whole log with filters kept in the URL, so a filtered view can be shared. */
export function AuditLogPage(): ReactNode {
  const { t } = useI18n()
  const operator = useOperator()
  const { search } = useLocation()
  const applied = auditFiltersOf(search)
  const query = auditQueryOf(applied)
  const key = urlOf(applied)
  // The server refuses the whole log to support; ask for a user instead of showing the refusal.
  const needsUser = operator.role === 'support' && applied.user.trim() === ''
  // Bad filters are named in the form; the log is not asked for with them.
  const invalid = auditFilterError(applied) !== null
  return (
    <section className="lq-admin-page" data-testid="admin-audit-page">
      <h1>{t('admin.auditLog.title')}</h1>
      <p className="lq-muted">{t('admin.auditLog.intro')}</p>
      <FilterForm key={key} applied={applied} />
      {needsUser ? (
        <p className="lq-card lq-muted" data-testid="admin-audit-support-hint">
          {t('admin.auditLog.supportHint')}
        </p>
      ) : (
        !invalid && <Results query={query} />
      )}
    </section>
  )
}
