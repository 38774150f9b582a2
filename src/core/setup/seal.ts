// Sealing the secret part of a setup file under a passphrase. A setup file travels by e-mail, so
// anyone who copies it can guess passphrases offline for as long as they like. Node's encrypted
// PKCS#8 derives its key with PBKDF2-HMAC-SHA256 at 2,048 rounds — about a millisecond a guess, on
// one CPU core, and much less on a GPU. scrypt with N = 2^17, r = 8 needs 128 MiB of memory and a few
// hundred milliseconds per guess, which GPUs cannot cheapen by running thousands side by side.
// AES-256-GCM then both hides the payload and proves it unchanged: an edited byte anywhere in the
// sealed part (or its salt, IV or tag) fails exactly as a wrong passphrase does.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto'
import { promisify } from 'node:util'
import { z } from 'zod'
import { KeyfrontError } from '../../shared/errors.ts'

const scryptAsync = promisify<string, Buffer, number, ScryptOptions, Buffer>(scrypt)

/** What new files use. */
const COST = { N: 2 ** 17, r: 8, p: 1 }
/**
 * The largest N a file may ask for: 2^18 needs 256 MiB. The file chooses N, so without a cap a
 * crafted file could make import try to allocate gigabytes.
 */
const MAX_N = 2 ** 18

/** Strict base64 of exactly `bytes` bytes: re-encoding gives the same text, so no character is ignored. */
function base64Of(bytes?: number) {
  return z.string().refine((text) => {
    const decoded = Buffer.from(text, 'base64')
    return decoded.toString('base64') === text && (bytes === undefined || decoded.length === bytes)
  })
}

export const Sealed = z.object({
  kdf: z.literal('scrypt'),
  // Weaker than what Keyfront writes is refused, so a file cannot be downgraded to cheap guesses.
  N: z
    .number()
    .int()
    .min(COST.N)
    .max(MAX_N)
    .refine((n) => Number.isInteger(Math.log2(n))),
  r: z.literal(COST.r),
  p: z.literal(COST.p),
  salt: base64Of(16),
  cipher: z.literal('aes-256-gcm'),
  iv: base64Of(12),
  tag: base64Of(16),
  data: base64Of().refine((text) => text.length > 0),
})
export type Sealed = z.infer<typeof Sealed>

/** scrypt runs on libuv's thread pool, so the app's main process goes on answering meanwhile. */
async function keyFor(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }) {
  // scrypt needs 128·N·r bytes and a little more; Node refuses above 32 MiB unless told. NFC: the
  // same passphrase typed on another system may arrive as other Unicode code points.
  const maxmem = 128 * cost.r * (cost.N + cost.p + 2)
  return scryptAsync(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem })
}

/** `plaintext` encrypted and authenticated under `passphrase`; `context` is bound to it unencrypted. */
export async function seal(plaintext: string, passphrase: string, context: string): Promise<Sealed> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', await keyFor(passphrase, salt, COST), iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return {
    kdf: 'scrypt',
    ...COST,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
}

/**
 * The plaintext `seal` was given, or SETUP_PASSPHRASE_WRONG. GCM cannot tell a wrong passphrase
 * from an edited file, so the message names both.
 */
export async function unseal(sealed: Sealed, passphrase: string, context: string): Promise<string> {
  const key = await keyFor(passphrase, Buffer.from(sealed.salt, 'base64'), sealed)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    )
  } catch {
    throw new KeyfrontError(
      'SETUP_PASSPHRASE_WRONG',
      'That passphrase does not open this setup file. Check it with the person who sent the file (passphrases are case-sensitive) and try again. If it is right, the file was changed after it was saved: ask for a new one. Nothing was changed.',
    )
  }
}
