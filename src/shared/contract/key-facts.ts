// What the app and the CLI say and check about keys without a schema: the names of the two key
// types and the limits a form checks before sending. Kept free of zod so that the first screen of
// the app (New link, which names each key's type) does not load the schema library.
import type { KeyType } from './keys.ts'

/** How the app and the CLI name each type: CloudFront accepts exactly these two. */
export const KEY_TYPE_LABEL: Record<KeyType, string> = { rsa: 'RSA 2048', ecdsa: 'ECDSA P-256' }

/** The most a key file (or pasted key) may weigh: real keys are 0.2–3 KiB. */
export const MAX_KEY_TEXT_BYTES = 64 * 1024
/**
 * A Key-Pair-Id as typed: a key group's public key (`K` and 13 upper-case letters or digits), or a
 * legacy CloudFront key pair of an AWS account's trusted signers (`APKA` and 16).
 */
export const KEY_PAIR_ID_PATTERN = /^(?:K[A-Z0-9]{13}|APKA[A-Z0-9]{16})$/

/** Legacy key pairs ("trusted signers") are named `APKA…`; key groups' public keys `K…`. */
export function isLegacyKeyPairId(keyPairId: string): boolean {
  return keyPairId.startsWith('APKA')
}

/** Said wherever a legacy key pair is shown: one line. */
export const LEGACY_KEY_HINT =
  'Legacy key pair (trusted signer): CloudFront key groups replace these — sign with a key in a key group when you can.'

/** The type as shown: `RSA 2048`, `RSA 4096 (legacy key pair)`, `ECDSA P-256`. */
export function keyTypeLabel(key: {
  type: KeyType
  rsaBits?: number | undefined
  legacy?: boolean | undefined
}): string {
  const type =
    key.type === 'rsa' && key.rsaBits !== undefined ? `RSA ${key.rsaBits}` : KEY_TYPE_LABEL[key.type]
  return key.legacy ? `${type} (legacy key pair)` : type
}
export const KEY_NAME_MAX = 64
export const EXPORT_PASSPHRASE_MIN = 8
