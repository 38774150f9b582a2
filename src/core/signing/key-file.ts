// A signing key read from a PEM file (`keyfront sign --key-file PEM --key-pair-id ID`, with
// --passphrase-env VAR when the file is encrypted), for keys Keyfront does not hold. Read with the
// key store's own reader, so the same keys are accepted and refused with the same messages — a
// legacy key pair's (`APKA…`) RSA 1024 or 4096 key included. The key lives in memory for this one
// command.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto'
import { basename } from 'node:path'
import { KEY_PAIR_ID_PATTERN } from '../../shared/contract/key-facts.ts'
import { KeyfrontError, isKeyfrontError } from '../../shared/errors.ts'
import { readKeyFileText } from '../keys/key-file-text.ts'
import { keyTypeOf, readPrivateKey, rsaBitsOf } from '../keys/key-material.ts'
import { checkKeyPairIdKind } from '../keys/key-records.ts'
import type { LocalSigningKey, SigningKey } from '../keys/signing-key.ts'

/** History records a key-file key as this prefix and its fingerprint's first 32 hex digits. */
const KEY_FILE_ID_PREFIX = 'file:'

export function isKeyFileId(keyId: string): boolean {
  return keyId.startsWith(KEY_FILE_ID_PREFIX)
}

/**
 * The held key a history entry's key id names: that key, or — for a key file — the key imported
 * since with the same fingerprint, so its links can be made again.
 */
export function heldKeyFor<K extends { id: string; fingerprint: string }>(
  keyId: string,
  keys: readonly K[],
): K | undefined {
  if (!isKeyFileId(keyId)) return keys.find((key) => key.id === keyId)
  const print = keyId.slice(KEY_FILE_ID_PREFIX.length)
  return keys.find((key) => key.fingerprint.replaceAll(':', '').toLowerCase().startsWith(print))
}

export async function loadKeyFile(path: string, keyPairId: string, passphrase?: string): Promise<SigningKey> {
  const id = keyPairId.trim()
  if (!KEY_PAIR_ID_PATTERN.test(id)) {
    throw new KeyfrontError(
      'KEY_PAIR_ID_INVALID',
      `"${id.slice(0, 40)}" is not a CloudFront Key-Pair-Id: those are "K" and 13 capital letters or digits, like K2JCJMDEHXQW5F (CloudFront console → Public keys → ID), or "APKA" and 16 for a legacy key pair.`,
    )
  }
  let text: string
  try {
    text = await readKeyFileText(path)
  } catch (error) {
    if (isKeyfrontError(error)) throw error
    throw new KeyfrontError(
      'KEY_FILE_NOT_FOUND',
      `Keyfront cannot read the key file ${path}. Check the path and that you may read it.`,
    )
  }
  return readPrivateKeyChecked(text, path, id, passphrase)
}

function readPrivateKeyChecked(
  text: string,
  path: string,
  keyPairId: string,
  passphrase: string | undefined,
): LocalSigningKey {
  let privateKey: KeyObject
  try {
    privateKey = readPrivateKey(text, passphrase, { legacySizes: true })
  } catch (error) {
    if (isKeyfrontError(error) && error.code === 'KEY_PASSPHRASE_REQUIRED') {
      throw new KeyfrontError(
        'KEY_PASSPHRASE_REQUIRED',
        `${path} is protected by a passphrase. Put the passphrase in an environment variable and name it with --passphrase-env VAR (or import the key once with "keyfront keys import" and sign with --key NAME).`,
      )
    }
    throw error
  }
  checkKeyPairIdKind(keyPairId, keyTypeOf(privateKey), rsaBitsOf(privateKey))
  const publicKey = createPublicKey(privateKey)
  const print = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
  return {
    // Not a held key: recorded in the history under the file's key fingerprint.
    id: `${KEY_FILE_ID_PREFIX}${print.slice(0, 32)}`,
    name: basename(path),
    type: keyTypeOf(privateKey),
    keyPairId,
    custody: 'keychain',
    privateKey,
    publicKey,
  }
}
