// From "a site and a path" to the address of a file: what New link and `keyfront sign --site` build
// when the user types `reports/q3.pdf` instead of pasting a URL. The result is an ordinary URL as a
// person would paste it; the core then encodes it exactly like a pasted one (spaces, accents, …).
import type { SignedSite } from './contract/cloudfront.ts'
import { KeyfrontError } from './errors.ts'

/** The addresses a site answers on: its own names (aliases) first, then CloudFront's domain. */
export function siteAddresses(site: Pick<SignedSite, 'domainName' | 'aliases'>): string[] {
  return [...new Set([...site.aliases, site.domainName])]
}

/** `https://HOST/PATH` for a typed path; a leading slash is optional. */
export function siteLink(host: string, path: string): string {
  const trimmed = path.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new KeyfrontError(
      'URL_INVALID',
      'This is a whole web address, not a path. Type only the part after the site’s name (reports/q3.pdf), or choose "Another address" and paste it there.',
    )
  }
  const relative = trimmed.replace(/^[/\\]+/, '')
  if (relative === '') {
    throw new KeyfrontError(
      'URL_INVALID',
      'Type the path of the file on the site, for example reports/q3.pdf.',
    )
  }
  return `https://${host}/${relative}`
}

/** The site whose id, CloudFront domain or alias is `ref` (names compared without regard to case). */
export function findSite<T extends Pick<SignedSite, 'distributionId' | 'domainName' | 'aliases'>>(
  sites: readonly T[],
  ref: string,
): T | undefined {
  const name = ref.trim().toLowerCase()
  return sites.find(
    (site) =>
      site.distributionId === ref.trim() ||
      siteAddresses(site).some((address) => address.toLowerCase() === name),
  )
}
