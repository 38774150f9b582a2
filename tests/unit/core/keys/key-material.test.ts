// Reading, generating and encoding private keys, checked against OpenSSL: every PEM form a user
// may have is read (same fingerprint as OpenSSL computes), every unusable input gets its own code
// and a message without key text, the keychain value fits Windows' 2,560-byte limit, generation
// leaves the event loop free, and exports open with OpenSSL.
import { execFileSync } from 'node:child_process'
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  encryptedPkcs8Pem,
  fingerprint,
  fromKeychainValue,
  generatePrivateKey,
  readPrivateKey,
  toKeychainValue,
} from '../../../../src/core/keys/key-material.ts'
import type { ErrorCode } from '../../../../src/shared/errors.ts'
import {
  PASSPHRASE,
  containsPrivateMaterial,
  keyFromFile,
  makeKeyFixtures,
  opensslFingerprint,
  type FixtureName,
  type KeyFixtures,
} from '../../../harness/key-fixtures.ts'

let fixtures: KeyFixtures
beforeAll(() => {
  fixtures = makeKeyFixtures()
}, 120_000)
afterAll(() => rmSync(fixtures.dir, { recursive: true, force: true }))

function failure(run: () => unknown): { code: ErrorCode; message: string } {
  try {
    run()
  } catch (error) {
    return error as { code: ErrorCode; message: string }
  }
  throw new Error('expected a failure')
}

describe('reading a private key', () => {
  const readable: [FixtureName, string, boolean][] = [
    ['rsa-pkcs1', 'rsa', false],
    ['rsa-pkcs8', 'rsa', false],
    ['rsa-pkcs8-encrypted', 'rsa', true],
    ['rsa-pkcs1-encrypted', 'rsa', true],
    ['ec-sec1', 'ec', false],
    ['ec-sec1-with-params', 'ec', false],
    ['ec-pkcs8', 'ec', false],
    ['ec-pkcs8-encrypted', 'ec', true],
  ]

  it.each(readable)('reads %s, with the fingerprint OpenSSL computes', (name, type, encrypted) => {
    const key = readPrivateKey(fixtures.text(name), encrypted ? PASSPHRASE : undefined)
    expect(key.asymmetricKeyType).toBe(type)
    expect(fingerprint(key)).toBe(opensslFingerprint(fixtures.path(name), encrypted ? PASSPHRASE : undefined))
  })

  it('gives a public key the fingerprint of its private key (how CloudFront public keys are matched)', () => {
    const key = readPrivateKey(fixtures.text('ec-pkcs8'))
    expect(fingerprint(createPublicKey(key))).toBe(fingerprint(key))
    expect(fingerprint(createPublicKey(fixtures.text('rsa-pkcs8')))).toBe(
      opensslFingerprint(fixtures.path('rsa-pkcs8')),
    )
  })

  it('reads a pasted key that is indented and has Windows line ends', () => {
    const pasted = fixtures
      .text('rsa-pkcs1')
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\r\n')
    expect(fingerprint(readPrivateKey(`key: |\r\n${pasted}`))).toBe(
      opensslFingerprint(fixtures.path('rsa-pkcs1')),
    )
  })

  it('takes the private key from a file that also holds its certificate', () => {
    const bundle = `${fixtures.text('certificate')}\n${fixtures.text('rsa-pkcs8')}`
    expect(fingerprint(readPrivateKey(bundle))).toBe(opensslFingerprint(fixtures.path('rsa-pkcs8')))
  })

  const refused: [string, () => string, string | undefined, ErrorCode, RegExp][] = [
    ['a public key', () => fixtures.text('public-key'), undefined, 'KEY_NOT_PRIVATE', /This is a public key/],
    [
      'a certificate',
      () => fixtures.text('certificate'),
      undefined,
      'KEY_NOT_PRIVATE',
      /This is a certificate/,
    ],
    ['RSA 1024', () => fixtures.text('rsa-1024'), undefined, 'KEY_WRONG_SIZE', /1024 bits.*exactly 2048/],
    ['RSA 4096', () => fixtures.text('rsa-4096'), undefined, 'KEY_WRONG_SIZE', /4096 bits.*exactly 2048/],
    ['EC P-384', () => fixtures.text('ec-p384'), undefined, 'KEY_WRONG_CURVE', /uses P-384.*only the P-256/],
    ['Ed25519', () => fixtures.text('ed25519'), undefined, 'KEY_UNSUPPORTED_TYPE', /type is Ed25519/],
    ['DSA', () => fixtures.text('dsa'), undefined, 'KEY_UNSUPPORTED_TYPE', /type is DSA/],
    [
      'encrypted PKCS#8 without a passphrase',
      () => fixtures.text('rsa-pkcs8-encrypted'),
      undefined,
      'KEY_PASSPHRASE_REQUIRED',
      /protected by a passphrase/,
    ],
    [
      'encrypted PKCS#8 with a wrong passphrase',
      () => fixtures.text('ec-pkcs8-encrypted'),
      'not the passphrase',
      'KEY_WRONG_PASSPHRASE',
      /passphrase does not open this key/,
    ],
    [
      'legacy encrypted PKCS#1 with a wrong passphrase',
      () => fixtures.text('rsa-pkcs1-encrypted'),
      'not the passphrase',
      'KEY_WRONG_PASSPHRASE',
      /passphrase does not open this key/,
    ],
    [
      'text that is not a key',
      () => 'hello, this is my key: 12345',
      undefined,
      'KEY_UNREADABLE',
      /not a private key/,
    ],
    [
      'a damaged key (cut short)',
      () => fixtures.text('rsa-pkcs8').replace(/\n[A-Za-z0-9+/=]{64}\n/, '\n'),
      undefined,
      'KEY_UNREADABLE',
      /damaged or cut short/,
    ],
    [
      'two private keys at once',
      () => fixtures.text('rsa-pkcs8') + fixtures.text('ec-pkcs8'),
      undefined,
      'KEY_UNREADABLE',
      /more than one private key/,
    ],
    [
      'more than 64 KiB',
      () => fixtures.text('rsa-pkcs8') + '#'.repeat(64 * 1024),
      undefined,
      'KEY_FILE_TOO_LARGE',
      /larger than 64 KiB/,
    ],
  ]

  it.each(refused)('refuses %s with its own code and message', (_what, text, passphrase, code, message) => {
    const error = failure(() => readPrivateKey(text(), passphrase))
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) as unknown })
  })

  it('refuses an OpenSSH key file and says how to convert it', () => {
    const file = join(fixtures.dir, 'id_ed25519')
    execFileSync('ssh-keygen', ['-t', 'ed25519', '-N', '', '-q', '-f', file])
    const error = failure(() => readPrivateKey(readFileSync(file, 'utf8')))
    expect(error).toMatchObject({
      code: 'KEY_UNREADABLE',
      message: expect.stringContaining('ssh-keygen') as unknown,
    })
  })

  it('never puts any of the key text in a message', () => {
    const cases: [FixtureName, string | undefined][] = [
      ['rsa-1024', undefined],
      ['ec-p384', undefined],
      ['ed25519', undefined],
      ['rsa-pkcs8-encrypted', 'wrong'],
    ]
    for (const [name, passphrase] of cases) {
      const key =
        name === 'rsa-pkcs8-encrypted'
          ? keyFromFile(fixtures.path(name), PASSPHRASE)
          : keyFromFile(fixtures.path(name))
      const { message } = failure(() => readPrivateKey(fixtures.text(name), passphrase))
      expect(containsPrivateMaterial(message, key)).toBe(false)
      expect(message).not.toMatch(/[A-Za-z0-9+/]{24,}/)
    }
  })
})

describe('keychain value', () => {
  it.each(['rsa', 'ecdsa'] as const)(
    'is PKCS#8 DER in base64, within 2,560 bytes, and reads back as the same %s key',
    async (type) => {
      const key = await generatePrivateKey(type)
      const value = toKeychainValue(key)
      expect(Buffer.byteLength(value, 'utf8')).toBeLessThanOrEqual(2560)
      expect(Buffer.from(value, 'base64').equals(key.export({ type: 'pkcs8', format: 'der' }))).toBe(true)
      expect(fingerprint(fromKeychainValue(value))).toBe(fingerprint(key))
    },
  )

  it('is about 1.6 KB for RSA 2048 and 184 bytes for P-256', async () => {
    expect(toKeychainValue(await generatePrivateKey('rsa')).length).toBeGreaterThan(1600)
    expect(toKeychainValue(await generatePrivateKey('rsa')).length).toBeLessThan(1700)
    expect(toKeychainValue(await generatePrivateKey('ecdsa')).length).toBe(184)
  })
})

describe('generating a key', () => {
  it('makes RSA 2048 and ECDSA P-256 keys that sign and verify', async () => {
    const rsa = await generatePrivateKey('rsa')
    expect(rsa.asymmetricKeyDetails?.modulusLength).toBe(2048)
    const ec = await generatePrivateKey('ecdsa')
    expect(ec.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    for (const key of [rsa, ec]) {
      const signature = sign('sha1', Buffer.from('policy'), key)
      expect(verify('sha1', Buffer.from('policy'), createPublicKey(key), signature)).toBe(true)
    }
  })

  it('leaves the event loop free while it works (the synchronous way would not)', async () => {
    let turns = 0
    let spinning = true
    const spin = () => {
      turns++
      if (spinning) setImmediate(spin)
    }
    setImmediate(spin)
    const before = turns
    for (let i = 0; i < 3; i++) await generatePrivateKey('rsa')
    const duringAsync = turns - before
    const beforeSync = turns
    generateKeyPairSync('rsa', { modulusLength: 2048 })
    const duringSync = turns - beforeSync
    spinning = false
    expect(duringSync).toBe(0)
    expect(duringAsync).toBeGreaterThan(10)
  })
})

describe('exporting a private key', () => {
  it('writes encrypted PKCS#8 that OpenSSL opens with the passphrase, and only with it', async () => {
    const key = await generatePrivateKey('ecdsa')
    const pem = encryptedPkcs8Pem(key, PASSPHRASE)
    expect(/^-{5}BEGIN ENCRYPTED PRIVATE KEY-{5}/.test(pem)).toBe(true)
    expect(containsPrivateMaterial(pem, key)).toBe(false)
    const dir = mkdtempSync(join(tmpdir(), 'keyfront-export-'))
    const file = join(dir, 'exported.pem')
    writeFileSync(file, pem)
    expect(opensslFingerprint(file, PASSPHRASE)).toBe(fingerprint(key))
    expect(() => opensslFingerprint(file, 'wrong passphrase')).toThrow()
    rmSync(dir, { recursive: true })
  })
})
