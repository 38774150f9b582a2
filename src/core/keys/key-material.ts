// Private key material, in memory only: generating the two key types CloudFront accepts, reading
// a PEM someone already has (and saying precisely why one cannot be used), and the encodings the
// key store needs. Messages name the problem and the way out — never any of the key's text.
// Keys Keyfront makes are RSA 2048 or ECDSA P-256, what key groups take; a legacy key pair
// (trusted signers) may also be RSA 1024 or 4096, read only when its Key-Pair-Id comes with it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { MAX_KEY_TEXT_BYTES } from '../../shared/contract/key-facts.ts'
import type { KeyType } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'

const generateKeyPairAsync = promisify(generateKeyPair)

const RSA_BITS = 2048
const EC_CURVE = 'prime256v1'
/** The RSA sizes a legacy CloudFront key pair may have. */
export const LEGACY_RSA_BITS = [1024, 2048, 4096]

/** Generates on libuv's thread pool, so neither the main process nor the UI waits on it. */
export async function generatePrivateKey(type: KeyType): Promise<KeyObject> {
  const pair =
    type === 'rsa'
      ? await generateKeyPairAsync('rsa', { modulusLength: RSA_BITS })
      : await generateKeyPairAsync('ec', { namedCurve: EC_CURVE })
  return pair.privateKey
}

/** The keychain value: PKCS#8 DER in base64 (≈1.6 KB for RSA 2048, 184 bytes for P-256). */
export function toKeychainValue(privateKey: KeyObject): string {
  return privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')
}

export function fromKeychainValue(value: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' })
}

/** The public key's SPKI DER, from a private key or a public one. */
export function spkiDer(key: KeyObject): Buffer {
  const publicKey = key.type === 'public' ? key : createPublicKey(key)
  return publicKey.export({ type: 'spki', format: 'der' })
}

export function spkiPem(spkiDerBase64: string): string {
  const key = createPublicKey({ key: Buffer.from(spkiDerBase64, 'base64'), format: 'der', type: 'spki' })
  return key.export({ type: 'spki', format: 'pem' }).toString()
}

/**
 * SHA-256 of the SPKI DER as colon-separated upper-case hex (what `openssl pkey -pubout -outform DER | sha256sum`
 * shows), for a private key or its public half: the one fingerprint keys and CloudFront's public keys are matched by.
 */
export function fingerprint(key: KeyObject): string {
  const hex = createHash('sha256').update(spkiDer(key)).digest('hex').toUpperCase()
  return hex.replace(/(..)(?!$)/g, '$1:')
}

export function keyTypeOf(key: KeyObject): KeyType {
  return key.asymmetricKeyType === 'rsa' ? 'rsa' : 'ecdsa'
}

/** An RSA key's size in bits; undefined for other keys. */
export function rsaBitsOf(key: KeyObject): number | undefined {
  return key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined
}

/** Encrypted PKCS#8 PEM (PBES2, AES-256-CBC): the only form a private key ever leaves Keyfront in. */
export function encryptedPkcs8Pem(privateKey: KeyObject, passphrase: string): string {
  return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString()
}

function keyFileTooLarge(): KeyfrontError {
  return new KeyfrontError(
    'KEY_FILE_TOO_LARGE',
    'This file is larger than 64 KiB, far larger than any private key. Choose the key file itself (usually a .pem of 1–3 KiB).',
  )
}

interface PemBlock {
  label: string
  encrypted: boolean
  text: string
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([\s\S]*?)-----END \1-----/g

function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCK)].map((match) => {
    const [whole, label = '', body = ''] = match
    return {
      label,
      encrypted: label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,\s*ENCRYPTED/.test(body),
      // Pasted keys are often indented (YAML, e-mail quotes); OpenSSL wants bare lines.
      text: whole
        .split(/\r?\n/)
        .map((line) => line.trim())
        .join('\n'),
    }
  })
}

const READABLE_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'])

const PEM_FORMATS = `Keyfront reads PEM private keys: text that starts with ${new Intl.ListFormat('en', {
  type: 'disjunction',
}).format([...READABLE_LABELS].map((label) => `"-----BEGIN ${label}-----"`))}.`

const unreadable = (message: string) => new KeyfrontError('KEY_UNREADABLE', message)

/**
 * Reads a private key someone already has and checks CloudFront can use it: RSA 2048 or ECDSA
 * P-256 — or, with `legacySizes` (a Key-Pair-Id comes with the key, and decides), RSA 1024 or 4096
 * too. Each way this can fail has its own code, so the app can react (ask for a passphrase).
 */
export function readPrivateKey(
  text: string,
  passphrase?: string,
  options: { legacySizes?: boolean } = {},
): KeyObject {
  if (Buffer.byteLength(text, 'utf8') > MAX_KEY_TEXT_BYTES) throw keyFileTooLarge()
  const blocks = pemBlocks(text)
  const candidates = blocks.filter((block) => block.label.endsWith('PRIVATE KEY'))
  if (candidates.length === 0) throw notPrivate(blocks)
  if (candidates.length > 1) {
    throw unreadable('This text holds more than one private key. Import them one at a time.')
  }
  const block = candidates[0] as PemBlock
  if (block.label === 'OPENSSH PRIVATE KEY') {
    throw unreadable(
      'This is an OpenSSH key file. Convert a copy first with "ssh-keygen -p -m PKCS8 -f COPY" (CloudFront needs RSA 2048 or ECDSA P-256).',
    )
  }
  if (block.label === 'DSA PRIVATE KEY') throw unsupported('DSA')
  if (!READABLE_LABELS.has(block.label))
    throw unreadable(`This kind of private key file is not supported. ${PEM_FORMATS}`)
  if (block.encrypted && !passphrase) {
    throw new KeyfrontError(
      'KEY_PASSPHRASE_REQUIRED',
      'This private key is protected by a passphrase. Enter its passphrase to import it.',
    )
  }
  let key: KeyObject
  try {
    key = createPrivateKey({
      key: block.text,
      format: 'pem',
      passphrase: block.encrypted ? passphrase : undefined,
    })
  } catch {
    if (block.encrypted) {
      throw new KeyfrontError(
        'KEY_WRONG_PASSPHRASE',
        'That passphrase does not open this key. Check it (passphrases are case-sensitive) and try again.',
      )
    }
    throw unreadable(
      'This looks like a private key but it could not be read: it may be damaged or cut short. Copy the whole file, including the BEGIN and END lines.',
    )
  }
  checkUsableByCloudFront(key, options.legacySizes === true)
  return key
}

function notPrivate(blocks: PemBlock[]): KeyfrontError {
  const labels = blocks.map((block) => block.label)
  if (labels.some((label) => label.includes('CERTIFICATE'))) {
    return new KeyfrontError(
      'KEY_NOT_PRIVATE',
      'This is a certificate, which holds only the public half of a key. Import the private key it was made from instead.',
    )
  }
  if (labels.some((label) => label.includes('PUBLIC KEY'))) {
    return new KeyfrontError(
      'KEY_NOT_PRIVATE',
      'This is a public key. Keyfront needs the private key to sign links — import the file that holds the private half.',
    )
  }
  if (labels.length > 0) {
    return new KeyfrontError(
      'KEY_NOT_PRIVATE',
      'This PEM text holds no private key. Import the private key file.',
    )
  }
  return unreadable(`This is not a private key. ${PEM_FORMATS}`)
}

const CURVE_NAMES: Record<string, string> = {
  secp384r1: 'P-384',
  secp521r1: 'P-521',
  secp256k1: 'secp256k1',
  secp224r1: 'P-224',
}

const TYPE_NAMES: Record<string, string> = {
  ed25519: 'Ed25519',
  ed448: 'Ed448',
  dsa: 'DSA',
  'rsa-pss': 'RSA-PSS',
  x25519: 'X25519',
  x448: 'X448',
  dh: 'Diffie-Hellman',
}

function unsupported(name: string): KeyfrontError {
  return new KeyfrontError(
    'KEY_UNSUPPORTED_TYPE',
    `This key's type is ${name}, and CloudFront accepts only RSA 2048 and ECDSA P-256 keys. Create a new key in Keyfront instead.`,
  )
}

function checkUsableByCloudFront(key: KeyObject, legacySizes: boolean): void {
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0
    if (bits === RSA_BITS || (legacySizes && LEGACY_RSA_BITS.includes(bits))) return
    const legacy = legacySizes
      ? ' Legacy CloudFront key pairs are RSA 1024, 2048 or 4096 bits.'
      : LEGACY_RSA_BITS.includes(bits)
        ? ' If it is a legacy CloudFront key pair (a trusted signer’s key), give its Key-Pair-Id (APKA…) with it.'
        : ''
    throw new KeyfrontError(
      'KEY_WRONG_SIZE',
      `This RSA key is ${bits || 'of an unknown number of'} bits. CloudFront key groups accept RSA keys of exactly 2048 bits: create a new key in Keyfront, or one with "openssl genrsa 2048".${legacy}`,
    )
  }
  if (key.asymmetricKeyType === 'ec') {
    if (details.namedCurve !== EC_CURVE) {
      const curve = CURVE_NAMES[details.namedCurve ?? ''] ?? details.namedCurve ?? 'an unnamed curve'
      throw new KeyfrontError(
        'KEY_WRONG_CURVE',
        `This EC key uses ${curve}. CloudFront accepts only the P-256 curve (prime256v1): create a new ECDSA P-256 key in Keyfront instead.`,
      )
    }
    return
  }
  const type = key.asymmetricKeyType ?? 'unknown'
  throw unsupported(TYPE_NAMES[type] ?? type)
}
