// What the rest of core needs from the key store, as small interfaces: signing needs a parsed
// private key, or — for a key held by AWS KMS — a way to have KMS sign; CloudFront onboarding needs the public key and a place to record its Key-Pair-Id.
// KeyService implements both. A loaded private key exists only in memory, inside core.
import type { KeyObject } from 'node:crypto'
import type { KeySummary, KeyType, KeyUpload } from '../../shared/contract/keys.ts'

interface SigningKeyFacts {
  id: string
  name: string
  type: KeyType
  /** The Key-Pair-Id links are signed with, if the public key has been uploaded (or set by hand). */
  keyPairId: string | undefined
  publicKey: KeyObject
}

/** A key whose private half this process holds (from the keychain, or a key file). */
export interface LocalSigningKey extends SigningKeyFacts {
  custody: 'keychain'
  /** Parsed once, then reused for every signature of a batch. */
  privateKey: KeyObject
}

/**
 * Signs the exact bytes of a policy where the private key is (AWS KMS), with SHA-256: the
 * signature as CloudFront reads it (PKCS#1 v1.5 for RSA, DER for ECDSA).
 */
export type RemoteSign = (policy: Buffer, signal?: AbortSignal) => Promise<Buffer>

/** A key held by AWS KMS: nothing private here, only the way to ask KMS for a signature. */
export interface KmsSigningKey extends SigningKeyFacts {
  custody: 'kms'
  sign: RemoteSign
}

export type SigningKey = LocalSigningKey | KmsSigningKey

/** Signing's view of the key store. `ref` is a key's id or name. */
export interface SigningKeySource {
  list(): Promise<KeySummary[]>
  /** Reads the keychain once. KEY_NOT_FOUND / KEYCHAIN_* errors as documented. */
  loadSigningKey(ref: string): Promise<SigningKey>
}

/** CloudFront onboarding's view of the key store. */
export interface KeyDirectory {
  list(): Promise<KeySummary[]>
  find(ref: string): Promise<KeySummary>
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`), exactly what CreatePublicKey wants. */
  publicKeyPem(ref: string): Promise<string>
  /** Records that the public key is known to CloudFront under this Key-Pair-Id. */
  recordUpload(ref: string, upload: Omit<KeyUpload, 'recordedAt'>): Promise<KeySummary>
}
