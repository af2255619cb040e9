import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import { PasswordSignInForm } from '../shared/PasswordSignInForm'
import { adminApi } from './api'
import { useAdminSession } from './session'

function DevAccountsHint(): ReactNode {
  const { t } = useI18n()
  const [dev, setDev] = useState(false)
  useEffect(() => {
    let live = true
    void adminApi.devMode().then((yes) => {
      if (live) setDev(yes)
    })
    return () => {
      live = false
    }
  }, [])
  if (!dev) return null
  return (
    <p className="lq-dev-hint" data-testid="admin-dev-hint">
      {t('admin.signIn.devHint')}
    </p>
  )
}

/** Operator sign-in: username and password, its own session cookie. */
export function AdminSignInCard(): ReactNode {
  const { t } = useI18n()
  const session = useAdminSession()
  return (
    <PasswordSignInForm
      testIdPrefix="admin"
      labels={{
        title: t('admin.signIn.title'),
        username: t('admin.signIn.username'),
        password: t('admin.signIn.password'),
        submit: t('admin.signIn.submit'),
      }}
      signIn={async (username, password) => {
        const { operator } = await adminApi.signIn(username, password)
        session.setOperator(operator)
      }}
    >
      <DevAccountsHint />
    </PasswordSignInForm>
  )
}
