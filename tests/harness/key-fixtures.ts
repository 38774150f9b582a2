// Key files for tests, made at test time by OpenSSL (an implementation independent of Node's
// key handling) in a temp folder: no private key is ever committed. Also the scanner that
// checks a text or file holds no trace of a private key.
import { execFileSync } from 'node:child_process'
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SigningKey } from '../../src/core/keys/signing-key.ts'

export const PASSPHRASE = 'correct horse battery staple'

function openssl(args: string[], input?: Buffer): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
}

export interface KeyFixtures {
  dir: string
  /** Path of each fixture file. */
  path(name: FixtureName): string
  text(name: FixtureName): string
}

export type FixtureName =
  | 'rsa-pkcs1'
  | 'rsa-pkcs8'
  | 'rsa-pkcs8-encrypted'
  | 'rsa-pkcs1-encrypted'
  | 'ec-sec1'
  | 'ec-sec1-with-params'
  | 'ec-pkcs8'
  | 'ec-pkcs8-encrypted'
  | 'public-key'
  | 'certificate'
  | 'rsa-1024'
  | 'rsa-4096'
  | 'ec-p384'
  | 'ed25519'
  | 'dsa'

/** Makes every fixture once (RSA 4096 and DSA take a moment). */
export function makeKeyFixtures(): KeyFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'keyfront-fixtures-'))
  const path = (name: FixtureName) => join(dir, `${name}.pem`)
  const pass = `pass:${PASSPHRASE}`
  // The encrypted PKCS#8 form (PBES2, AES-256-CBC) of a fixture.
  const encryptPkcs8 = (from: FixtureName, to: FixtureName) =>
    openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', path(from), '-passout', pass, '-out', path(to)])
  openssl(['genrsa', '-traditional', '-out', path('rsa-pkcs1'), '2048'])
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', path('rsa-pkcs8')])
  encryptPkcs8('rsa-pkcs8', 'rsa-pkcs8-encrypted')
  openssl([
    'rsa',
    '-in',
    path('rsa-pkcs1'),
    '-aes256',
    '-traditional',
    '-passout',
    pass,
    '-out',
    path('rsa-pkcs1-encrypted'),
  ])
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', path('ec-sec1')])
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-out', path('ec-sec1-with-params')])
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path('ec-pkcs8')])
  encryptPkcs8('ec-pkcs8', 'ec-pkcs8-encrypted')
  openssl(['pkey', '-in', path('rsa-pkcs8'), '-pubout', '-out', path('public-key')])
  openssl([
    'req',
    '-x509',
    '-key',
    path('rsa-pkcs8'),
    '-subj',
    '/CN=keyfront-test',
    '-days',
    '1',
    '-out',
    path('certificate'),
  ])
  openssl(['genrsa', '-out', path('rsa-1024'), '1024'])
  openssl(['genrsa', '-out', path('rsa-4096'), '4096'])
  openssl(['ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', path('ec-p384')])
  openssl(['genpkey', '-algorithm', 'ed25519', '-out', path('ed25519')])
  openssl(['dsaparam', '-out', join(dir, 'dsa-params.pem'), '1024'])
  openssl(['gendsa', '-out', path('dsa'), join(dir, 'dsa-params.pem')])
  return { dir, path, text: (name) => readFileSync(path(name), 'utf8') }
}

/** SHA-256 of the SPKI DER as OpenSSL computes it, in Keyfront's colon-separated form. */
export function opensslFingerprint(file: string, passphrase?: string): string {
  const der = execFileSync('openssl', [
    'pkey',
    '-in',
    file,
    '-pubout',
    '-outform',
    'DER',
    ...(passphrase ? ['-passin', `pass:${passphrase}`] : []),
  ])
  const digest = openssl(['dgst', '-sha256', '-r'], der)
  return (digest.split(' ')[0] ?? '').toUpperCase().replace(/(..)(?!$)/g, '$1:')
}

/** The ways a private key could leak as text: PKCS#8 DER in base64, in hex, and PEM lines. */
export function privateTraces(key: KeyObject): string[] {
  const der = key.export({ type: 'pkcs8', format: 'der' })
  const base64 = der.toString('base64')
  const hex = der.toString('hex')
  const pemLines = key
    .export({ type: 'pkcs8', format: 'pem' })
    .toString()
    .split('\n')
    .filter((line) => line.length === 64)
  // A middle chunk too, so a partial leak (one line, a truncated value) is caught.
  return [base64, base64.slice(40, 100), hex, hex.toUpperCase(), hex.slice(80, 160), ...pemLines].filter(
    (trace) => trace.length >= 40,
  )
}

export function containsPrivateMaterial(text: string, key: KeyObject): boolean {
  return privateTraces(key).some((trace) => text.includes(trace))
}

/** Every file under `dir` (recursively) holding a trace of the key, as text or as raw DER bytes. */
export function filesWithPrivateMaterial(dir: string, key: KeyObject): string[] {
  const der = key.export({ type: 'pkcs8', format: 'der' })
  const hits: string[] = []
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = join(dir, entry)
    if (!statSync(file).isFile()) continue
    const bytes = readFileSync(file)
    if (bytes.includes(der) || containsPrivateMaterial(bytes.toString('latin1'), key)) hits.push(entry)
  }
  return hits
}

export function keyFromFile(file: string, passphrase?: string): KeyObject {
  return createPrivateKey({ key: readFileSync(file, 'utf8'), passphrase })
}

/** The private key of a key loaded from the keychain (a KMS key has none here: the test fails). */
export function heldPrivateKey(key: SigningKey): KeyObject {
  if (key.custody !== 'keychain') throw new Error(`"${key.name}" is not kept in the keychain`)
  return key.privateKey
}
