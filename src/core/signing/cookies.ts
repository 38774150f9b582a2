// Signed cookies as ready-to-copy Set-Cookie values, with the attributes CloudFront recommends —
// Secure, HttpOnly, a Path as narrow as the policy allows — an Expires at the moment the policy
// stops working (so browsers drop cookies that no longer open anything), and a Domain only when
// asked for: without one the cookie belongs to the host that sets it, which is right when that
// host is the distribution's own; a site in front of the distribution names its domain.
import type { SignedCookie } from '../../shared/contract/links.ts'
import { KeyfrontError } from '../../shared/errors.ts'

export interface CookieAttributes {
  /** The policy's resource: the URL, or a pattern. */
  resource: string
  /** Epoch seconds: the policy's DateLessThan. */
  expiresAt: number
  /** Already checked (checkCookieDomain). */
  domain?: string | undefined
}

/** Where a resource's path starts: after `scheme://host`, or after the host part of `*example.com/…`. */
function pathStart(resource: string): number {
  const scheme = resource.indexOf('://')
  return resource.indexOf('/', scheme === -1 ? 0 : scheme + 3)
}

/** The narrowest cookie path that covers the resource: its path, or the folder before a `*`, `?` or query. */
export function cookiePath(resource: string): string {
  const start = pathStart(resource)
  if (start === -1) return '/'
  const path = resource.slice(start)
  const wildcard = path.search(/[*?]/)
  if (wildcard === -1) return path
  return path.slice(0, path.lastIndexOf('/', wildcard) + 1) || '/'
}

export function toSetCookies(cookies: Record<string, string>, attributes: CookieAttributes): SignedCookie[] {
  const { resource } = attributes
  const shared = [
    ...(attributes.domain ? [`Domain=${attributes.domain}`] : []),
    `Path=${cookiePath(resource)}`,
    ...(resource.startsWith('http://') ? [] : ['Secure']),
    'HttpOnly',
    `Expires=${new Date(attributes.expiresAt * 1000).toUTCString()}`,
  ]
  return Object.entries(cookies).map(([name, value]) => ({
    name,
    value,
    setCookie: [`${name}=${value}`, ...shared].join('; '),
  }))
}

const invalidDomain = (message: string) => new KeyfrontError('COOKIE_DOMAIN_INVALID', message)

/**
 * A cookie domain as the Domain attribute takes it (lower case, IDN in punycode, no leading dot),
 * refused when browsers would drop the cookies or never send them where the files are: not a host
 * name, all of cloudfront.net, or a domain the resource's host is not in.
 */
export function checkCookieDomain(text: string, resource: string): string {
  const typed = text.trim().replace(/^\./, '')
  let domain = ''
  try {
    if (!/[\s/\\:@?#*%]/.test(typed)) domain = new URL(`https://${typed}/`).hostname
  } catch {
    domain = ''
  }
  if (!domain.includes('.') || domain.endsWith('.') || /^[\d.]+$/.test(domain)) {
    throw invalidDomain(
      `"${typed.slice(0, 80)}" is not a domain name for cookies. Write a host name such as example.com or d111111abcdef8.cloudfront.net, without https:// or a path.`,
    )
  }
  if (domain === 'cloudfront.net') {
    throw invalidDomain(
      'Browsers refuse cookies for all of cloudfront.net. Use the distribution’s own domain (like d111111abcdef8.cloudfront.net) or an alternate domain it answers on.',
    )
  }
  const host = hostOf(resource)
  if (host !== undefined && host !== domain && !host.endsWith(`.${domain}`)) {
    throw invalidDomain(
      `Cookies for ${domain} are never sent to ${host}, where the files are. Use ${host} or a domain it ends with.`,
    )
  }
  return domain
}

/** The resource's host when it has no wildcard (a pattern's host may be anything). */
function hostOf(resource: string): string | undefined {
  const match = /^https?:\/\/([^/?]+)/.exec(resource)
  const host = match?.[1]?.replace(/:\d+$/, '').toLowerCase()
  return host === undefined || /[*?]/.test(host) ? undefined : host
}
