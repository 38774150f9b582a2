// keys.json in the data dir: everything Keyfront knows about a key except its private half (id,
// name, type, fingerprint, public key, uploads). Written atomically by JsonFile. A damaged list
// gets its own code: moving it away would orphan the keys' keychain entries, so say so.
import { join } from 'node:path'
import { z } from 'zod'
import { KeyType, KeyUpload } from '../../shared/contract/keys.ts'
import { KeyfrontError, isKeyfrontError } from '../../shared/errors.ts'
import { JsonFile } from '../json-file.ts'

export const KeyRecord = z.object({
  id: z.string(),
  name: z.string(),
  type: KeyType,
  fingerprint: z.string(),
  createdAt: z.number(),
  /** SPKI DER, base64: the public half, so showing or uploading a key never opens the keychain. */
  publicKey: z.string(),
  uploads: z.array(KeyUpload),
})
export type KeyRecord = z.infer<typeof KeyRecord>

const KeysFile = z.object({ version: z.literal(1), keys: z.array(KeyRecord) })

export const KEYS_FILE_NAME = 'keys.json'

export class KeyMetadataFile {
  readonly #file: JsonFile<z.infer<typeof KeysFile>>

  constructor(dataDir: string) {
    this.#file = new JsonFile(join(dataDir, KEYS_FILE_NAME), KeysFile, { version: 1, keys: [] })
  }

  async read(): Promise<KeyRecord[]> {
    try {
      return (await this.#file.read()).keys
    } catch (error) {
      if (isKeyfrontError(error) && error.code === 'INVALID_INPUT') {
        throw new KeyfrontError(
          'KEY_METADATA_UNREADABLE',
          `Keyfront's list of keys (${this.#file.path}) is damaged. Restore it from a backup; if you move it away, Keyfront starts an empty list and the keys' private halves stay unused in your keychain.`,
        )
      }
      throw error
    }
  }

  async write(keys: KeyRecord[]): Promise<void> {
    await this.#file.write({ version: 1, keys })
  }
}
