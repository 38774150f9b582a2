// A held key loaded for signing: the private key as a parsed KeyObject (parsed once, then reused
// for every signature of a batch). It exists only in memory, inside core, while signing.
import type { KeyObject } from 'node:crypto'
import type { KeyType } from '../../shared/contract/keys.ts'

export interface SigningKey {
  id: string
  name: string
  type: KeyType
  /** The Key-Pair-Id links are signed with, if the public key has been uploaded (or set by hand). */
  keyPairId: string | undefined
  privateKey: KeyObject
  publicKey: KeyObject
}

/** What signing needs from the key store. KeyService implements it. */
export interface SigningKeySource {
  loadSigningKey(ref: string): Promise<SigningKey>
}
