// Sealing under a passphrase (scrypt → AES-256-GCM): what comes out holds neither the plaintext nor
// the passphrase; the right passphrase opens it, and a wrong one — or any changed byte of the data,
// salt, IV or tag, or another context — is refused with SETUP_PASSPHRASE_WRONG.
import { describe, expect, it } from 'vitest'
import { seal, unseal, type Sealed } from '../../../../src/core/setup/seal.ts'

const PASSPHRASE = 'correct horse battery'
const CONTEXT = 'keyfront-setup/1'
const SECRET = JSON.stringify({ privateKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', site: 'E2QWRUHAPOMQZL' })

/** `field` with one bit of its byte at `at` flipped, still strict base64 of the same length. */
function flipped(
  sealed: Sealed,
  field: 'data' | 'salt' | 'iv' | 'tag',
  at: (length: number) => number,
): Sealed {
  const bytes = Buffer.from(sealed[field], 'base64')
  const index = at(bytes.length)
  bytes[index] = (bytes[index] as number) ^ 0x01
  return { ...sealed, [field]: bytes.toString('base64') }
}

describe('seal', () => {
  it('opens with the right passphrase; holds no plaintext and no passphrase', async () => {
    const sealed = await seal(SECRET, PASSPHRASE, CONTEXT)
    expect(sealed).toMatchObject({ kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1, cipher: 'aes-256-gcm' })
    const text = JSON.stringify(sealed)
    expect(text).not.toContain('MIIEvQ')
    expect(text).not.toContain('E2QWRUHAPOMQZL')
    expect(text).not.toContain(PASSPHRASE)
    expect(await unseal(sealed, PASSPHRASE, CONTEXT)).toBe(SECRET)
  })

  it('uses a fresh salt and IV each time', async () => {
    const [one, two] = [await seal(SECRET, PASSPHRASE, CONTEXT), await seal(SECRET, PASSPHRASE, CONTEXT)]
    expect(one.salt).not.toBe(two.salt)
    expect(one.iv).not.toBe(two.iv)
    expect(one.data).not.toBe(two.data)
  })

  it('refuses a wrong passphrase, naming both it and an edited file', async () => {
    const sealed = await seal(SECRET, PASSPHRASE, CONTEXT)
    const wrong = unseal(sealed, 'Correct horse battery', CONTEXT)
    await expect(wrong).rejects.toMatchObject({ code: 'SETUP_PASSPHRASE_WRONG' })
    await expect(wrong).rejects.toThrow(/passphrase does not open .* the file was changed/)
  })

  it('refuses any changed byte of the data, salt, IV or tag, and another context', async () => {
    const sealed = await seal(SECRET, PASSPHRASE, CONTEXT)
    const edits: Sealed[] = [
      flipped(sealed, 'data', () => 0),
      flipped(sealed, 'data', (n) => n >> 1),
      flipped(sealed, 'data', (n) => n - 1),
      flipped(sealed, 'salt', (n) => n - 1),
      flipped(sealed, 'iv', () => 0),
      flipped(sealed, 'tag', (n) => n - 1),
    ]
    for (const edited of edits) {
      await expect(unseal(edited, PASSPHRASE, CONTEXT)).rejects.toMatchObject({
        code: 'SETUP_PASSPHRASE_WRONG',
      })
    }
    await expect(unseal(sealed, PASSPHRASE, 'keyfront-setup/2')).rejects.toMatchObject({
      code: 'SETUP_PASSPHRASE_WRONG',
    })
  })
})
