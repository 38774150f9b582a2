// Whether a path on a site needs a signed link: it does when a behavior that trusts the site's key
// group matches it. CloudFront path patterns take "*" (any run of characters, "/" included) and
// "?" (one character), case-sensitive, against the path with its leading "/". A restricted default
// behavior ("*") covers every path; paths another, open behavior catches first cannot be told apart
// here (the site keeps only the restricted patterns), so they are counted as restricted — the safe side.
import type { SignedSite } from '../../shared/contract/cloudfront.ts'

export function isRestricted(site: Pick<SignedSite, 'restrictedPaths'>, path: string): boolean {
  const target = `/${path.replace(/^\/+/, '')}`
  return site.restrictedPaths.some((pattern) => pattern === '*' || matches(pattern, target))
}

function matches(pattern: string, path: string): boolean {
  const withSlash = pattern.startsWith('/') ? pattern : `/${pattern}`
  const source = withSlash
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, 's').test(path)
}
