// Channels of the keys area, and the key as the renderer sees it (never any private material).
import { z } from 'zod'
import { channel } from './define.ts'

export const KeyType = z.enum(['rsa', 'ecdsa'])
export type KeyType = z.infer<typeof KeyType>

/** Where the public half was uploaded: a CloudFront public key id (the Key-Pair-Id). */
export const KeyUpload = z.object({
  keyPairId: z.string(),
  /** AWS account id, when known (unknown for a Key-Pair-Id set by hand). */
  accountId: z.string().optional(),
  /** Epoch milliseconds. */
  recordedAt: z.number(),
})
export type KeyUpload = z.infer<typeof KeyUpload>

export const KeySummary = z.object({
  id: z.string(),
  name: z.string(),
  type: KeyType,
  /** SHA-256 of the SPKI DER, colon-separated upper-case hex. */
  fingerprint: z.string(),
  /** Epoch milliseconds. */
  createdAt: z.number(),
  /** The Key-Pair-Id links are signed with: the most recently recorded upload, if any. */
  keyPairId: z.string().optional(),
  uploads: z.array(KeyUpload),
})
export type KeySummary = z.infer<typeof KeySummary>

export const keysContract = {
  'keys.list': channel(z.undefined(), z.array(KeySummary)),
}
