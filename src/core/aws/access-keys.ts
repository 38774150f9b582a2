// Access keys the user added in Keyfront ("add an access key"), for people without an AWS CLI
// setup. The secret goes to the OS keychain (account `aws:<name>`); aws-access-keys.json in the data
// dir holds only the name, the access key id and the region — never the secret.
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

  /** Keychain first: if it refuses, nothing is listed that could not be used. */
  async add(entry: StoredAccessKey, secretAccessKey: string): Promise<void> {
    await this.#keychain.set(keychainAccount(entry.name), secretAccessKey)
    const others = (await this.list()).filter((stored) => stored.name !== entry.name)
    await this.#file.write({ version: 1, accessKeys: [...others, entry] })
  }

  async remove(name: string): Promise<boolean> {
    const stored = await this.list()
    if (!stored.some((entry) => entry.name === name)) return false
    await this.#file.write({ version: 1, accessKeys: stored.filter((entry) => entry.name !== name) })
    await this.#keychain.delete(keychainAccount(name))
    return true
  }

  async secret(name: string): Promise<string> {
    const secret = await this.#keychain.get(keychainAccount(name))
    if (secret === null) {
      throw new KeyfrontError(
        'KEYCHAIN_ENTRY_MISSING',
        `The secret of access key "${name}" is no longer in your keychain. Remove the access key in Keyfront and add it again.`,
      )
    }
    return secret
  }
}
