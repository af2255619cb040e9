import type { ReactNode } from 'react'
import { useI18n } from '../shared/i18n'
import { PasswordSignInForm } from '../shared/PasswordSignInForm'
import { merchantApi } from './api'

/** Staff sign-in: username and password, its own session cookie (not the wallet's or admin's). */
export function MerchantSignInCard({ onSignedIn }: { onSignedIn: () => void }): ReactNode {
  const { t } = useI18n()
  return (
    <PasswordSignInForm
      testIdPrefix="merchant"
      labels={{
        title: t('merchant.signIn.title'),
        username: t('merchant.signIn.username'),
        password: t('merchant.signIn.password'),
        submit: t('merchant.signIn.submit'),
      }}
      signIn={async (username, password) => {
        await merchantApi.signIn(username, password)
        onSignedIn()
      }}
    />
  )
}
