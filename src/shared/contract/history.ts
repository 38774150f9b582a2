// Channels of the history area, and what a history entry records: everything needed to sign the
// same link again — never the signature, so the history file holds no working link.
import { z } from 'zod'
import { shownLabel } from '../plain-text.ts'
import { channel } from './define.ts'

export const SignatureAlgorithm = z.enum(['rsa-sha1', 'rsa-sha256', 'ecdsa-sha1', 'ecdsa-sha256'])
export type SignatureAlgorithm = z.infer<typeof SignatureAlgorithm>

export const LinkRecord = z.object({
  /** A signed URL, or a set of signed cookies. */
  kind: z.enum(['url', 'cookies']),
  /** The URL as the user gave it, before the signing parameters were added. */
  url: z.string(),
  /** The policy's resource (the URL, or a wildcard pattern for custom policies). */
  resource: z.string(),
  /** The policy JSON exactly as signed. */
  policy: z.string(),
  /** Canned policies put `Expires=` in the URL; custom ones put `Policy=`. */
  canned: z.boolean(),
  keyId: z.string(),
  keyPairId: z.string(),
  algorithm: SignatureAlgorithm,
  /** Epoch seconds. */
  startsAt: z.number().int().optional(),
  /** Epoch seconds. */
  expiresAt: z.number().int(),
  ipAddress: z.string().optional(),
  /** Shown escaped and cut if an older version recorded a label that breaks today's rules. */
  label: z.string().transform(shownLabel).optional(),
  distributionId: z.string().optional(),
  source: z.enum(['app', 'cli', 'batch']),
  /** The entry this link renews: same file and conditions, made again for a new time. */
  renewedFrom: z.number().int().positive().optional(),
})
export type LinkRecord = z.infer<typeof LinkRecord>

/** A recorded link as stored: ids grow and are never reused, so an id always names one link. */
export const HistoryEntry = LinkRecord.extend({
  id: z.number().int().positive(),
  /** Epoch milliseconds. */
  createdAt: z.number(),
  /** The newest entry that renews this one, if it was renewed. */
  renewedAs: z.number().int().positive().optional(),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

/** Where a link stands now: not valid yet (a start time in the future), working, or expired. */
export const LinkStatus = z.enum(['scheduled', 'active', 'expired'])
export type LinkStatus = z.infer<typeof LinkStatus>

/** An entry as the screen and `--json` show it: with its status and what became of its key. */
export const HistoryItem = HistoryEntry.extend({
  status: LinkStatus,
  /** The key's current name; undefined when the key has been deleted from Keyfront. */
  keyName: z.string().optional(),
  /** False when the key is gone: the link cannot be made again (the original still works until it expires). */
  canSignAgain: z.boolean(),
  /** "Copy again" gives a link that works: the key is held and the link has not expired. */
  canCopyAgain: z.boolean(),
  /** Signed with a key file (`keyfront sign --key-file`) Keyfront does not hold; importing that key brings it back. */
  keyFile: z.boolean().optional(),
})
export type HistoryItem = z.infer<typeof HistoryItem>

export const HistoryFilter = z.object({
  /** Words to find in the label or the URL: each must be a word there, or the beginning of one. */
  search: z.string().max(200).optional(),
  /** active = not yet expired (including links whose start time is still ahead). */
  status: z.enum(['active', 'expired']).optional(),
  keyId: z.string().min(1).max(100).optional(),
  distributionId: z.string().min(1).max(100).optional(),
  /**
   * Links still working that stop within this many seconds, and that were not renewed already
   * (what "expiring soon" lists and counts).
   */
  expiringWithin: z
    .number()
    .int()
    .min(60)
    .max(366 * 86_400)
    .optional(),
})
export type HistoryFilter = z.infer<typeof HistoryFilter>

export const HistoryPageRequest = HistoryFilter.extend({
  limit: z.number().int().min(1).max(500),
  /** From the previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/)
    .optional(),
})
export type HistoryPageRequest = z.infer<typeof HistoryPageRequest>

export const HistoryPage = z.object({
  entries: z.array(HistoryItem),
  /** Present when older entries follow. */
  nextCursor: z.string().optional(),
})
export type HistoryPage = z.infer<typeof HistoryPage>

const UrlAgain = z.object({ kind: z.literal('url'), url: z.string() })
const CookiesAgain = z.object({
  kind: z.literal('cookies'),
  /** `setCookie` is the whole Set-Cookie header value, with the recommended attributes. */
  cookies: z.array(z.object({ name: z.string(), value: z.string(), setCookie: z.string() })),
})

/** The link made again from an entry: a URL, or the cookies of a cookie set. */
export const SignedAgain = z.discriminatedUnion('kind', [UrlAgain, CookiesAgain])
export type SignedAgain = z.infer<typeof SignedAgain>

/**
 * What "Copy again" answers: the link made again, and whether it is the very link given before
 * (RSA signatures are the same each time) or a new, equally valid one (ECDSA's are not).
 */
const SameLink = { sameLink: z.boolean() }
export const CopiedAgain = z.discriminatedUnion('kind', [
  UrlAgain.extend(SameLink),
  CookiesAgain.extend(SameLink),
])
export type CopiedAgain = z.infer<typeof CopiedAgain>

export const ExpiringCount = z.object({
  /** Links still working that stop within `within` seconds and were not renewed. */
  count: z.number().int().nonnegative(),
  within: z.number().int().positive(),
})
export type ExpiringCount = z.infer<typeof ExpiringCount>

/** For key retirement: when the last link signed with each key stops working. */
export const KeyExpiry = z.object({
  keyId: z.string(),
  /** undefined when the key has been deleted from Keyfront, or is a key file it never held. */
  keyName: z.string().optional(),
  /** A key file (`keyfront sign --key-file`) Keyfront does not hold. */
  keyFile: z.boolean().optional(),
  keyPairIds: z.array(z.string()),
  /** Epoch seconds: the latest expiry of any link signed with the key. */
  latestExpiresAt: z.number().int(),
  links: z.number().int().nonnegative(),
  activeLinks: z.number().int().nonnegative(),
})
export type KeyExpiry = z.infer<typeof KeyExpiry>

export const HistoryInfo = z.object({
  /** Set when the history file could not be read at start: where the old file was moved. */
  recoveredFrom: z.string().optional(),
  /** Distributions that appear in the history, for the filter. */
  distributionIds: z.array(z.string()),
})
export type HistoryInfo = z.infer<typeof HistoryInfo>

const EntryId = z.object({ id: z.number().int().positive() })

export const historyContract = {
  'history.list': channel(HistoryPageRequest, HistoryPage),
  'history.info': channel(z.undefined(), HistoryInfo),
  /** Paths on a site that links were made for, newest first, each once (path completion, nearest names). */
  'history.paths': channel(z.object({ distributionId: z.string().min(1).max(100) }), z.array(z.string())),
  /**
   * Signs the entry's stored policy anew: for RSA keys, the very same link. Expired entries too (the
   * inspector needs them); offer "Copy again" only where the item says `canCopyAgain`.
   */
  'history.copyAgain': channel(EntryId, CopiedAgain),
  'history.delete': channel(EntryId, z.undefined()),
  /** Asks where to save, then writes CSV. Working links only if `includeSignedUrls` is true. */
  'history.export': channel(
    HistoryFilter.extend({ includeSignedUrls: z.boolean() }),
    z.object({ path: z.string().optional(), count: z.number().int().nonnegative() }),
  ),
  'history.latestExpiryPerKey': channel(z.undefined(), z.array(KeyExpiry)),
  /** How many links expire soon (48 hours unless `within` says otherwise): the sidebar's count. */
  'history.expiringCount': channel(
    z.object({ within: HistoryFilter.shape.expiringWithin }).optional(),
    ExpiringCount,
  ),
}
