// The account's CloudFront public keys, and uploading a key Keyfront holds. Keys are matched by
// the fingerprint of their SPKI (not by PEM text, whose line breaks vary), so an identical key
// already in the account is reused, and CreatePublicKey's CallerReference is derived from the
// fingerprint so that a retried upload can never create a second copy.
import { createPublicKey } from 'node:crypto'
import type { PublicKeySummary } from '@aws-sdk/client-cloudfront'
import type { PublicKeyInfo } from '../../shared/contract/cloudfront.ts'
import type { KeySummary } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { fingerprint } from '../keys/key-material.ts'
import { retryOnceIfStale, type CloudFrontApi } from './api.ts'

/** Fingerprint of a PEM public key (see `fingerprint`); undefined when CloudFront holds something unreadable. */
export function pemFingerprint(pem: string): string | undefined {
  try {
    return fingerprint(createPublicKey(pem))
  } catch {
    return undefined
  }
}

export function callerReference(keyFingerprint: string): string {
  return `keyfront-${keyFingerprint.replaceAll(':', '').slice(0, 32).toLowerCase()}`
}

/** CloudFront names allow letters, digits, - and _ (≤ 128); the fingerprint keeps names unique. */
export function publicKeyName(key: Pick<KeySummary, 'name' | 'fingerprint'>): string {
  const base =
    key.name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'key'
  return `${base}-${key.fingerprint.replaceAll(':', '').slice(0, 8)}`
}

export function describePublicKeys(summaries: PublicKeySummary[], held: KeySummary[]): PublicKeyInfo[] {
  return summaries.map((summary) => {
    const info: PublicKeyInfo = { id: summary.Id ?? '', name: summary.Name ?? '' }
    if (summary.Comment) info.comment = summary.Comment
    if (summary.CreatedTime) info.createdAt = new Date(summary.CreatedTime).getTime()
    const keyFingerprint = summary.EncodedKey ? pemFingerprint(summary.EncodedKey) : undefined
    if (keyFingerprint) {
      info.fingerprint = keyFingerprint
      const mine = held.find((key) => key.fingerprint === keyFingerprint)
      if (mine) info.heldKey = { id: mine.id, name: mine.name }
    }
    return info
  })
}

export function findByFingerprint(
  summaries: PublicKeySummary[],
  keyFingerprint: string,
): PublicKeySummary | undefined {
  return summaries.find(
    (summary) => summary.EncodedKey && pemFingerprint(summary.EncodedKey) === keyFingerprint,
  )
}

export interface EnsuredPublicKey {
  id: string
  name: string
  reused: boolean
}

/** Uploads the key unless CloudFront already has it; either way returns its public key id. */
export async function ensurePublicKey(
  api: CloudFrontApi,
  key: KeySummary,
  pem: string,
): Promise<EnsuredPublicKey> {
  if (key.rsaBits !== undefined) {
    throw new KeyfrontError(
      'KEY_WRONG_SIZE',
      `"${key.name}" is an RSA ${key.rsaBits} legacy key pair, and CloudFront key groups take RSA 2048 or ECDSA P-256 keys only. Create a new key for key groups.`,
    )
  }
  const existing = findByFingerprint(await api.listPublicKeys(), key.fingerprint)
  if (existing?.Id) return { id: existing.Id, name: existing.Name ?? '', reused: true }
  const name = publicKeyName(key)
  try {
    const created = await api.createPublicKey({
      CallerReference: callerReference(key.fingerprint),
      Name: name,
      EncodedKey: pem,
      Comment: `Uploaded by Keyfront for key "${key.name}"`.slice(0, 128),
    })
    return { id: created.Id ?? '', name, reused: false }
  } catch (error) {
    // A retry whose first attempt did reach CloudFront: the key is there now under our reference.
    if (error instanceof KeyfrontError && error.code === 'CF_PUBLIC_KEY_EXISTS') {
      const uploaded = findByFingerprint(await api.listPublicKeys(), key.fingerprint)
      if (uploaded?.Id) return { id: uploaded.Id, name: uploaded.Name ?? name, reused: true }
    }
    throw error
  }
}

/**
 * Deletes a public key from CloudFront: GetPublicKey for its ETag, DeletePublicKey with If-Match,
 * read again once if it changed in between. False when it was already gone (a retry whose first
 * attempt did it). CloudFront refuses while a key group still holds it.
 */
export async function deletePublicKey(api: CloudFrontApi, id: string): Promise<boolean> {
  try {
    return await retryOnceIfStale(async () => {
      const { etag } = await api.getPublicKey(id)
      await api.deletePublicKey(id, etag)
      return true
    })
  } catch (error) {
    if (error instanceof KeyfrontError && error.code === 'CF_NO_SUCH_PUBLIC_KEY') return false
    throw error
  }
}
