// The rules over key records, shared by every KeyService operation: finding a key by id or name,
// what a valid and free name is, what the renderer sees of a record, and which Key-Pair-Id signs.
import {
  EXPORT_PASSPHRASE_MIN,
  KEY_NAME_MAX,
  type KeySummary,
  type KeyUpload,
} from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { KeyRecord } from './key-file.ts'

export function toSummary(record: KeyRecord): KeySummary {
  return {
    id: record.id,
    name: record.name,
    type: record.type,
    fingerprint: record.fingerprint,
    createdAt: record.createdAt,
    keyPairId: currentKeyPairId(record),
    uploads: record.uploads,
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
