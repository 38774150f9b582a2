// The setup file: a signing key and the site it signs for, in one small versioned JSON document a
// person can hand to a colleague. Only the private key is secret, and it is stored as encrypted
// PKCS#8 (AES-256-CBC, key derived from the passphrase) — the same form `keys export` writes. The
// rest (Key-Pair-Id, the site's addresses and paths) is printed in every signed link anyway, so it
// stays readable: a person can see which site a file is for without the passphrase.
import { z } from 'zod'
import { KeyType } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'

export const SETUP_FORMAT = 'keyfront-setup'
/** Setup files are a few kilobytes; anything much larger is not one. */
export const MAX_SETUP_FILE_BYTES = 64 * 1024

/** Plain text on one line: what the file says is shown on screens and printed in terminals. */
const Text = z
  .string()
  .max(1000)
  .regex(/^\P{Cc}*$/u)

export const SetupFile = z.object({
  format: z.literal(SETUP_FORMAT),
  version: z.literal(1),
  key: z.object({
    name: Text.min(1),
    type: KeyType,
    keyPairId: z.string().regex(/^[A-Z0-9]{1,128}$/),
    /** `-----BEGIN ENCRYPTED PRIVATE KEY-----` … */
    privateKey: z.string().max(16 * 1024),
  }),
  site: z.object({
    distributionId: z.string().regex(/^[A-Z0-9]{1,64}$/),
    domainName: Text.min(1),
    aliases: z.array(Text).max(100),
    name: Text.optional(),
    comment: Text.optional(),
    restrictedPaths: z.array(Text).max(100),
    keyGroupId: Text,
    keyGroupName: Text,
    accountId: Text,
  }),
})
export type SetupFile = z.infer<typeof SetupFile>

export function setupFileText(file: SetupFile): string {
  return `${JSON.stringify(file, null, 2)}\n`
}

/** The setup file in `text`, or SETUP_FILE_INVALID saying what it is instead. */
export function parseSetupFile(text: string): SetupFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw invalid('It is not a Keyfront setup file (it is not JSON).')
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined
  if (format !== SETUP_FORMAT) throw invalid('It is not a Keyfront setup file.')
  const version = (json as { version?: unknown }).version
  if (version !== 1) {
    throw invalid(
      'It was made by a newer Keyfront (setup file version ' +
        `${String(version)}). Update Keyfront on this computer, then import it again.`,
    )
  }
  const parsed = SetupFile.safeParse(json)
  if (!parsed.success) throw invalid('It is damaged or was edited by hand. Ask for a new one.')
  return parsed.data
}

export function invalid(why: string): KeyfrontError {
  return new KeyfrontError('SETUP_FILE_INVALID', `This file cannot be imported as a setup. ${why}`)
}
