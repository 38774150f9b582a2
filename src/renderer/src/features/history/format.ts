// How the History screen words a link: a status chip (working, "Expires in 2 hours", expired, not
// yet started) computed from the link's times against the clock on screen; where the file is, by
// the site's name and the path as people write it; dates in the user's locale; and what "Copy
// again" copied.
import type { SignedSite } from '../../../../shared/contract/cloudfront.ts'
import type { HistoryItem } from '../../../../shared/contract/history.ts'
import { EXPIRING_SOON_SECONDS, describeFromNow } from '../../../../shared/expiry.ts'
import { readableUrl } from '../../../../shared/site-link.ts'
import { friendlyWhen } from '../../lib/when.ts'
import { whereOnSite } from '../../lib/where.ts'

export interface Chip {
  text: string
  tone: 'ok' | 'warn' | 'muted'
}

export function statusChip(item: HistoryItem, nowMs: number): Chip {
  const now = nowMs / 1000
  if (item.expiresAt <= now) return { text: 'Expired', tone: 'muted' }
  if (item.startsAt !== undefined && item.startsAt > now) {
    return { text: `Starts ${describeFromNow(item.startsAt, nowMs)}`, tone: 'muted' }
  }
  if (expiresSoon(item, nowMs))
    return { text: `Expires ${describeFromNow(item.expiresAt, nowMs)}`, tone: 'warn' }
  return { text: 'Active', tone: 'ok' }
}

/** Still working, and stops within the "expiring soon" window (the filter's and the sidebar's). */
export function expiresSoon(item: Pick<HistoryItem, 'expiresAt'>, nowMs: number): boolean {
  const left = item.expiresAt - nowMs / 1000
  return left > 0 && left <= EXPIRING_SOON_SECONDS
}

/** "Make a new link like this…" is offered once a link has stopped working or soon will, until it is renewed. */
export function canRenew(item: HistoryItem, nowMs: number): boolean {
  return item.renewedAs === undefined && (item.expiresAt * 1000 <= nowMs || expiresSoon(item, nowMs))
}

export function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function formatDay(epochMs: number): string {
  return new Date(epochMs).toLocaleDateString(undefined, { dateStyle: 'medium' })
}

/** When the link stops (or stopped) working: "Works until 12 Nov 2026, 14:00". */
export function expiryText(item: HistoryItem, nowMs: number): string {
  const when = formatDate(item.expiresAt * 1000)
  return item.expiresAt * 1000 <= nowMs ? `Stopped working ${when}` : `Works until ${when}`
}

/** For a link whose key was deleted: it cannot be copied again (only renewed with another key), but the original may still work. */
export function goneKeyExpiryText(item: HistoryItem, nowMs: number): string {
  const when = formatDate(item.expiresAt * 1000)
  return item.expiresAt * 1000 <= nowMs
    ? `Stopped working ${when}`
    : `Still works until ${when} if CloudFront trusts its key`
}

/**
 * Where the file is, for people: "Client files: reports/Q3 report.pdf" on a known site, else the
 * whole address, decoded; cookies name the files they open.
 */
export function whereText(item: HistoryItem, sites: readonly SignedSite[]): string {
  if (item.kind === 'cookies') return `Cookies for ${readableUrl(item.resource)}`
  return whereOnSite(item.url, sites, item.distributionId)
}

/** The entry's name in messages: its label, or the file (or files, for cookies) it opens. */
export function entryName(item: Pick<HistoryItem, 'kind' | 'label' | 'url'>): string {
  if (item.label) return `“${item.label}”`
  const path = readableUrl(item.url).replace(/^[a-z]+:\/\/[^/]+/i, '') || item.url
  return item.kind === 'cookies' ? `the cookies for ${path}` : `the link to ${path}`
}

/**
 * What "Copy again" says it copied: the very link (or cookies) given before, or — for a key whose
 * signatures differ each time — new ones that work until the same moment.
 */
export function copiedAgainText(
  item: Pick<HistoryItem, 'kind' | 'label' | 'url' | 'expiresAt'>,
  sameLink: boolean,
  nowMs: number,
): string {
  const copied = `Copied ${entryName(item)} to the clipboard:`
  const until = friendlyWhen(item.expiresAt, nowMs)
  if (item.kind === 'cookies') {
    return sameLink
      ? `${copied} the same cookies as before. They work until ${until}.`
      : `${copied} new cookies for the same files, working until ${until} like the first ones.`
  }
  return sameLink
    ? `${copied} the same link as before. It works until ${until}.`
    : `${copied} a new link to the same file, working until ${until} like the first one.`
}
