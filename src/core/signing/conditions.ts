// Checks the conditions of a link before anything is signed, with a message for each way they can
// be wrong: expiry in the past or after CloudFront's 2038 limit, a start after the expiry, an IPv6
// or malformed address, a wildcard resource that would not even cover the URL being signed.
import type { HashChoice } from '../../shared/contract/links.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { MAX_EPOCH_SECONDS, describeFromNow, formatUtc } from '../../shared/expiry.ts'
import type { LinkConditions } from './policy.ts'
import { MAX_URL_BYTES } from './url.ts'

export interface ConditionInput {
  expiresAt: number
  startsAt?: number
  ipAddress?: string
  hash: HashChoice
}

export function checkConditions(input: ConditionInput, nowMs: number): LinkConditions {
  const { expiresAt, startsAt } = input
  if (!Number.isSafeInteger(expiresAt) || (startsAt !== undefined && !Number.isSafeInteger(startsAt))) {
    throw new KeyfrontError('EXPIRY_INVALID', 'Times must be whole epoch seconds.')
  }
  if (expiresAt * 1000 <= nowMs) {
    throw new KeyfrontError(
      'EXPIRY_IN_PAST',
      `The expiry (${formatUtc(expiresAt)}) is ${describeFromNow(expiresAt, nowMs)}: the link would never work. Choose a time in the future.`,
    )
  }
  if (expiresAt > MAX_EPOCH_SECONDS) {
    throw new KeyfrontError(
      'EXPIRY_TOO_LATE',
      'CloudFront cannot read expiry times after 19 January 2038, 03:14:07 UTC. Choose an earlier date.',
    )
  }
  if (startsAt !== undefined && startsAt < 1) {
    throw new KeyfrontError('EXPIRY_INVALID', 'The start time must be after 1 January 1970.')
  }
  if (startsAt !== undefined && startsAt >= expiresAt) {
    throw new KeyfrontError(
      'START_AFTER_EXPIRY',
      `The link would start (${formatUtc(startsAt)}) only after it stops working (${formatUtc(expiresAt)}). Choose a start time before the expiry, or no start time.`,
    )
  }
  const conditions: LinkConditions = { expiresAt, hash: input.hash }
  if (startsAt !== undefined) conditions.startsAt = startsAt
  if (input.ipAddress !== undefined && input.ipAddress.trim() !== '') {
    conditions.ipAddress = normalizeIpRange(input.ipAddress)
  }
  return conditions
}

const IPV4_RANGE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/

/** `203.0.113.7` → `203.0.113.7/32`; `203.0.113.0/24` as is. IPv4 only: CloudFront has no IPv6 here. */
export function normalizeIpRange(text: string): string {
  const value = text.trim()
  if (value.includes(':')) {
    throw new KeyfrontError(
      'IP_V6_UNSUPPORTED',
      `"${value.slice(0, 60)}" is an IPv6 address. CloudFront can restrict signed links to IPv4 addresses only: give an IPv4 address or range (like 203.0.113.0/24), or leave the restriction out.`,
    )
  }
  const match = IPV4_RANGE.exec(value)
  const octets = match ? match.slice(1, 5) : []
  const mask = match?.[5]
  const valid =
    match !== null &&
    octets.every((octet) => Number(octet) <= 255 && !/^0\d/.test(octet ?? '')) &&
    (mask === undefined || (Number(mask) <= 32 && !/^0\d/.test(mask)))
  if (!valid) {
    throw new KeyfrontError(
      'IP_INVALID',
      `"${value.slice(0, 60)}" is not an IPv4 address or range. Write one address (203.0.113.7) or a range in CIDR form (203.0.113.0/24: four numbers from 0 to 255, then / and a prefix length from 0 to 32).`,
    )
  }
  return mask === undefined ? `${value}/32` : value
}

/**
 * The forms CloudFront documents for a custom policy's resource: `*` alone (every file of every
 * distribution that trusts the key), a URL pattern from `https://`, `http://` or `*://` and a host,
 * or a host pattern that starts with `*` and goes on with the end of a host name (`*example.com/*`).
 */
export function isResourceForm(value: string): boolean {
  return value === '*' || /^(?:https?|\*):\/\/[^/]/.test(value) || /^\*[A-Za-z0-9.-]/.test(value)
}

/**
 * A wildcard resource for a custom policy: `*` any characters, `?` exactly one. It must be written
 * as the viewer sends URLs (percent-encoded) and must cover the URL being signed, or the link
 * would be refused the moment it is opened.
 */
export function checkResourcePattern(pattern: string, signedResource: string): string {
  const value = pattern.trim()
  if (!isResourceForm(value)) {
    throw new KeyfrontError(
      'RESOURCE_PATTERN_INVALID',
      'A resource is * (every file), a pattern that starts with https://, http:// or *:// and a host (https://d111111abcdef8.cloudfront.net/videos/*), or a host pattern that starts with * (*example.com/*).',
    )
  }
  if (/[\s"\\<>^`{|}]|[^\x21-\x7e]/.test(value) || value.length > MAX_URL_BYTES) {
    throw new KeyfrontError(
      'RESOURCE_PATTERN_INVALID',
      'Write the resource pattern the way browsers send URLs: spaces and other special or non-English characters percent-encoded (a space is %20).',
    )
  }
  if (signedResource.length > MAX_URL_BYTES) {
    throw new KeyfrontError(
      'URL_TOO_LONG',
      `The URL is ${signedResource.length.toLocaleString('en-US')} characters long, and CloudFront accepts links of at most 8,192 bytes. Shorten the path or query string.`,
    )
  }
  if (!matchesResource(value, signedResource)) {
    throw new KeyfrontError(
      'RESOURCE_PATTERN_INVALID',
      `The pattern ${value} does not cover the link being signed (${signedResource.slice(0, 200)}), so CloudFront would refuse it. Widen the pattern with * or fix the URL.`,
    )
  }
  return value
}

/**
 * CloudFront's wildcard match of a policy resource against a request URL: `*` is any run of
 * characters (none included), `?` exactly one, everything else itself. Runs in bounded time
 * whatever the pattern — it reads the Resource of any link pasted into the inspector, so a
 * backtracking matcher would let one link hang the app. The parts between stars are placed left to
 * right at their first fit: a later part can only gain room from an earlier part fitting sooner,
 * so the first fit never misses a match that exists.
 */
export function matchesResource(pattern: string, url: string): boolean {
  // CloudFront refuses longer requests before it reads any policy; the bound also keeps the
  // search below (at worst URL length × pattern length steps) well under a second.
  if (url.length > MAX_URL_BYTES) return false
  const parts = pattern.split('*')
  const first = parts[0] ?? ''
  if (parts.length === 1) return url.length === first.length && fitsAt(first, url, 0)
  const last = parts[parts.length - 1] ?? ''
  const end = url.length - last.length
  if (end < first.length || !fitsAt(first, url, 0) || !fitsAt(last, url, end)) return false
  let at = first.length
  for (const part of parts.slice(1, -1)) {
    const found = firstFit(part, url, at, end)
    if (found === -1) return false
    at = found + part.length
  }
  return true
}

/** Whether `part` (`?` = any one character) matches `text` at `at`. */
function fitsAt(part: string, text: string, at: number): boolean {
  if (at + part.length > text.length) return false
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i)
    if (c !== QUESTION_MARK && c !== text.charCodeAt(at + i)) return false
  }
  return true
}

const QUESTION_MARK = 0x3f

/** The first index from `from` where `part` fits and ends by `end`, or -1. */
function firstFit(part: string, text: string, from: number, end: number): number {
  const last = end - part.length
  if (!part.includes('?')) {
    const found = text.indexOf(part, from)
    return found !== -1 && found <= last ? found : -1
  }
  // Find the part's longest run of plain characters with the engine's substring search, which
  // skips ahead, and check the whole part only where that run fits.
  let run = ''
  let runOffset = 0
  let offset = 0
  for (const piece of part.split('?')) {
    if (piece.length > run.length) [run, runOffset] = [piece, offset]
    offset += piece.length + 1
  }
  for (let start = from; start <= last; start++) {
    if (run !== '') {
      const found = text.indexOf(run, start + runOffset)
      if (found === -1 || found - runOffset > last) return -1
      start = found - runOffset
    }
    if (fitsAt(part, text, start)) return start
  }
  return -1
}
