import type { ReactNode } from 'react'
import { AppLinks } from '../../shared/AppLinks'
import { useI18n } from '../../shared/i18n'
import { StatusCard } from '../../shared/StatusCard'
import { PageShell } from '../components/PageShell'

/** 关于与开发者: the service status and developer links, off the consumer home page. */
export function AboutPage(): ReactNode {
  const { t } = useI18n()
  return (
    <PageShell titleKey="about.title" testId="about-page">
      <p className="lq-card lq-form__intro">{t('about.intro')}</p>
      <StatusCard />
      <AppLinks current="wallet" />
      <p className="lq-wallet__tagline">{t('common.tagline')}</p>
    </PageShell>
  )
}
