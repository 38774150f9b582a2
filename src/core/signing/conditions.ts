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
 * A wildcard resource for a custom policy: `*` any characters, `?` exactly one. It must be written
 * as the viewer sends URLs (percent-encoded) and must cover the URL being signed, or the link
 * would be refused the moment it is opened.
 */
export function checkResourcePattern(pattern: string, signedResource: string): string {
  const value = pattern.trim()
  if (!/^(https?|\*):\/\/[^/]/.test(value)) {
    throw new KeyfrontError(
      'RESOURCE_PATTERN_INVALID',
      'A resource pattern starts with https://, http:// or *:// and a host, like https://d111111abcdef8.cloudfront.net/videos/*.',
    )
  }
  if (/[\s"\\<>^`{|}]|[^\x21-\x7e]/.test(value) || value.length > MAX_URL_BYTES) {
    throw new KeyfrontError(
      'RESOURCE_PATTERN_INVALID',
      'Write the resource pattern the way browsers send URLs: spaces and other special or non-English characters percent-encoded (a space is %20).',
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

/** CloudFront's wildcard match of a policy resource against a request URL. */
export function matchesResource(pattern: string, url: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, 's').test(url)
}
