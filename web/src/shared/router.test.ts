import { describe, expect, it } from 'vitest'
import { matchPath, safeNext } from './router'

describe('matchPath', () => {
  it('returns decoded parameters for a match', () => {
    expect(matchPath('/admin/users/:id', '/admin/users/u_abc%2F1')).toEqual({ id: 'u_abc/1' })
  })

  it('ignores a trailing slash and needs every fixed segment', () => {
    expect(matchPath('/admin/users', '/admin/users/')).toEqual({})
    expect(matchPath('/admin/users/:id', '/admin/appeals/x')).toBeNull()
    expect(matchPath('/admin/users/:id', '/admin/users')).toBeNull()
  })

  it('treats a malformed escape as no match instead of throwing', () => {
    expect(matchPath('/admin/users/:id', '/admin/users/%E0%A4%A')).toBeNull()
  })
})

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/security?tab=1')).toBe('/security?tab=1')
  })

  it.each([null, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'security'])(
    'falls back for %s, which could leave the site',
    (next) => {
      expect(safeNext(next)).toBe('/')
    },
  )
})
