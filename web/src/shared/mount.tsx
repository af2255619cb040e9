import { StrictMode } from 'react'
import type { ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nProvider } from './i18n'

/** Renders an app into `#root` of its HTML page, inside the providers every app needs. */
export function mountApp(app: ReactNode): void {
  const container = document.getElementById('root')
  if (container === null) throw new Error('mountApp: the page has no #root element')
  createRoot(container).render(
    <StrictMode>
      <I18nProvider>{app}</I18nProvider>
    </StrictMode>,
  )
}
