// How the Keys screen writes key facts: dates in the user's locale, fingerprints shortened for
// the table, uploads in words.
import type { KeySummary } from '../../../../shared/contract/keys.ts'

export function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** The first 8 bytes: enough to tell keys apart at a glance; the detail shows all 32. */
export function shortFingerprint(fingerprint: string): string {
  return `${fingerprint.slice(0, 23)}…`
}

export function uploadLabel(upload: KeySummary['uploads'][number]): string {
  return upload.accountId ? `${upload.keyPairId} (account ${upload.accountId})` : upload.keyPairId
}
