// The placeholder key: a public key whose private half was thrown away the moment it was made.
// CloudFront will not keep a key group empty, so when the user agrees to leave a group with no key
// of its own, this key takes the last one's place — the paths trusting the group go on refusing
// unsigned requests, and now refuse every signed link too, until a real key is added. One per
// account, found by name, so a re-run never makes a second.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { KeyfrontError } from '../../../shared/errors.ts'
import type { CloudFrontApi } from '../api.ts'

export const LOCK_KEY_NAME = 'keyfront-placeholder-no-private-key'

export async function ensureLockKey(api: CloudFrontApi): Promise<string> {
  const found = await findLockKey(api)
  if (found) return found
  // Only the public half leaves this function; the private half is never stored anywhere.
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  try {
    const created = await api.createPublicKey({
      CallerReference: `keyfront-placeholder-${randomBytes(8).toString('hex')}`,
      Name: LOCK_KEY_NAME,
      EncodedKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      Comment: 'Keyfront placeholder: nobody holds its private key, so no link signed for it exists.',
    })
    return created.Id ?? ''
  } catch (error) {
    // Made by an earlier attempt whose answer was lost: use that one.
    if (error instanceof KeyfrontError && error.code === 'CF_PUBLIC_KEY_EXISTS') {
      const made = await findLockKey(api)
      if (made) return made
    }
    throw error
  }
}

async function findLockKey(api: CloudFrontApi): Promise<string | undefined> {
  return (await api.listPublicKeys()).find((key) => key.Name === LOCK_KEY_NAME)?.Id
}
