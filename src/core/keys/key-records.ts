// The rules over key records, shared by every KeyService operation: finding a key by id or name,
// what a valid and free name is, what the renderer sees of a record (a legacy key pair marked as
// one), which Key-Pair-Id signs, and which kind of Key-Pair-Id a key can have.
import { createPublicKey } from 'node:crypto'
import {
  EXPORT_PASSPHRASE_MIN,
  KEY_NAME_MAX,
  isLegacyKeyPairId,
  type KeySummary,
  type KeyType,
  type KeyUpload,
} from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { KeyRecord } from './key-file.ts'

export function toSummary(record: KeyRecord): KeySummary {
  const keyPairId = currentKeyPairId(record)
  const bits = rsaBitsOfRecord(record)
  const oddSize = bits !== undefined && bits !== 2048
  return {
    id: record.id,
    name: record.name,
    type: record.type,
    fingerprint: record.fingerprint,
    createdAt: record.createdAt,
    keyPairId,
    uploads: record.uploads,
    custody: record.kms ? 'kms' : 'keychain',
    ...(record.kms && { kms: record.kms }),
    ...(oddSize && { rsaBits: bits }),
    ...((oddSize || (keyPairId !== undefined && isLegacyKeyPairId(keyPairId))) && { legacy: true as const }),
  }
}

/** The recorded public key's RSA size; undefined for ECDSA (or a record damaged outside Keyfront). */
export function rsaBitsOfRecord(record: Pick<KeyRecord, 'type' | 'publicKey'>): number | undefined {
  if (record.type !== 'rsa') return undefined
  try {
    const key = createPublicKey({ key: Buffer.from(record.publicKey, 'base64'), format: 'der', type: 'spki' })
    return key.asymmetricKeyDetails?.modulusLength
  } catch {
    return undefined
  }
}

/**
 * Refuses a Key-Pair-Id of the other kind than the key can have: a legacy key pair (`APKA…`) is
 * RSA, and a key group's public key (`K…`) is RSA 2048 or ECDSA P-256.
 */
export function checkKeyPairIdKind(keyPairId: string, type: KeyType, rsaBits: number | undefined): void {
  if (isLegacyKeyPairId(keyPairId) && type !== 'rsa') {
    throw new KeyfrontError(
      'KEY_PAIR_ID_KIND_MISMATCH',
      `${keyPairId} names a legacy CloudFront key pair, and those are RSA keys; this is an ECDSA key, so its Key-Pair-Id is the one its key group's public key has (K…).`,
    )
  }
  if (!isLegacyKeyPairId(keyPairId) && rsaBits !== undefined && rsaBits !== 2048) {
    throw new KeyfrontError(
      'KEY_PAIR_ID_KIND_MISMATCH',
      `${keyPairId} names a public key of a key group, and key groups take RSA keys of 2048 bits only; this key is RSA ${rsaBits}, so it can only be a legacy key pair, whose Key-Pair-Id starts with APKA.`,
    )
  }
}

/** The Key-Pair-Id links are signed with: the most recently recorded upload. */
export function currentKeyPairId(record: KeyRecord): string | undefined {
  let latest: KeyUpload | undefined
  for (const upload of record.uploads) if (!latest || upload.recordedAt >= latest.recordedAt) latest = upload
  return latest?.keyPairId
}

/** `ref` is an id, or a name (names are unique regardless of case). */
export function findRecord(records: KeyRecord[], ref: string): KeyRecord {
  const name = ref.trim().toLowerCase()
  const record = records.find((r) => r.id === ref) ?? records.find((r) => r.name.toLowerCase() === name)
  if (!record) {
    throw new KeyfrontError(
      'KEY_NOT_FOUND',
      'Keyfront has no key with that name or id. List the keys to see their names.',
    )
  }
  return record
}

export function checkName(name: string, records: KeyRecord[], exceptId?: string): string {
  const trimmed = name.trim()
  if (!trimmed || trimmed.length > KEY_NAME_MAX || /\p{Cc}/u.test(trimmed)) {
    throw new KeyfrontError(
      'INVALID_INPUT',
      `Give the key a name of 1 to ${KEY_NAME_MAX} characters, on one line.`,
    )
  }
  const clash = records.find((r) => r.id !== exceptId && r.name.toLowerCase() === trimmed.toLowerCase())
  if (clash) {
    throw new KeyfrontError(
      'KEY_NAME_TAKEN',
      `A key named "${clash.name}" already exists. Choose another name.`,
    )
  }
  return trimmed
}

/** Exported so the app can refuse a short passphrase before it shows a save dialog. */
export function checkExportPassphrase(passphrase: string): void {
  if (passphrase.length < EXPORT_PASSPHRASE_MIN) {
    throw new KeyfrontError(
      'INVALID_INPUT',
      `Choose a passphrase of at least ${EXPORT_PASSPHRASE_MIN} characters: it is all that protects the exported key.`,
    )
  }
}
