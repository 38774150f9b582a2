// The setup file: a signing key and the site it signs for, in one small versioned JSON document a
// person can hand to a colleague. A key kept by AWS KMS travels as where it is (its ARN and region)
// and its public key: nothing secret. Everything import uses — the private key (PKCS#8 DER), the key's
// name, type and Key-Pair-Id, and the site — is one JSON payload sealed under the passphrase
// (seal.ts), so no edit to the readable part can change what import does. That readable part only
// tells a person which site the file is for; import reads nothing in it but `format` and `version`.
import { z } from 'zod'
import { KeyType, KmsKeyRef } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { Sealed } from './seal.ts'

export const SETUP_FORMAT = 'keyfront-setup'
export const SETUP_VERSION = 1
/** Bound to the sealed payload, so it cannot be moved into a file claiming another format or version. */
export const SETUP_CONTEXT = `${SETUP_FORMAT}/${SETUP_VERSION}`
/** Setup files are a few kilobytes; anything much larger is not one. */
export const MAX_SETUP_FILE_BYTES = 64 * 1024

/** Plain text on one line: what the file says is shown on screens and printed in terminals. */
const Text = z
  .string()
  .max(1000)
  .regex(/^\P{Cc}*$/u)

/** What the passphrase opens: all import acts on. */
export const SetupPayload = z.object({
  key: z
    .object({
      name: Text.min(1),
      type: KeyType,
      keyPairId: z.string().regex(/^[A-Z0-9]{1,128}$/),
    })
    .and(
      z.union([
        /** A key this computer holds: PKCS#8 DER, base64 (the keychain's form). */
        z.object({ privateKey: z.string().max(16 * 1024), kms: z.undefined().optional() }),
        /** A key kept by AWS KMS: where it is (no profile: that name is this computer's), and its SPKI DER. */
        z.object({
          kms: KmsKeyRef.omit({ profile: true }),
          publicKey: z.string().max(16 * 1024),
          privateKey: z.undefined().optional(),
        }),
      ]),
    ),
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
export type SetupPayload = z.infer<typeof SetupPayload>

/** For people reading the file; never read by import. */
export interface SetupReadable {
  site: string
  address: string
}

const SetupFile = z.object({
  format: z.literal(SETUP_FORMAT),
  version: z.literal(SETUP_VERSION),
  sealed: Sealed,
})
export type SetupFile = z.infer<typeof SetupFile> & { readable?: SetupReadable }

export function setupFileText(file: SetupFile): string {
  const { format, version, readable, sealed } = file
  return `${JSON.stringify({ format, version, readable, sealed }, null, 2)}\n`
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
  if (version !== SETUP_VERSION) {
    throw invalid(
      'It was made by a newer Keyfront (setup file version ' +
        `${String(version)}). Update Keyfront on this computer, then import it again.`,
    )
  }
  // Unknown keys, `readable` among them, are dropped here: nothing outside `sealed` reaches import.
  const parsed = SetupFile.safeParse(json)
  if (parsed.success) return parsed.data
  const costly = ['kdf', 'N', 'r', 'p', 'cipher']
  if (
    parsed.error.issues.some((issue) => issue.path[0] === 'sealed' && costly.includes(String(issue.path[1])))
  ) {
    throw invalid(
      'Its passphrase protection is not one Keyfront uses: too weak, or too costly to open. Ask for a new one.',
    )
  }
  throw invalid('It is damaged or was edited by hand. Ask for a new one.')
}

/** The opened payload, or SETUP_FILE_INVALID when it is not one Keyfront would have sealed. */
export function parseSetupPayload(text: string): SetupPayload {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const parsed = SetupPayload.safeParse(json)
  if (!parsed.success) throw invalid('What it holds is not a site and its key. Ask for a new one.')
  return parsed.data
}

export function invalid(why: string): KeyfrontError {
  return new KeyfrontError('SETUP_FILE_INVALID', `This file cannot be imported as a setup. ${why}`)
}
