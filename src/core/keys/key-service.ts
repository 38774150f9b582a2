// The key store: the signing keys Keyfront holds. Private halves live only in the OS keychain
// (account = key id, value = PKCS#8 DER base64); everything else lives in keys.json. Serves signing
// (SigningKeySource), CloudFront onboarding (KeyDirectory) and the Keys screen and CLI commands.
import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto'
import { open } from 'node:fs/promises'
import {
  KEY_PAIR_ID_PATTERN,
  type KeyDeleted,
  type KeyDetails,
  type KeySummary,
  type KeyType,
  type KeyUpload,
} from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { Clock } from '../clock.ts'
import type { Keychain } from '../keychain/keychain.ts'
import { KeyMetadataFile, type KeyRecord } from './key-file.ts'
import { checkExportPassphrase, checkName, currentKeyPairId, findRecord, toSummary } from './key-records.ts'
import {
  encryptedPkcs8Pem,
  fingerprint,
  fromKeychainValue,
  generatePrivateKey,
  keyTypeOf,
  readPrivateKey,
  spkiDer,
  spkiPem,
  toKeychainValue,
} from './key-material.ts'
import type { KeyDirectory, SigningKey, SigningKeySource } from './signing-key.ts'

export interface KeyServiceDeps {
  dataDir: string
  keychain: Keychain
  clock: Clock
}

/** Ids CloudFront's API hands back; looser than KEY_PAIR_ID_PATTERN, which checks ids typed by hand. */
const API_KEY_PAIR_ID = /^[A-Z0-9]{1,128}$/

export class KeyService implements SigningKeySource, KeyDirectory {
  readonly #file: KeyMetadataFile
  readonly #keychain: Keychain
  readonly #clock: Clock
  /** Changes to keys.json run one at a time (read, change, write), in call order. */
  #tail: Promise<unknown> = Promise.resolve()

  constructor(deps: KeyServiceDeps) {
    this.#file = new KeyMetadataFile(deps.dataDir)
    this.#keychain = deps.keychain
    this.#clock = deps.clock
  }

  async list(): Promise<KeySummary[]> {
    return (await this.#file.read()).map(toSummary)
  }

  async find(ref: string): Promise<KeySummary> {
    return toSummary(findRecord(await this.#file.read(), ref))
  }

  async show(ref: string): Promise<KeyDetails> {
    const record = findRecord(await this.#file.read(), ref)
    return { ...toSummary(record), publicKeyPem: spkiPem(record.publicKey) }
  }

  async publicKeyPem(ref: string): Promise<string> {
    return spkiPem(findRecord(await this.#file.read(), ref).publicKey)
  }

  async loadSigningKey(ref: string): Promise<SigningKey> {
    const record = findRecord(await this.#file.read(), ref)
    const privateKey = await this.#privateKey(record)
    return {
      id: record.id,
      name: record.name,
      type: record.type,
      keyPairId: currentKeyPairId(record),
      privateKey,
      publicKey: createPublicKey(privateKey),
    }
  }

  async create(request: { name: string; type: KeyType }): Promise<KeySummary> {
    checkName(request.name, await this.#file.read())
    const privateKey = await generatePrivateKey(request.type)
    return this.#exclusive(async (records) => this.#add(records, request.name, privateKey))
  }

  /** With a Key-Pair-Id, the key is stored with it in one step: both, or neither when either is refused. */
  async import(request: {
    name: string
    pem: string
    passphrase?: string
    keyPairId?: string
  }): Promise<KeySummary> {
    checkName(request.name, await this.#file.read())
    const keyPairId = request.keyPairId === undefined ? undefined : checkTypedKeyPairId(request.keyPairId)
    const privateKey = readPrivateKey(request.pem, request.passphrase)
    return this.#exclusive(async (records) => {
      const print = fingerprint(privateKey)
      const held = records.find((record) => record.fingerprint === print)
      if (held) {
        throw new KeyfrontError(
          'KEY_ALREADY_HELD',
          `Keyfront already holds this key, as "${held.name}" (same fingerprint). Use that key instead of importing it again.`,
        )
      }
      if (keyPairId !== undefined) checkKeyPairIdFree(records, keyPairId)
      const uploads = keyPairId === undefined ? [] : [{ keyPairId, recordedAt: this.#clock.now() }]
      return this.#add(records, request.name, privateKey, uploads)
    })
  }

  async rename(ref: string, name: string): Promise<KeySummary> {
    return this.#exclusive(async (records) => {
      const record = findRecord(records, ref)
      const renamed = { ...record, name: checkName(name, records, record.id) }
      await this.#file.write(records.map((r) => (r.id === record.id ? renamed : r)))
      return toSummary(renamed)
    })
  }

  /** Records a Key-Pair-Id typed by hand, for a public key uploaded outside Keyfront. */
  async setKeyPairId(ref: string, keyPairId: string): Promise<KeySummary> {
    return this.#addUpload(ref, { keyPairId: checkTypedKeyPairId(keyPairId) }, true)
  }

  async recordUpload(ref: string, upload: Omit<KeyUpload, 'recordedAt'>): Promise<KeySummary> {
    if (!API_KEY_PAIR_ID.test(upload.keyPairId)) {
      throw new KeyfrontError(
        'KEY_PAIR_ID_INVALID',
        'CloudFront returned a public key id Keyfront does not recognise.',
      )
    }
    return this.#addUpload(ref, upload, false)
  }

  /** Removes the keychain entry first: if the keychain refuses, the key stays listed and usable. */
  async delete(ref: string): Promise<KeyDeleted> {
    return this.#exclusive(async (records) => {
      const record = findRecord(records, ref)
      await this.#keychain.delete(record.id)
      await this.#file.write(records.filter((r) => r.id !== record.id))
      const keyPairIds = [...new Set(record.uploads.map((upload) => upload.keyPairId))]
      return { name: record.name, wasUploaded: keyPairIds.length > 0, keyPairIds }
    })
  }

  /** Writes the private key, encrypted with the passphrase, to `path` — readable by the owner only. */
  async exportPrivateKey(ref: string, passphrase: string, path: string): Promise<void> {
    checkExportPassphrase(passphrase)
    const record = findRecord(await this.#file.read(), ref)
    const pem = encryptedPkcs8Pem(await this.#privateKey(record), passphrase)
    try {
      const handle = await open(path, 'w', 0o600)
      try {
        // The file may have existed with wider permissions: narrow them before writing.
        await handle.chmod(0o600)
        await handle.writeFile(pem)
      } finally {
        await handle.close()
      }
    } catch (error) {
      throw new KeyfrontError(
        'FILE_UNWRITABLE',
        `Keyfront could not write the exported key to ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Choose a folder you can write to.`,
      )
    }
  }

  async #add(
    records: KeyRecord[],
    name: string,
    privateKey: KeyObject,
    uploads: KeyUpload[] = [],
  ): Promise<KeySummary> {
    const record: KeyRecord = {
      id: randomUUID(),
      name: checkName(name, records),
      type: keyTypeOf(privateKey),
      fingerprint: fingerprint(privateKey),
      createdAt: this.#clock.now(),
      publicKey: spkiDer(privateKey).toString('base64'),
      uploads,
    }
    await this.#keychain.set(record.id, toKeychainValue(privateKey))
    try {
      await this.#file.write([...records, record])
    } catch (error) {
      // No metadata, no key: do not leave an orphan secret in the keychain.
      await this.#keychain.delete(record.id).catch(() => false)
      throw error
    }
    return toSummary(record)
  }

  async #addUpload(ref: string, upload: Omit<KeyUpload, 'recordedAt'>, byHand: boolean): Promise<KeySummary> {
    return this.#exclusive(async (records) => {
      const record = findRecord(records, ref)
      if (byHand) checkKeyPairIdFree(records, upload.keyPairId, record.id)
      const entry: KeyUpload = { ...upload, recordedAt: this.#clock.now() }
      const updated = {
        ...record,
        uploads: [...record.uploads.filter((u) => u.keyPairId !== upload.keyPairId), entry],
      }
      await this.#file.write(records.map((r) => (r.id === record.id ? updated : r)))
      return toSummary(updated)
    })
  }

  async #privateKey(record: KeyRecord): Promise<KeyObject> {
    const value = await this.#keychain.get(record.id)
    if (value === null) {
      throw new KeyfrontError(
        'KEYCHAIN_ENTRY_MISSING',
        `The private key of "${record.name}" is no longer in the OS keychain (it was removed there). Delete "${record.name}" from Keyfront, then import your backup of it or create a new key.`,
      )
    }
    const key = parseKeychainValue(value)
    if (!key || fingerprint(key) !== record.fingerprint) {
      throw new KeyfrontError(
        'KEY_UNREADABLE',
        `The keychain entry of "${record.name}" does not hold the key Keyfront recorded (it was changed outside Keyfront). Delete "${record.name}" and import your backup of it.`,
      )
    }
    return key
  }

  /** Runs a read-change-write of keys.json after every earlier one. */
  #exclusive<T>(work: (records: KeyRecord[]) => Promise<T>): Promise<T> {
    const run = this.#tail.then(async () => work(await this.#file.read()))
    this.#tail = run.catch(() => undefined)
    return run
  }
}

function parseKeychainValue(value: string): KeyObject | undefined {
  try {
    return fromKeychainValue(value)
  } catch {
    return undefined
  }
}

/** A Key-Pair-Id typed by hand, trimmed, or why it cannot be one. */
function checkTypedKeyPairId(keyPairId: string): string {
  const id = keyPairId.trim()
  if (!KEY_PAIR_ID_PATTERN.test(id)) {
    throw new KeyfrontError(
      'KEY_PAIR_ID_INVALID',
      'A Key-Pair-Id is "K" followed by 13 capital letters or digits, like K2JCJMDEHXQW5F. Copy it from the CloudFront console (Public keys, column ID).',
    )
  }
  return id
}

/** A typed Key-Pair-Id must not already name another key: each CloudFront public key matches one key pair. */
function checkKeyPairIdFree(records: KeyRecord[], keyPairId: string, exceptId?: string): void {
  const other = records.find((r) => r.id !== exceptId && r.uploads.some((u) => u.keyPairId === keyPairId))
  if (other) {
    throw new KeyfrontError(
      'KEY_PAIR_ID_INVALID',
      `That Key-Pair-Id already belongs to the key "${other.name}". Each CloudFront public key matches one key pair.`,
    )
  }
}
