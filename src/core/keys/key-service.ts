// The key store: the signing keys Keyfront holds. Private halves live only in the OS keychain
// (account = key id, value = PKCS#8 DER base64) — or, for a team key, only in AWS KMS, which
// keys.json names (ARN, region, profile); everything else lives in keys.json. Serves signing
// (SigningKeySource), CloudFront onboarding (KeyDirectory) and the Keys screen and CLI commands.
// A keychain entry and its record change together under keys.json's lock, ordered so that a
// failure half-way never leaves a private key nobody lists, and a retry always finishes.
import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto'
import {
  KEY_PAIR_ID_PATTERN,
  type KeyDeleted,
  type KeyDetails,
  type KeySummary,
  type KeyType,
  type KeyUpload,
  type KmsKeyRef,
} from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { Clock } from '../clock.ts'
import type { Keychain } from '../keychain/keychain.ts'
import { writeOutputFile } from '../output-file.ts'
import { KeyMetadataFile, type KeyLifecycle, type KeyRecord } from './key-file.ts'
import {
  checkExportPassphrase,
  checkKeyPairIdKind,
  checkName,
  currentKeyPairId,
  findRecord,
  rsaBitsOfRecord,
  toSummary,
} from './key-records.ts'
import {
  encryptedPkcs8Pem,
  fingerprint,
  fromKeychainValue,
  generatePrivateKey,
  keyTypeOf,
  readPrivateKey,
  rsaBitsOf,
  spkiDer,
  spkiPem,
  toKeychainValue,
} from './key-material.ts'
import type { KeyDirectory, RemoteSign, SigningKey, SigningKeySource } from './signing-key.ts'

/** How a key held by AWS KMS signs; loaded with the AWS SDK only when such a key is used. */
export type KmsSigning = (ref: KmsKeyRef, type: KeyType) => Promise<RemoteSign>

/**
 * Makes a key in AWS KMS for `createReplacement`, where the key it replaces is kept (region and
 * profile of its record); gives what is needed to list it. Injected per call by the caller that
 * has AWS (the key lifecycle), so the key store itself never loads the AWS SDK.
 */
export type MakeKmsKey = (request: {
  name: string
  type: KeyType
  region: string
  profile?: string | undefined
}) => Promise<{ arn: string; publicKeyDer: Buffer }>

export interface KeyServiceDeps {
  dataDir: string
  keychain: Keychain
  clock: Clock
  kms?: KmsSigning
}

/** Ids CloudFront's API hands back; looser than KEY_PAIR_ID_PATTERN, which checks ids typed by hand. */
const API_KEY_PAIR_ID = /^[A-Z0-9]{1,128}$/

export class KeyService implements SigningKeySource, KeyDirectory {
  readonly #file: KeyMetadataFile
  readonly #keychain: Keychain
  readonly #clock: Clock
  readonly #kms: KmsSigning | undefined

  constructor(deps: KeyServiceDeps) {
    this.#file = new KeyMetadataFile(deps.dataDir)
    this.#keychain = deps.keychain
    this.#clock = deps.clock
    this.#kms = deps.kms
  }

  async list(): Promise<KeySummary[]> {
    return (await this.#file.read()).map(toSummary)
  }

  async find(ref: string): Promise<KeySummary> {
    return toSummary(findRecord(await this.#file.read(), ref))
  }

  async show(ref: string): Promise<KeyDetails> {
    const record = findRecord(await this.#file.read(), ref)
    return { ...toSummary(record), publicKeyPem: publicKeyPemOf(record) }
  }

  async publicKeyPem(ref: string): Promise<string> {
    return publicKeyPemOf(findRecord(await this.#file.read(), ref))
  }

  async loadSigningKey(ref: string): Promise<SigningKey> {
    const record = findRecord(await this.#file.read(), ref)
    const facts = { id: record.id, name: record.name, type: record.type, keyPairId: currentKeyPairId(record) }
    if (record.kms) {
      if (!this.#kms) throw new KeyfrontError('INTERNAL', 'Signing with KMS keys is not set up here.')
      return {
        ...facts,
        custody: 'kms',
        sign: await this.#kms(record.kms, record.type),
        publicKey: createPublicKey({
          key: Buffer.from(record.publicKey, 'base64'),
          format: 'der',
          type: 'spki',
        }),
      }
    }
    const privateKey = await this.#privateKey(record)
    return { ...facts, custody: 'keychain', privateKey, publicKey: createPublicKey(privateKey) }
  }

  /**
   * Lists a key held by AWS KMS: its public key and where it is, nothing secret — the keychain
   * holds nothing for it. Refused like an import when the name is taken or the key is held already.
   */
  async addKms(request: { name: string; kms: KmsKeyRef; publicKeyDer: Buffer }): Promise<KeySummary> {
    return this.#listKms(request)
  }

  /** The name, trimmed, when a new key may take it: checked before anything is made elsewhere (KMS). */
  async checkNewName(name: string): Promise<string> {
    return checkName(name, await this.#file.read())
  }

  async create(request: { name: string; type: KeyType }): Promise<KeySummary> {
    checkName(request.name, await this.#file.read())
    const privateKey = await generatePrivateKey(request.type)
    return this.#add(request.name, privateKey, [])
  }

  /**
   * With a Key-Pair-Id, the key is stored with it in one step: both, or neither when either is
   * refused. A legacy key pair (`APKA…`) may be RSA 1024, 2048 or 4096; it is listed as legacy.
   */
  async import(request: {
    name: string
    pem: string
    passphrase?: string
    keyPairId?: string
  }): Promise<KeySummary> {
    checkName(request.name, await this.#file.read())
    const keyPairId = request.keyPairId === undefined ? undefined : checkTypedKeyPairId(request.keyPairId)
    const privateKey = readPrivateKey(request.pem, request.passphrase, {
      legacySizes: keyPairId !== undefined,
    })
    if (keyPairId !== undefined) checkKeyPairIdKind(keyPairId, keyTypeOf(privateKey), rsaBitsOf(privateKey))
    const uploads = keyPairId === undefined ? [] : [{ keyPairId, recordedAt: this.#clock.now() }]
    return this.#add(request.name, privateKey, uploads, (records) => {
      const print = fingerprint(privateKey)
      const held = records.find((record) => record.fingerprint === print)
      if (held) {
        throw new KeyfrontError(
          'KEY_ALREADY_HELD',
          `Keyfront already holds this key, as "${held.name}" (same fingerprint). Use that key instead of importing it again.`,
        )
      }
      if (keyPairId !== undefined) checkKeyPairIdFree(records, keyPairId)
    })
  }

  async rename(ref: string, name: string): Promise<KeySummary> {
    return this.#file.update((records) => {
      const record = findRecord(records, ref)
      const renamed = { ...record, name: checkName(name, records, record.id) }
      return { write: records.map((r) => (r.id === record.id ? renamed : r)), result: toSummary(renamed) }
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

  /**
   * Three steps, each leaving a state that deleting again finishes: the record is marked (proof
   * that keys.json can be written — on a full disk nothing has changed yet), the private key leaves
   * the keychain (a locked keychain refuses: the key stays listed and usable), the record goes.
   */
  async delete(ref: string): Promise<KeyDeleted> {
    const record = await this.#file.update((records) => {
      const found = findRecord(records, ref)
      return {
        write: records.map((r): KeyRecord => (r.id === found.id ? { ...r, deleting: true } : r)),
        result: found,
      }
    })
    // A KMS key is only forgotten here: it stays in KMS (deleting it there is a separate step).
    if (!record.kms) await this.#keychain.delete(record.id)
    await this.#file.update((records) => ({ write: records.filter((r) => r.id !== record.id), result: null }))
    const keyPairIds = [...new Set(record.uploads.map((upload) => upload.keyPairId))]
    return {
      name: record.name,
      wasUploaded: keyPairIds.length > 0,
      keyPairIds,
      ...(record.kms && { kms: record.kms }),
    }
  }

  /** Every key with what keys.json records of its life after it was made (replacement, retiring). */
  async lifecycles(): Promise<{ key: KeySummary; lifecycle: KeyLifecycle }[]> {
    return (await this.#file.read()).map((record) => ({
      key: toSummary(record),
      lifecycle: record.lifecycle ?? {},
    }))
  }

  /**
   * The key that replaces `oldRef`: the one an earlier run made (recorded on the old key), or a new
   * one — listed and recorded as the replacement in the same write, so a run that fails after this
   * step finds it again instead of making a second key. A key kept in AWS KMS is replaced by a key
   * made in KMS (`makeKms`), in its region and with its profile; any other, by one in the keychain.
   */
  async createReplacement(
    oldRef: string,
    request: { name: string; type: KeyType },
    makeKms?: MakeKmsKey,
  ): Promise<{ key: KeySummary; created: boolean }> {
    const records = await this.#file.read()
    const recorded = replacementOf(records, oldRef)
    if (recorded) return { key: toSummary(recorded), created: false }
    let oldId = ''
    const check = (list: KeyRecord[]): void => {
      oldId = findRecord(list, oldRef).id
      const made = replacementOf(list, oldRef)
      if (made) {
        throw new KeyfrontError(
          'KEY_ALREADY_HELD',
          `Another run has just made "${made.name}" to replace this key. Run the same command again to continue with it.`,
        )
      }
    }
    const place = (list: KeyRecord[], record: KeyRecord): KeyRecord[] => [
      ...list.map((r) =>
        r.id === oldId ? { ...r, lifecycle: { ...r.lifecycle, replacedBy: record.id } } : r,
      ),
      record,
    ]
    const where = findRecord(records, oldRef).kms
    if (where) {
      if (!makeKms) throw new KeyfrontError('INTERNAL', 'Making keys in AWS KMS is not set up here.')
      const name = checkName(request.name, records)
      const made = await makeKms({ name, type: request.type, region: where.region, profile: where.profile })
      const kms: KmsKeyRef = {
        arn: made.arn,
        region: where.region,
        ...(where.profile !== undefined && { profile: where.profile }),
      }
      const key = await this.#listKms({ name, kms, publicKeyDer: made.publicKeyDer }, check, place)
      return { key, created: true }
    }
    const privateKey = await generatePrivateKey(request.type)
    return { key: await this.#add(request.name, privateKey, [], check, place), created: true }
  }

  /** Marks the key retiring (its replacement has taken over); false when it already was. */
  async markRetiring(ref: string): Promise<boolean> {
    return this.#changeLifecycle(ref, (lifecycle) =>
      lifecycle.retiringSince === undefined ? { ...lifecycle, retiringSince: this.#clock.now() } : undefined,
    )
  }

  /** Records that the user was told the key can be retired. */
  async markReminded(ref: string): Promise<void> {
    await this.#changeLifecycle(ref, (lifecycle) => ({ ...lifecycle, remindedAt: this.#clock.now() }))
  }

  /**
   * After its public keys were deleted from CloudFront: forgets those Key-Pair-Ids and the
   * retirement (the key, if kept, is simply not uploaded any more).
   */
  async recordRetired(ref: string, keyPairIds: string[]): Promise<KeySummary> {
    return this.#file.update((records) => {
      const record = findRecord(records, ref)
      const { lifecycle: _done, ...rest } = record
      const updated: KeyRecord = {
        ...rest,
        uploads: record.uploads.filter((u) => !keyPairIds.includes(u.keyPairId)),
      }
      return { write: records.map((r) => (r.id === record.id ? updated : r)), result: toSummary(updated) }
    })
  }

  /** The key, when its private half can be exported (one in AWS KMS cannot): asked before a save dialog. */
  async findExportable(ref: string): Promise<KeySummary> {
    return toSummary(checkExportable(findRecord(await this.#file.read(), ref)))
  }

  /**
   * Writes the private key, encrypted with the passphrase, to `path` — readable by the owner only.
   * An existing file is replaced only with `replace` (a save dialog asked, or `--force`).
   */
  async exportPrivateKey(
    ref: string,
    passphrase: string,
    path: string,
    options: { replace: boolean },
  ): Promise<void> {
    const record = checkExportable(findRecord(await this.#file.read(), ref))
    checkExportPassphrase(passphrase)
    const pem = encryptedPkcs8Pem(await this.#privateKey(record), passphrase)
    await writeOutputFile(path, options, (out) => out.write(pem))
  }

  /**
   * Stores the private key and lists it, under keys.json's lock so that no other writer slips in
   * between: `check` and the name are judged on the list the record joins.
   */
  async #add(
    name: string,
    privateKey: KeyObject,
    uploads: KeyUpload[],
    check: (records: KeyRecord[]) => void = () => undefined,
    place: (records: KeyRecord[], record: KeyRecord) => KeyRecord[] = (records, record) => [
      ...records,
      record,
    ],
  ): Promise<KeySummary> {
    const id = randomUUID()
    let stored = false
    try {
      return await this.#file.update(async (records) => {
        check(records)
        const record: KeyRecord = {
          id,
          name: checkName(name, records),
          type: keyTypeOf(privateKey),
          fingerprint: fingerprint(privateKey),
          createdAt: this.#clock.now(),
          publicKey: spkiDer(privateKey).toString('base64'),
          uploads,
        }
        await this.#keychain.set(id, toKeychainValue(privateKey))
        stored = true
        return { write: place(records, record), result: toSummary(record) }
      })
    } catch (error) {
      // Not listed, so not kept: a private key nobody can see must not stay in the keychain.
      if (stored) await this.#keychain.delete(id).catch(() => false)
      throw error
    }
  }

  /** addKms, with what a replacement adds: `check` and `place` as for #add. */
  async #listKms(
    request: { name: string; kms: KmsKeyRef; publicKeyDer: Buffer },
    check: (records: KeyRecord[]) => void = () => undefined,
    place: (records: KeyRecord[], record: KeyRecord) => KeyRecord[] = (records, record) => [
      ...records,
      record,
    ],
  ): Promise<KeySummary> {
    const publicKey = createPublicKey({ key: request.publicKeyDer, format: 'der', type: 'spki' })
    const print = fingerprint(publicKey)
    return this.#file.update((records) => {
      check(records)
      const held = records.find((record) => record.fingerprint === print)
      if (held) {
        throw new KeyfrontError(
          'KEY_ALREADY_HELD',
          `Keyfront already holds this key, as "${held.name}" (same fingerprint). Use that key instead of adding it again.`,
        )
      }
      const record: KeyRecord = {
        id: randomUUID(),
        name: checkName(request.name, records),
        type: keyTypeOf(publicKey),
        fingerprint: print,
        createdAt: this.#clock.now(),
        publicKey: spkiDer(publicKey).toString('base64'),
        uploads: [],
        kms: request.kms,
      }
      return { write: place(records, record), result: toSummary(record) }
    })
  }

  async #addUpload(ref: string, upload: Omit<KeyUpload, 'recordedAt'>, byHand: boolean): Promise<KeySummary> {
    return this.#file.update((records) => {
      const record = findRecord(records, ref)
      checkKeyPairIdKind(upload.keyPairId, record.type, rsaBitsOfRecord(record))
      if (byHand) checkKeyPairIdFree(records, upload.keyPairId, record.id)
      const entry: KeyUpload = { ...upload, recordedAt: this.#clock.now() }
      const updated = {
        ...record,
        uploads: [...record.uploads.filter((u) => u.keyPairId !== upload.keyPairId), entry],
      }
      return { write: records.map((r) => (r.id === record.id ? updated : r)), result: toSummary(updated) }
    })
  }

  /** `change` returns the new lifecycle, or undefined to leave it; true when it was changed. */
  async #changeLifecycle(
    ref: string,
    change: (lifecycle: KeyLifecycle) => KeyLifecycle | undefined,
  ): Promise<boolean> {
    return this.#file.update((records) => {
      const record = findRecord(records, ref)
      const lifecycle = change(record.lifecycle ?? {})
      if (lifecycle === undefined) return { result: false }
      return { write: records.map((r) => (r.id === record.id ? { ...r, lifecycle } : r)), result: true }
    })
  }

  async #privateKey(record: KeyRecord): Promise<KeyObject> {
    const value = await this.#keychain.get(record.id)
    if (value === null && record.deleting) {
      throw new KeyfrontError(
        'KEYCHAIN_ENTRY_MISSING',
        `Deleting "${record.name}" did not finish: its private key is already gone from the OS keychain. Delete "${record.name}" again to finish.`,
      )
    }
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
}

function checkExportable(record: KeyRecord): KeyRecord {
  if (!record.kms) return record
  throw new KeyfrontError(
    'KEY_NOT_EXPORTABLE',
    `"${record.name}" is kept in AWS KMS, and its private key never leaves KMS: there is nothing to export. A colleague adds the same key by its ARN (${record.kms.arn}) instead.`,
  )
}

/** The replacement recorded on the old key, if that key still exists. */
function replacementOf(records: KeyRecord[], oldRef: string): KeyRecord | undefined {
  const replacedBy = findRecord(records, oldRef).lifecycle?.replacedBy
  return replacedBy === undefined ? undefined : records.find((r) => r.id === replacedBy)
}

/** The recorded public key as PEM; a record whose key does not parse was changed outside Keyfront. */
function publicKeyPemOf(record: KeyRecord): string {
  try {
    return spkiPem(record.publicKey)
  } catch {
    throw new KeyfrontError(
      'KEY_METADATA_UNREADABLE',
      `The public key Keyfront recorded for "${record.name}" in keys.json is damaged. Restore keys.json from a backup, or export "${record.name}", delete it and import the exported file.`,
    )
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
      'A Key-Pair-Id is "K" followed by 13 capital letters or digits, like K2JCJMDEHXQW5F (CloudFront console, Public keys, column ID) — or, for a legacy key pair, "APKA" and 16 more, like APKAEIBAERJR2EXAMPLE.',
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
