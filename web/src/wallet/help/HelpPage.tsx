import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { PageShell } from '../components/PageShell'

/** A question the help articles answer, and the page that fixes it. */
interface HelpTopic {
  id: string
  to: string
  question: MessageKey
  answer: MessageKey
  link: MessageKey
}

const TOPICS: readonly HelpTopic[] = [
  {
    id: 'binding',
    to: '/cards/add',
    question: 'help.binding.q',
    answer: 'help.binding.a',
    link: 'help.binding.link',
  },
  {
    id: 'payment',
    to: '/balance/top-up',
    question: 'help.payment.q',
    answer: 'help.payment.a',
    link: 'help.payment.link',
  },
  {
    id: 'refund',
    to: '/balance',
    question: 'help.refund.q',
    answer: 'help.refund.a',
    link: 'help.refund.link',
  },
  {
    id: 'freeze',
    to: '/freeze',
    question: 'help.freeze.q',
    answer: 'help.freeze.a',
    link: 'help.freeze.link',
  },
  {
    id: 'limits',
    to: '/limits',
    question: 'help.limits.q',
    answer: 'help.limits.a',
    link: 'help.limits.link',
  },
  {
    id: 'pin',
    to: '/payment-password',
    question: 'help.pin.q',
    answer: 'help.pin.a',
    link: 'help.pin.link',
  },
]

/** 帮助与客服: the questions newcomers ask, each with a link to the page that fixes it. */
export function HelpPage(): ReactNode {
  const { t } = useI18n()
  return (
    <PageShell titleKey="help.title" testId="help-page">
      <p className="lq-card lq-form__intro">{t('help.intro')}</p>
      {TOPICS.map((topic) => (
        <section className="lq-card lq-help" key={topic.id} data-testid={`help-${topic.id}`}>
          <h2 className="lq-card__title">{t(topic.question)}</h2>
          <p>{t(topic.answer)}</p>
          <Link to={topic.to} className="lq-pill-button" testId={`help-${topic.id}-link`}>
            {t(topic.link)}
          </Link>
        </section>
      ))}
      <p className="lq-card lq-muted" data-testid="help-contact">
        {t('help.contact')}
      </p>
    </PageShell>
  )
}
