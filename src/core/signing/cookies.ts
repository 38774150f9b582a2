// Signed cookies as ready-to-copy Set-Cookie values: the attributes CloudFront recommends (Secure,
// HttpOnly, a Path as narrow as the policy allows) and no Domain — a host-only cookie for the
// site that sets it; add Domain yourself when that site is not the distribution's own domain.
import type { SignedCookie } from '../../shared/contract/links.ts'

/** The narrowest cookie path that covers the resource: its path, or the folder before a `*`, `?` or query. */
export function cookiePath(resource: string): string {
  const hostStart = resource.indexOf('://') + 3
  const pathStart = resource.indexOf('/', hostStart)
  if (pathStart === -1) return '/'
  const path = resource.slice(pathStart)
  const wildcard = path.search(/[*?]/)
  if (wildcard === -1) return path
  return path.slice(0, path.lastIndexOf('/', wildcard) + 1) || '/'
}

export function toSetCookies(cookies: Record<string, string>, resource: string): SignedCookie[] {
  const attributes = [
    `Path=${cookiePath(resource)}`,
    ...(resource.startsWith('http://') ? [] : ['Secure']),
    'HttpOnly',
  ]
  return Object.entries(cookies).map(([name, value]) => ({
    name,
    value,
    setCookie: [`${name}=${value}`, ...attributes].join('; '),
  }))
}
