import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { walletApi } from '../api'

/** In dev mode the SMS codes go to an outbox page; point newcomers at it. */
export function DevSmsHint(): ReactNode {
  const { t } = useI18n()
  const [available, setAvailable] = useState(false)
  useEffect(() => {
    let live = true
    void walletApi.devSmsAvailable().then((yes) => {
      if (live) setAvailable(yes)
    })
    return () => {
      live = false
    }
  }, [])
  if (!available) return null
  return (
    <p className="lq-dev-hint">
      <a href="/dev/sms" target="_blank" rel="noreferrer" data-testid="dev-sms-link">
        {t('sms.devHint')}
      </a>
    </p>
  )
}
