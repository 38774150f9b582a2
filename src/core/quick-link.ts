// The tray's quick link: what the clipboard holds — a path on a site set up here, or the address of
// a CloudFront site — signed for the default duration with the site's key, through the same
// LinkService as New link (so it is in the history). What to sign is decided by a pure function;
// anything else on the clipboard (a sentence, an e-mail address, another site's page) is refused
// with a message saying what Quick link takes, and nothing is signed.
import type { SignedSite } from '../shared/contract/cloudfront.ts'
import type { KeySummary } from '../shared/contract/keys.ts'
import type { SignedLink } from '../shared/contract/links.ts'
import type { Settings } from '../shared/contract/settings.ts'
import { KeyfrontError } from '../shared/errors.ts'
import { EXPIRY_PRESETS } from '../shared/expiry.ts'
import { siteAddresses, siteLink } from '../shared/site-link.ts'
import type { Clock } from './clock.ts'
import type { SignInput } from './signing/link-service.ts'

/** What a quick link signs: the address, with which key, for which site (when known). */
export interface QuickLinkTarget {
  url: string
  /** A held key's id. */
  key: string
  distributionId?: string
  /** The file as people read it: `files.example.com/reports/Q3 report.pdf`. */
  where: string
}

export interface QuickLinkContext {
  sites: readonly SignedSite[]
  keys: readonly KeySummary[]
  defaultSite?: string
}

/** Longer than this is not a path or address someone copied: CloudFront's own limit on a link. */
const MAX_TEXT = 8192
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
/** A file on this computer: `C:\Users\…` (a URL parser would take `C:` for a scheme). */
const WINDOWS_PATH = /^[a-z]:[\\/]/i
/** An e-mail address, which would otherwise pass for a file name (`ana@example.com`). */
const EMAIL = /^[^\s/@]+@[^\s/@]+$/
/** A file name's extension at the end: `q3.pdf`. */
const EXTENSION = /\.[a-z0-9]{1,8}$/i

function notALink(why: string): KeyfrontError {
  return new KeyfrontError(
    'CLIPBOARD_NOT_A_LINK',
    `${why} Quick link signs a path on your site (reports/q3.pdf) or a whole address on a CloudFront site, copied first. Nothing was signed.`,
  )
}

/** A path of a file on a site, as someone would copy it: `reports/q3.pdf`, `/videos/`, `q3.pdf`. */
export function looksLikeSitePath(text: string): boolean {
  if (SCHEME.test(text) || text.includes('\\') || EMAIL.test(text)) return false
  if (/^\s|\s$/.test(text) || /\s\//.test(text) || /\/\s/.test(text)) return false
  return text.startsWith('/') || text.includes('/') || EXTENSION.test(text)
}

/** The site named by a host, by any of its addresses. */
function siteOnHost(sites: readonly SignedSite[], host: string): SignedSite | undefined {
  const name = host.toLowerCase()
  return sites.find((site) => siteAddresses(site).some((address) => address.toLowerCase() === name))
}

/** The one key that can sign, when Keyfront holds exactly one with a Key-Pair-Id. */
function onlyReadyKey(keys: readonly KeySummary[]): KeySummary | undefined {
  const ready = keys.filter((key) => key.keyPairId !== undefined)
  return ready.length === 1 ? ready[0] : undefined
}

/** What to sign for the clipboard's text; throws CLIPBOARD_NOT_A_LINK or SITE_NOT_FOUND, saying why. */
export function quickLinkTarget(clipboard: string, context: QuickLinkContext): QuickLinkTarget {
  const text = clipboard.trim()
  if (text === '') throw notALink('The clipboard is empty.')
  if (text.length > MAX_TEXT || /[\r\n]/.test(text) || /\p{Cc}/u.test(text)) {
    throw notALink('The clipboard holds more than one line of text.')
  }
  if (WINDOWS_PATH.test(text) || /^file:/i.test(text)) {
    throw notALink('The clipboard holds a file on this computer, not a file on your site.')
  }
  if (SCHEME.test(text)) return addressTarget(text, context)
  // `files.example.com/reports/q3.pdf`: an address copied without its https://.
  const host = text.split('/')[0] ?? ''
  if (text.includes('/') && (siteOnHost(context.sites, host) || /\.cloudfront\.net$/i.test(host))) {
    return addressTarget(`https://${text}`, context)
  }
  if (!looksLikeSitePath(text)) throw notALink('The clipboard does not hold a path or a web address.')
  const site = defaultSiteOf(context)
  const address = siteAddresses(site)[0] ?? site.domainName
  const url = siteLink(address, text)
  return { url, key: site.keyId, distributionId: site.distributionId, where: readable(url) }
}

function addressTarget(text: string, context: QuickLinkContext): QuickLinkTarget {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw notALink('The clipboard holds something that is not a complete web address.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw notALink(`The clipboard holds a ${url.protocol.replace(':', '')}: address, not a web page.`)
  }
  const site = siteOnHost(context.sites, url.hostname)
  if (site) return { url: text, key: site.keyId, distributionId: site.distributionId, where: readable(text) }
  if (!url.hostname.toLowerCase().endsWith('.cloudfront.net')) {
    throw notALink(`${url.hostname} is not a CloudFront site set up on this computer.`)
  }
  const key = onlyReadyKey(context.keys)
  if (!key) {
    throw new KeyfrontError(
      'SITE_NOT_FOUND',
      `${url.hostname} is not a site set up on this computer, so Keyfront cannot tell which key it trusts. Make this link in New link, where you choose the key. Nothing was signed.`,
    )
  }
  return { url: text, key: key.id, where: readable(text) }
}

/** The site a bare path is on: the default site, or the only site there is. */
function defaultSiteOf(context: QuickLinkContext): SignedSite {
  const chosen = context.sites.find((site) => site.distributionId === context.defaultSite)
  if (chosen) return chosen
  if (context.sites.length === 1 && context.sites[0]) return context.sites[0]
  throw new KeyfrontError(
    'SITE_NOT_FOUND',
    context.sites.length === 0
      ? 'The clipboard holds a path, but no site is set up on this computer to find it on. Set one up under Distributions, or copy the whole address. Nothing was signed.'
      : 'The clipboard holds a path, but Keyfront does not know which of your sites it is on. Choose a default site in Settings, or copy the whole address. Nothing was signed.',
  )
}

/** `host/path` decoded, for the notification. */
function readable(address: string): string {
  try {
    const url = new URL(address)
    return decodeURIComponent(`${url.host}${url.pathname}${url.search}`)
  } catch {
    return address
  }
}

export interface QuickLinkDeps {
  links: { sign(input: SignInput): Promise<SignedLink> }
  keys: { list(): Promise<KeySummary[]> }
  sites(): Promise<SignedSite[]>
  settings: { get(): Promise<Settings> }
  clock: Clock
}

export interface QuickLink {
  link: SignedLink & { signedUrl: string }
  where: string
}

/** Signs what the clipboard holds for the default duration; recorded in the history like any link. */
export async function makeQuickLink(deps: QuickLinkDeps, clipboard: string): Promise<QuickLink> {
  const [settings, sites, keys] = await Promise.all([deps.settings.get(), deps.sites(), deps.keys.list()])
  const target = quickLinkTarget(clipboard, {
    sites,
    keys,
    ...(settings.defaultSite !== undefined && { defaultSite: settings.defaultSite }),
  })
  const preset = EXPIRY_PRESETS.find((choice) => choice.id === settings.defaultDuration) ?? EXPIRY_PRESETS[1]
  const link = await deps.links.sign({
    key: target.key,
    url: target.url,
    expiresAt: Math.floor(deps.clock.now() / 1000) + preset.seconds,
    ...(target.distributionId !== undefined && { distributionId: target.distributionId }),
  })
  if (link.signedUrl === undefined) throw new Error('A quick link is a URL, but no URL was signed.')
  return { link: { ...link, signedUrl: link.signedUrl }, where: target.where }
}
