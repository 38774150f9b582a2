// keys.json in the data dir: everything Keyfront knows about a key except its private half (id,
// name, type, fingerprint, public key, uploads). Changed only through JsonFile.update, so the app
// and keyfront commands never lose each other's changes. A damaged list gets its own code: moving
// it away would orphan the keys' keychain entries, so say so.
import { join } from 'node:path'
import { z } from 'zod'
import { KeyType, KeyUpload, KmsKeyRef } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { JsonFile, type Change } from '../json-file.ts'

export const KeyRecord = z.object({
  id: z.string(),
  name: z.string(),
  type: KeyType,
  fingerprint: z.string(),
  createdAt: z.number(),
  /** SPKI DER, base64: the public half, so showing or uploading a key never opens the keychain. */
  publicKey: z.string(),
  uploads: z.array(KeyUpload),
  /** Set for a key held by AWS KMS: the keychain holds nothing for it. */
  kms: KmsKeyRef.optional(),
  /**
   * Set, durably, before a delete removes the private key from the keychain: should the record
   * then fail to go, it says the private key was meant to be gone and deleting again finishes.
   */
  deleting: z.literal(true).optional(),
  lifecycle: z
    .object({
      /** The key made to replace this one, recorded as it is created so a re-run finds it. */
      replacedBy: z.string().optional(),
      /** Epoch ms: when the replacement took over and this key started retiring. */
      retiringSince: z.number().optional(),
      /** Epoch ms: when the user was told it can be retired. */
      remindedAt: z.number().optional(),
    })
    .optional(),
})
export type KeyRecord = z.infer<typeof KeyRecord>
export type KeyLifecycle = NonNullable<KeyRecord['lifecycle']>

const KeysFile = z.object({ version: z.literal(1), keys: z.array(KeyRecord) })

export const KEYS_FILE_NAME = 'keys.json'

export class KeyMetadataFile {
  readonly #file: JsonFile<z.infer<typeof KeysFile>>

  constructor(dataDir: string) {
    this.#file = new JsonFile(
      join(dataDir, KEYS_FILE_NAME),
      KeysFile,
      { version: 1, keys: [] },
      {
        damaged: (path) =>
          new KeyfrontError(
            'KEY_METADATA_UNREADABLE',
            `Keyfront's list of keys (${path}) is damaged. Restore it from a backup; if you move it away, Keyfront starts an empty list and the keys' private halves stay unused in your keychain.`,
          ),
      },
    )
  }

  async read(): Promise<KeyRecord[]> {
    return (await this.#file.read()).keys
  }

  /** A read-change-write of the list under the data file lock (see JsonFile.update). */
  update<R>(
    change: (records: KeyRecord[]) => Promise<Change<KeyRecord[], R>> | Change<KeyRecord[], R>,
  ): Promise<R> {
    return this.#file.update(async ({ keys }) => {
      const { write, result } = await change(keys)
      return write === undefined ? { result } : { write: { version: 1 as const, keys: write }, result }
    })
  }
}
