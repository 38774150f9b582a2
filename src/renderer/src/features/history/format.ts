// How the History screen words a link's state: a status chip (working, "Expires in 2 hours",
// expired, not yet started) computed from the link's times against the clock on screen, and dates
// in the user's locale.
import type { HistoryItem } from '../../../../shared/contract/history.ts'
import { describeFromNow } from '../../../../shared/expiry.ts'

/** Within this many seconds of its expiry a working link is flagged. */
const SOON = 24 * 3600

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
  if (item.expiresAt - now <= SOON)
    return { text: `Expires ${describeFromNow(item.expiresAt, nowMs)}`, tone: 'warn' }
  return { text: 'Active', tone: 'ok' }
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

/** For a link whose key was deleted: it cannot be made again, but the original may still work. */
export function goneKeyExpiryText(item: HistoryItem, nowMs: number): string {
  const when = formatDate(item.expiresAt * 1000)
  return item.expiresAt * 1000 <= nowMs
    ? `Stopped working ${when}`
    : `Still works until ${when} if CloudFront trusts its key`
}

/** The entry's name in messages: its label, or the file it opens. */
export function entryName(item: HistoryItem): string {
  if (item.label) return `“${item.label}”`
  const path = item.url.replace(/^[a-z]+:\/\/[^/]+/i, '')
  return `the link to ${path || item.url}`
}
