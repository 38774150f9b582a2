// Channels for renewing a link of the history: "Make a new link like this…" — the same file, key,
// label and conditions, working for as long again as the original did (or until a time chosen).
// A new history entry that names the one it renews; the old entry stays as it was.
import { z } from 'zod'
import { channel } from './define.ts'
import { SignedLink } from './links.ts'

const EntryId = z.number().int().positive()
const Epoch = z.number().int()

/** What the renew form is filled in with. Times relative to signing are seconds. */
export const RenewalDraft = z.object({
  from: EntryId,
  kind: z.enum(['url', 'cookies']),
  /** The address as first given; what is signed again. */
  url: z.string(),
  /**
   * The site the link was made for, when it is still onboarded here: which of its addresses the
   * URL uses, and the path on it, decoded for people. Absent when the site was forgotten (or the
   * link was made from a whole address): the form shows `url` instead.
   */
  site: z.object({ distributionId: z.string(), address: z.string(), path: z.string() }).optional(),
  /** A wildcard the original opened (`…/videos/*`), when it opened more than `url`. */
  resource: z.string().optional(),
  label: z.string().optional(),
  /** The held key that signs the renewal: the original's. Absent when that key is gone. */
  key: z.object({ id: z.string(), name: z.string() }).optional(),
  /** Why there is no key: deleted from Keyfront, or a key file it never held. */
  keyMissing: z.enum(['deleted', 'key-file']).optional(),
  /** When the key is gone: the key the site was onboarded with, if Keyfront holds it. */
  siteKey: z.object({ id: z.string(), name: z.string() }).optional(),
  /** How long the original worked, from its signing to its expiry (whole minutes). */
  durationSeconds: z.number().int().positive(),
  /** Now + that duration: when the renewal stops working unless another time is chosen. */
  expiresAt: Epoch,
  /** When the original started later than it was made, the renewal starts as much later. */
  startsAfterSeconds: z.number().int().optional(),
  ipAddress: z.string().optional(),
  hash: z.enum(['sha1', 'sha256']),
})
export type RenewalDraft = z.infer<typeof RenewalDraft>

export const RenewRequest = z.object({
  id: EntryId,
  /** Default: now + the original's duration. */
  expiresAt: Epoch.optional(),
  /** Another held key (by name or id), for when the original's is gone. */
  key: z.string().min(1).max(200).optional(),
  /** Default: the original's label. Bounded for transport only; the core checks it. */
  label: z
    .string()
    .max(32 * 1024)
    .optional(),
})
export type RenewRequest = z.input<typeof RenewRequest>

export const RenewedLink = SignedLink.extend({
  renewedFrom: EntryId,
  /** The new history entry; absent when the history could not record it (a warning says so). */
  entryId: EntryId.optional(),
})
export type RenewedLink = z.infer<typeof RenewedLink>

export const renewalContract = {
  /** What "Make a new link like this…" is filled in with; nothing is signed. */
  'history.renewal': channel(z.object({ id: EntryId }), RenewalDraft),
  /** Signs the renewal and records it as a new entry that names the old one. */
  'history.renew': channel(RenewRequest, RenewedLink),
}
