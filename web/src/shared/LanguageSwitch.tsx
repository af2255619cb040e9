import type { ReactNode } from 'react'
import { LANGS, useI18n } from './i18n'
import type { Lang } from './i18n'

const LABEL_KEY = { zh: 'common.lang.zh', en: 'common.lang.en' } as const satisfies Record<
  Lang,
  string
>

/** Two-button toggle; each language is labelled in itself so readers of either can find it. */
export function LanguageSwitch({ className = '' }: { className?: string }): ReactNode {
  const { lang, setLang, t } = useI18n()
  return (
    <div
      className={`lq-lang-switch ${className}`}
      role="group"
      aria-label={t('common.language')}
      data-testid="lang-switch"
    >
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          lang={option === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={option === lang}
          data-testid={`lang-${option}`}
          onClick={() => setLang(option)}
        >
          {t(LABEL_KEY[option])}
        </button>
      ))}
    </div>
  )
}
