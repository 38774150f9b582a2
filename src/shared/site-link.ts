// From "a site and a path" to the address of a file: what New link and `keyfront sign --site` build
// when the user types `reports/q3.pdf` instead of pasting a URL. The result is an ordinary URL as a
// person would paste it; the core then encodes it exactly like a pasted one (spaces, accents, …).
import type { SignedSite } from './contract/cloudfront.ts'
import { KeyfrontError } from './errors.ts'
import { firstControl, showControlCharacters } from './plain-text.ts'

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

/** The path on the site of a link's address ("reports/Q3 report.pdf"): siteLink the other way. */
export function sitePathOf(url: string): string | undefined {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*\/([^?#]*)/i.exec(url.trim())?.[1]
  if (!path) return undefined
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
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

/**
 * What people call a site: the name given on this computer, else the distribution's first alias,
 * its comment, and last CloudFront's own domain.
 */
export function siteName(site: Pick<SignedSite, 'name' | 'aliases' | 'comment' | 'domainName'>): string {
  return site.name?.trim() || site.aliases[0] || site.comment?.trim() || site.domainName
}

/** The longest name a site can be given. */
export const SITE_NAME_MAX_LENGTH = 80

/** What is wrong with a name for a site (as typed), or undefined when it can be kept. */
export function siteNameProblem(name: string): string | undefined {
  const text = name.trim()
  if (text.length > SITE_NAME_MAX_LENGTH) {
    return `The name is ${text.length} characters long; a site's name holds at most ${SITE_NAME_MAX_LENGTH}. Shorten it.`
  }
  const control = firstControl(text)
  if (control) {
    return `The name contains a control character (${control.shown}, character ${control.position}). A site's name is plain text on one line: remove it.`
  }
  return undefined
}

/**
 * An address as people read it: `https://files.example.com/reports/Q3 report.pdf`, not `%20`. Only
 * for showing; what is signed is always the address as given. Reserved characters stay encoded
 * (`%2F` is not a folder), and decoded control characters are shown as escapes.
 */
export function readableUrl(url: string): string {
  try {
    return showControlCharacters(decodeURI(url))
  } catch {
    return url
  }
}
