// Channels of the keys area, and the key as the renderer sees it (never any private material).
import { z } from 'zod'
import { channel } from './define.ts'
import { MAX_KEY_TEXT_BYTES } from './key-facts.ts'

export {
  EXPORT_PASSPHRASE_MIN,
  KEY_NAME_MAX,
  KEY_PAIR_ID_PATTERN,
  KEY_TYPE_LABEL,
  LEGACY_KEY_HINT,
  MAX_KEY_TEXT_BYTES,
  isLegacyKeyPairId,
  keyTypeLabel,
} from './key-facts.ts'

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

/** Where the private half is: this computer's OS keychain, or AWS KMS (never leaves it). */
export const KeyCustody = z.enum(['keychain', 'kms'])
export type KeyCustody = z.infer<typeof KeyCustody>

/** Which KMS key signs, and how to reach it: nothing secret. */
export const KmsKeyRef = z.object({
  /** The key's ARN (DescribeKey's Arn), never an alias: an alias can be moved to another key. */
  arn: z.string(),
  region: z.string(),
  /** The AWS profile to sign with; undefined = the default chain. */
  profile: z.string().optional(),
})
export type KmsKeyRef = z.infer<typeof KmsKeyRef>

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
  /** Set for an RSA key of another size than 2048 bits (only legacy key pairs may be). */
  rsaBits: z.number().int().optional(),
  /**
   * Set for a legacy CloudFront key pair (trusted signers): its Key-Pair-Id is `APKA…`, or its RSA
   * size is one key groups refuse. Key groups replace these.
   */
  legacy: z.literal(true).optional(),
  custody: KeyCustody,
  /** Set for a key held by AWS KMS. */
  kms: KmsKeyRef.optional(),
})
export type KeySummary = z.infer<typeof KeySummary>

/** A key with its public half, as `keys show` and the detail view present it. */
export const KeyDetails = KeySummary.extend({
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`): exactly what CloudFront's CreatePublicKey takes. */
  publicKeyPem: z.string(),
})
export type KeyDetails = z.infer<typeof KeyDetails>

/** A key's id or name. The core checks names and Key-Pair-Ids itself, to answer with its own codes. */
const KeyRef = z.string().min(1).max(200)
const Name = z.string().max(200)
const Passphrase = z.string().max(1024)
/** An AWS profile or region name. */
const AwsName = z.string().max(128)

export const KeyDeleted = z.object({
  name: z.string(),
  /** True when the public key had been uploaded: links signed with it keep working until it is
   *  removed from its CloudFront key groups. */
  wasUploaded: z.boolean(),
  keyPairIds: z.array(z.string()),
  /** Set for a key kept in AWS KMS: Keyfront forgot it, but it is still there. */
  kms: KmsKeyRef.optional(),
})
export type KeyDeleted = z.infer<typeof KeyDeleted>

/** A key held by AWS KMS, created or added: listed, and its Key-Pair-Id if CloudFront has it already. */
export const KmsKeyAdded = z.object({
  key: KeySummary,
  /** What the person should know: no alias could be made, CloudFront's keys could not be searched. */
  warnings: z.array(z.string()),
})
export type KmsKeyAdded = z.infer<typeof KmsKeyAdded>

/** ScheduleKeyDeletion's outcome: when KMS deletes the key, and the command that cancels it. */
export const KmsDeletionScheduled = z.object({
  name: z.string(),
  arn: z.string(),
  /** Epoch milliseconds. */
  deletionDate: z.number(),
  cancelCommand: z.string(),
})
export type KmsDeletionScheduled = z.infer<typeof KmsDeletionScheduled>

export const KeyExported = z.union([
  z.object({ saved: z.string() }),
  z.object({ cancelled: z.literal(true) }),
])
export type KeyExported = z.infer<typeof KeyExported>

export const keysContract = {
  'keys.list': channel(z.undefined(), z.array(KeySummary)),
  /** Generates a key pair (off the event loop) and keeps the private half in the OS keychain. */
  'keys.create': channel(z.object({ name: Name, type: KeyType }), KeySummary),
  /** Imports a PEM private key (PKCS#1, PKCS#8, SEC1, encrypted PKCS#8), with its Key-Pair-Id if known. */
  'keys.import': channel(
    z.object({
      name: Name,
      pem: z.string().max(MAX_KEY_TEXT_BYTES),
      passphrase: Passphrase.optional(),
      keyPairId: z.string().max(64).optional(),
    }),
    KeySummary,
  ),
  'keys.show': channel(z.object({ ref: KeyRef }), KeyDetails),
  'keys.rename': channel(z.object({ ref: KeyRef, name: Name }), KeySummary),
  /** Records a Key-Pair-Id by hand, for a public key uploaded outside Keyfront. */
  'keys.setKeyPairId': channel(z.object({ ref: KeyRef, keyPairId: z.string().max(64) }), KeySummary),
  'keys.delete': channel(z.object({ ref: KeyRef }), KeyDeleted),
  /** Asks where to save, then writes the private key as passphrase-encrypted PKCS#8 PEM (mode 0600). */
  'keys.exportPrivate': channel(z.object({ ref: KeyRef, passphrase: Passphrase }), KeyExported),
  /** Creates a signing key in AWS KMS (alias, description, tags) and lists it: nothing secret kept here. */
  'keys.createKms': channel(
    z.object({ name: Name, type: KeyType, profile: AwsName.optional(), region: AwsName.optional() }),
    KmsKeyAdded,
  ),
  /** Lists a key kept in AWS KMS, by its ARN or alias (a colleague's team key). */
  'keys.addKms': channel(
    z.object({
      name: Name,
      keyId: z.string().max(2048),
      profile: AwsName.optional(),
      region: AwsName.optional(),
    }),
    KmsKeyAdded,
  ),
  /** Schedules the key's deletion in AWS KMS itself, after 7 to 30 days; it can be cancelled meanwhile. */
  'keys.scheduleKmsDeletion': channel(
    z.object({ ref: KeyRef, days: z.number().int() }),
    KmsDeletionScheduled,
  ),
}
