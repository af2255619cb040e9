import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import type { ReactNode } from 'react'
import { messages } from './messages'
import type { MessageKey } from './messages'

export type { MessageKey }
export type Lang = 'zh' | 'en'
export type MessageVars = Readonly<Record<string, string | number>>

export const LANGS: readonly Lang[] = ['zh', 'en']
export const DEFAULT_LANG: Lang = 'zh'
export const LANG_STORAGE_KEY = 'lq.lang'

const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' }

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en'
}

/** Looks up `key` in `lang` and fills `{name}` placeholders from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: MessageVars): string {
  const text: string = messages[key][lang]
  if (vars === undefined) return text
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = vars[name]
    return value === undefined ? placeholder : String(value)
  })
}

/** A BCP 47 tag for `<html lang>` and for `Intl` date formatting. */
export function localeOf(lang: Lang): string {
  return HTML_LANG[lang]
}

// localStorage throws in some privacy modes; the language choice is not worth failing over.
function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(LANG_STORAGE_KEY)
    return isLang(stored) ? stored : DEFAULT_LANG
  } catch {
    return DEFAULT_LANG
  }
}

function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang)
  } catch {
    // Not persisted; the choice still holds for this page view.
  }
}

export interface I18n {
  lang: Lang
  setLang: (lang: Lang) => void
  t: (key: MessageKey, vars?: MessageVars) => string
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children }: { children: ReactNode }): ReactNode {
  const [lang, setLangState] = useState<Lang>(readStoredLang)

  useEffect(() => {
    document.documentElement.lang = localeOf(lang)
  }, [lang])

  const setLang = useCallback((next: Lang) => {
    storeLang(next)
    setLangState(next)
  }, [])

  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }),
    [lang, setLang],
  )
  return createElement(I18nContext.Provider, { value }, children)
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext)
  if (i18n === null) throw new Error('useI18n() must be used inside <I18nProvider>')
  return i18n
}

/** Keeps the tab title in the chosen language. */
export function useDocumentTitle(key: MessageKey): void {
  const { t } = useI18n()
  const title = t(key)
  useEffect(() => {
    document.title = title
  }, [title])
}
