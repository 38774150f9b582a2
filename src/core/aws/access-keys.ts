// Access keys the user added in Keyfront ("add an access key"), for people without an AWS CLI
// setup. The secret goes to the OS keychain (account `aws:<name>`); aws-access-keys.json in the data
// dir holds only the name, the access key id and the region — never the secret. Secret and entry
// change together under the file's lock, ordered so that a failure leaves nothing unlisted in the
// keychain and a retry finishes.
import { join } from 'node:path'
import { z } from 'zod'
import { KeyfrontError } from '../../shared/errors.ts'
import { JsonFile } from '../json-file.ts'
import type { Keychain } from '../keychain/keychain.ts'

const StoredAccessKey = z.object({
  name: z.string(),
  accessKeyId: z.string(),
  region: z.string().optional(),
  addedAt: z.number(),
  /** Set, durably, before removing it takes the secret from the keychain (see remove). */
  removing: z.literal(true).optional(),
})
export type StoredAccessKey = z.infer<typeof StoredAccessKey>

const StoreFile = z.object({ version: z.literal(1), accessKeys: z.array(StoredAccessKey) })

export const ACCESS_KEYS_FILE = 'aws-access-keys.json'

export function keychainAccount(name: string): string {
  return `aws:${name}`
}

export class AccessKeyStore {
  readonly #file: JsonFile<z.infer<typeof StoreFile>>
  readonly #keychain: Keychain

  constructor(dataDir: string, keychain: Keychain) {
    this.#file = new JsonFile(join(dataDir, ACCESS_KEYS_FILE), StoreFile, { version: 1, accessKeys: [] })
    this.#keychain = keychain
  }

  async list(): Promise<StoredAccessKey[]> {
    return (await this.#file.read()).accessKeys
  }

  /**
   * Keychain first: if it refuses, nothing is listed that could not be used. If the list then
   * cannot be saved, the keychain gets back what it held before (the secret of a replaced entry).
   */
  async add(entry: StoredAccessKey, secretAccessKey: string): Promise<void> {
    const account = keychainAccount(entry.name)
    let previous: string | null | undefined
    try {
      await this.#file.update(async ({ accessKeys }) => {
        previous = await this.#keychain.get(account)
        await this.#keychain.set(account, secretAccessKey)
        const others = accessKeys.filter((stored) => stored.name !== entry.name)
        return { write: { version: 1 as const, accessKeys: [...others, entry] }, result: undefined }
      })
    } catch (error) {
      if (previous !== undefined) {
        const restore =
          previous === null ? this.#keychain.delete(account) : this.#keychain.set(account, previous)
        await restore.catch(() => undefined)
      }
      throw error
    }
  }

  /**
   * Mark, take the secret, drop the entry: a full disk fails the mark with nothing changed, a
   * locked keychain leaves the entry listed and usable, and removing again finishes either way.
   */
  async remove(name: string): Promise<boolean> {
    const found = await this.#file.update(({ accessKeys }) => {
      if (!accessKeys.some((entry) => entry.name === name)) return { result: false }
      const marked = accessKeys.map((entry): StoredAccessKey =>
        entry.name === name ? { ...entry, removing: true } : entry,
      )
      return { write: { version: 1 as const, accessKeys: marked }, result: true }
    })
    if (!found) return false
    await this.#keychain.delete(keychainAccount(name))
    await this.#file.update(({ accessKeys }) => ({
      write: { version: 1 as const, accessKeys: accessKeys.filter((entry) => entry.name !== name) },
      result: undefined,
    }))
    return true
  }

  async secret(name: string): Promise<string> {
    const secret = await this.#keychain.get(keychainAccount(name))
    if (secret === null && (await this.list()).some((entry) => entry.name === name && entry.removing)) {
      throw new KeyfrontError(
        'KEYCHAIN_ENTRY_MISSING',
        `Removing access key "${name}" did not finish: its secret is already gone from your keychain. Remove it again to finish.`,
      )
    }
    if (secret === null) {
      throw new KeyfrontError(
        'KEYCHAIN_ENTRY_MISSING',
        `The secret of access key "${name}" is no longer in your keychain. Remove the access key in Keyfront and add it again.`,
      )
    }
    return secret
  }
}
