// Channels of the history area, and what a history entry records: everything needed to sign the
// same link again — never the signature, so the history file holds no working link.
import { z } from 'zod'

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
  label: z.string().max(500).optional(),
  distributionId: z.string().optional(),
  source: z.enum(['app', 'cli', 'batch']),
})
export type LinkRecord = z.infer<typeof LinkRecord>

export const historyContract = {}
