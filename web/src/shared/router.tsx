import { useEffect, useSyncExternalStore } from 'react'
import type { MouseEvent, ReactNode } from 'react'

/**
 * A tiny History API router. The server answers every unknown path under an app with that
 * app's index.html, so real paths (not hashes) survive a reload and can be bookmarked.
 */

const NAVIGATE_EVENT = 'lq:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

// A string snapshot, so useSyncExternalStore sees an equal value until the URL really changes.
const snapshot = (): string => window.location.pathname + window.location.search

export interface Location {
  pathname: string
  search: URLSearchParams
  /** pathname + search, e.g. for a `next` parameter. */
  href: string
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot)
  const url = new URL(href, window.location.origin)
  return { pathname: url.pathname, search: url.searchParams, href }
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return
  if (options.replace === true) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
  // A new page starts at the top, like a full page load would.
  window.scrollTo(0, 0)
}

/**
 * Matches `/admin/users/:id` against a pathname; returns the decoded parameters or null.
 * A trailing slash on the pathname is ignored.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter((part) => part !== '')
  const pathParts = pathname.split('/').filter((part) => part !== '')
  if (patternParts.length !== pathParts.length) return null
  const params: Record<string, string> = {}
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? ''
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual)
      } catch {
        return null
      }
    } else if (part !== actual) {
      return null
    }
  }
  return params
}

/**
 * A `next` parameter as a path on this site, or `fallback`. Only `/path` is accepted: `//host`,
 * `/\\host` and absolute URLs would send the user to another site after signing in.
 */
export function safeNext(next: string | null, fallback = '/'): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback
  }
  return next
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey
}

export interface LinkProps {
  to: string
  children: ReactNode
  className?: string
  testId?: string
  ariaCurrent?: boolean
}

/** An `<a>` that navigates in-app on a plain click and stays a real link for everything else. */
export function Link({ to, children, className, testId, ariaCurrent }: LinkProps): ReactNode {
  return (
    <a
      href={to}
      className={className}
      data-testid={testId}
      aria-current={ariaCurrent === true ? 'page' : undefined}
      onClick={(event) => {
        if (!isPlainLeftClick(event)) return
        event.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </a>
  )
}

/** Renders nothing and replaces the URL (a redirect that leaves no history entry behind). */
export function Redirect({ to }: { to: string }): ReactNode {
  // In an effect, not during render: navigating notifies the store that is being rendered.
  useEffect(() => navigate(to, { replace: true }), [to])
  return null
}
