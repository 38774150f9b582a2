// KeyService against a real Secret Service (gnome-keyring over D-Bus, via with-keyring.sh): keys
// land in the keychain and nowhere under the data dir, every PEM form round-trips, unusable input
// is refused with its own code, and rename / Key-Pair-Ids / delete / export behave as promised.
import { execFileSync } from 'node:child_process'
import { createPublicKey, randomBytes, sign, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import { KeyService } from '../../src/core/keys/key-service.ts'
import {
  PASSPHRASE,
  filesWithPrivateMaterial,
  keyFromFile,
  makeKeyFixtures,
  opensslFingerprint,
  type FixtureName,
  type KeyFixtures,
  heldPrivateKey,
} from '../harness/key-fixtures.ts'
import { keychainEntries } from '../harness/secret-tool.ts'

let fixtures: KeyFixtures
const service = `Keyfront-keys-${randomBytes(4).toString('hex')}`
const keychain = createKeytarKeychain(service)
const dirs: string[] = []
let now = 1_800_000_000_000
const clock = { now: () => now }

function freshService(): { keys: KeyService; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-keys-'))
  dirs.push(dataDir)
  return { keys: new KeyService({ dataDir, keychain, clock }), dataDir }
}

beforeAll(() => {
  fixtures = makeKeyFixtures()
}, 120_000)
afterAll(async () => {
  for (const account of keychainEntries(service).keys()) await keychain.delete(account)
  for (const dir of [...dirs, fixtures.dir]) rmSync(dir, { recursive: true, force: true })
})

describe('creating keys', () => {
  it.each(['rsa', 'ecdsa'] as const)(
    'puts a new %s private key in the keychain (as PKCS#8 DER base64) and none of it under the data dir',
    async (type) => {
      const { keys, dataDir } = freshService()
      const summary = await keys.create({ name: `New ${type}`, type })
      const stored = keychainEntries(service).get(summary.id)
      expect(stored, 'secret-tool finds the key under its id').toBeDefined()
      const signing = { privateKey: heldPrivateKey(await keys.loadSigningKey(summary.id)) }
      expect(Buffer.from(stored ?? '', 'base64')).toEqual(
        signing.privateKey.export({ type: 'pkcs8', format: 'der' }),
      )
      expect(readdirSync(dataDir)).toEqual(['keys.json'])
      expect(filesWithPrivateMaterial(dataDir, signing.privateKey)).toEqual([])
      // The scanner does find a key where there is one (so the line above means something).
      writeFileSync(join(dataDir, 'control.txt'), stored ?? '')
      expect(filesWithPrivateMaterial(dataDir, signing.privateKey)).toEqual(['control.txt'])
      rmSync(join(dataDir, 'control.txt'))
      expect(summary).toMatchObject({ name: `New ${type}`, type, createdAt: now, uploads: [] })
      expect(summary.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    },
  )

  it('writes keys.json readable only by its owner, atomically (no temp file left behind)', async () => {
    const { keys, dataDir } = freshService()
    await Promise.all([
      keys.create({ name: 'one', type: 'ecdsa' }),
      keys.create({ name: 'two', type: 'ecdsa' }),
      keys.create({ name: 'three', type: 'rsa' }),
    ])
    expect((await keys.list()).map((k) => k.name).sort()).toEqual(['one', 'three', 'two'])
    expect(readdirSync(dataDir)).toEqual(['keys.json'])
    expect(statSync(join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600)
  })

  it('refuses a name already in use (whatever its case) and an empty name', async () => {
    const { keys } = freshService()
    await keys.create({ name: 'Production', type: 'ecdsa' })
    await expect(keys.create({ name: 'production', type: 'ecdsa' })).rejects.toMatchObject({
      code: 'KEY_NAME_TAKEN',
      message: expect.stringContaining('"Production" already exists') as unknown,
    })
    await expect(keys.create({ name: '   ', type: 'ecdsa' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(await keys.list()).toHaveLength(1)
  })
})

describe('importing keys', () => {
  const formats: [FixtureName, 'rsa' | 'ecdsa', boolean][] = [
    ['rsa-pkcs1', 'rsa', false],
    ['rsa-pkcs8', 'rsa', false],
    ['rsa-pkcs8-encrypted', 'rsa', true],
    ['rsa-pkcs1-encrypted', 'rsa', true],
    ['ec-sec1', 'ecdsa', false],
    ['ec-pkcs8', 'ecdsa', false],
    ['ec-pkcs8-encrypted', 'ecdsa', true],
  ]

  it.each(formats)(
    'round-trips %s: the keychain gives back the very same key',
    async (name, type, encrypted) => {
      const { keys, dataDir } = freshService()
      const passphrase = encrypted ? PASSPHRASE : undefined
      const summary = await keys.import({ name, pem: fixtures.text(name), passphrase })
      expect(summary).toMatchObject({
        type,
        fingerprint: opensslFingerprint(fixtures.path(name), passphrase),
      })
      const original = keyFromFile(fixtures.path(name), passphrase)
      const loaded = { privateKey: heldPrivateKey(await keys.loadSigningKey(name)) }
      expect(loaded.privateKey.export({ type: 'pkcs8', format: 'der' })).toEqual(
        original.export({ type: 'pkcs8', format: 'der' }),
      )
      const signature = sign('sha256', Buffer.from('policy'), loaded.privateKey)
      expect(verify('sha256', Buffer.from('policy'), createPublicKey(original), signature)).toBe(true)
      expect(filesWithPrivateMaterial(dataDir, original)).toEqual([])
    },
  )

  const refused: [FixtureName, string | undefined, string][] = [
    ['public-key', undefined, 'KEY_NOT_PRIVATE'],
    ['certificate', undefined, 'KEY_NOT_PRIVATE'],
    ['rsa-1024', undefined, 'KEY_WRONG_SIZE'],
    ['rsa-4096', undefined, 'KEY_WRONG_SIZE'],
    ['ec-p384', undefined, 'KEY_WRONG_CURVE'],
    ['ed25519', undefined, 'KEY_UNSUPPORTED_TYPE'],
    ['dsa', undefined, 'KEY_UNSUPPORTED_TYPE'],
    ['rsa-pkcs8-encrypted', undefined, 'KEY_PASSPHRASE_REQUIRED'],
    ['rsa-pkcs8-encrypted', 'wrong passphrase', 'KEY_WRONG_PASSPHRASE'],
  ]

  it.each(refused)(
    'refuses %s (passphrase %s) with %s and stores nothing',
    async (name, passphrase, code) => {
      const { keys, dataDir } = freshService()
      const before = keychainEntries(service).size
      await expect(keys.import({ name: 'x', pem: fixtures.text(name), passphrase })).rejects.toMatchObject({
        code,
      })
      expect(keychainEntries(service).size).toBe(before)
      expect(readdirSync(dataDir)).toEqual([])
    },
  )

  it('refuses garbage and files over 64 KiB with their own codes', async () => {
    const { keys } = freshService()
    await expect(keys.import({ name: 'x', pem: 'not a key at all' })).rejects.toMatchObject({
      code: 'KEY_UNREADABLE',
    })
    await expect(
      keys.import({ name: 'x', pem: fixtures.text('ec-pkcs8') + ' '.repeat(65 * 1024) }),
    ).rejects.toMatchObject({ code: 'KEY_FILE_TOO_LARGE' })
  })

  it('says a key is already held instead of importing it twice, in any format', async () => {
    const { keys } = freshService()
    await keys.import({ name: 'Original', pem: fixtures.text('rsa-pkcs1') })
    const pkcs8 = execFileSync(
      'openssl',
      ['pkcs8', '-topk8', '-nocrypt', '-in', fixtures.path('rsa-pkcs1')],
      {
        encoding: 'utf8',
      },
    )
    await expect(keys.import({ name: 'Again', pem: pkcs8 })).rejects.toMatchObject({
      code: 'KEY_ALREADY_HELD',
      message: expect.stringContaining('"Original"') as unknown,
    })
    expect((await keys.list()).map((k) => k.name)).toEqual(['Original'])
  })
})

describe('importing a key with its Key-Pair-Id', () => {
  it('stores the key and the id in one step, and signs with that id', async () => {
    const { keys } = freshService()
    const summary = await keys.import({
      name: 'Given',
      pem: fixtures.text('ec-pkcs8-encrypted'),
      passphrase: PASSPHRASE,
      keyPairId: ' K2JCJMDEHXQW5F ',
    })
    expect(summary).toMatchObject({ keyPairId: 'K2JCJMDEHXQW5F', uploads: [{ keyPairId: 'K2JCJMDEHXQW5F' }] })
    expect(await keys.list()).toEqual([summary])
    const signing = await keys.loadSigningKey('Given')
    expect(signing.keyPairId).toBe('K2JCJMDEHXQW5F')
    const signature = sign('sha256', Buffer.from('policy'), heldPrivateKey(signing))
    expect(verify('sha256', Buffer.from('policy'), signing.publicKey, signature)).toBe(true)
  })

  it('imports nothing when the id is malformed or already names another key', async () => {
    const { keys } = freshService()
    const entriesBefore = keychainEntries(service).size
    await expect(
      // A key group's id one character short: neither K and 13 nor APKA and 16.
      keys.import({ name: 'Bad id', pem: fixtures.text('rsa-pkcs8'), keyPairId: 'K2JCJMDEHXQW5' }),
    ).rejects.toMatchObject({ code: 'KEY_PAIR_ID_INVALID' })
    await expect(
      keys.import({ name: 'Bad id', pem: fixtures.text('rsa-pkcs8'), keyPairId: 'APKAEIBAERJR2EXAMPLE0' }),
    ).rejects.toMatchObject({ code: 'KEY_PAIR_ID_INVALID' })
    await keys.import({ name: 'First', pem: fixtures.text('ec-sec1'), keyPairId: 'K3ECDSAKEYP256' })
    await expect(
      keys.import({ name: 'Second', pem: fixtures.text('rsa-pkcs8'), keyPairId: 'K3ECDSAKEYP256' }),
    ).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_INVALID',
      message: expect.stringContaining('"First"') as unknown,
    })
    expect((await keys.list()).map((k) => k.name)).toEqual(['First'])
    // Only First reached the keychain: the refused imports left no secret behind.
    expect(keychainEntries(service).size).toBe(entriesBefore + 1)
  })
})

describe('managing keys', () => {
  it('shows the SPKI public key OpenSSL derives, by name or id', async () => {
    const { keys } = freshService()
    const summary = await keys.import({ name: 'Shown', pem: fixtures.text('ec-sec1') })
    const expected = execFileSync('openssl', ['pkey', '-in', fixtures.path('ec-sec1'), '-pubout'], {
      encoding: 'utf8',
    })
    expect(await keys.publicKeyPem('shown')).toBe(expected)
    expect(await keys.show(summary.id)).toMatchObject({ ...summary, publicKeyPem: expected })
  })

  it('renames, and finds the key by its new name only', async () => {
    const { keys } = freshService()
    await keys.create({ name: 'Old', type: 'ecdsa' })
    await keys.create({ name: 'Other', type: 'ecdsa' })
    await expect(keys.rename('Old', 'other')).rejects.toMatchObject({ code: 'KEY_NAME_TAKEN' })
    expect(await keys.rename('Old', '  New name ')).toMatchObject({ name: 'New name' })
    await expect(keys.find('Old')).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' })
    expect(await keys.find('new NAME')).toMatchObject({ name: 'New name' })
  })

  it('records Key-Pair-Ids: typed by hand (validated) or from an upload; the latest one signs', async () => {
    const { keys } = freshService()
    await keys.create({ name: 'Uploaded', type: 'rsa' })
    await expect(keys.setKeyPairId('Uploaded', 'k2jcjmdehxqw5f')).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_INVALID',
    })
    await expect(keys.setKeyPairId('Uploaded', 'K2JCJMDEHXQW5')).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_INVALID',
    })
    now += 1000
    expect(await keys.setKeyPairId('Uploaded', 'K2JCJMDEHXQW5F')).toMatchObject({
      keyPairId: 'K2JCJMDEHXQW5F',
    })
    now += 1000
    const recorded = await keys.recordUpload('Uploaded', {
      keyPairId: 'A3XK9QZ1LMN0PQ',
      accountId: '123456789012',
    })
    expect(recorded.keyPairId).toBe('A3XK9QZ1LMN0PQ')
    expect(recorded.uploads).toEqual([
      { keyPairId: 'K2JCJMDEHXQW5F', recordedAt: now - 1000 },
      { keyPairId: 'A3XK9QZ1LMN0PQ', accountId: '123456789012', recordedAt: now },
    ])
    expect((await keys.loadSigningKey('Uploaded')).keyPairId).toBe('A3XK9QZ1LMN0PQ')
    await keys.create({ name: 'Second', type: 'ecdsa' })
    await expect(keys.setKeyPairId('Second', 'K2JCJMDEHXQW5F')).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_INVALID',
      message: expect.stringContaining('"Uploaded"') as unknown,
    })
  })

  it('deletes both the keychain entry and the metadata, and says whether it had been uploaded', async () => {
    const { keys, dataDir } = freshService()
    const plain = await keys.create({ name: 'Plain', type: 'ecdsa' })
    const uploaded = await keys.create({ name: 'Live', type: 'ecdsa' })
    await keys.setKeyPairId('Live', 'K2JCJMDEHXQW5F')
    expect(await keys.delete('Plain')).toEqual({ name: 'Plain', wasUploaded: false, keyPairIds: [] })
    expect(await keys.delete(uploaded.id)).toEqual({
      name: 'Live',
      wasUploaded: true,
      keyPairIds: ['K2JCJMDEHXQW5F'],
    })
    expect(keychainEntries(service).has(plain.id)).toBe(false)
    expect(keychainEntries(service).has(uploaded.id)).toBe(false)
    expect(await keys.list()).toEqual([])
    expect(JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'))).toEqual({ version: 1, keys: [] })
    await expect(keys.delete('Plain')).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' })
  })

  it('says so when a key was removed from the keychain behind its back', async () => {
    const { keys } = freshService()
    const summary = await keys.create({ name: 'Gone', type: 'ecdsa' })
    await keychain.delete(summary.id)
    await expect(keys.loadSigningKey('Gone')).rejects.toMatchObject({
      code: 'KEYCHAIN_ENTRY_MISSING',
      message: expect.stringContaining('no longer in the OS keychain') as unknown,
    })
    expect((await keys.delete('Gone')).name).toBe('Gone')
  })

  it('reports a damaged keys.json instead of starting over', async () => {
    const { keys, dataDir } = freshService()
    writeFileSync(join(dataDir, 'keys.json'), '{"version": 1, "keys": [{"id": 3}]}')
    await expect(keys.list()).rejects.toMatchObject({ code: 'KEY_METADATA_UNREADABLE' })
    await expect(keys.create({ name: 'x', type: 'ecdsa' })).rejects.toMatchObject({
      code: 'KEY_METADATA_UNREADABLE',
    })
  })
})

describe('exporting a private key', () => {
  it('writes encrypted PKCS#8 with mode 0600 that OpenSSL opens with the passphrase and that imports back', async () => {
    const { keys } = freshService()
    const summary = await keys.create({ name: 'Backed up', type: 'rsa' })
    const out = join(mkdtempSync(join(tmpdir(), 'keyfront-out-')), 'backup.pem')
    dirs.push(join(out, '..'))
    writeFileSync(out, 'old content', { mode: 0o644 })
    await keys.exportPrivateKey('Backed up', PASSPHRASE, out, { replace: true })
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const pem = readFileSync(out, 'utf8')
    expect(pem).toMatch(/^-{5}BEGIN ENCRYPTED PRIVATE KEY-{5}\n/)
    expect(opensslFingerprint(out, PASSPHRASE)).toBe(summary.fingerprint)
    const other = freshService().keys
    expect(await other.import({ name: 'Restored', pem, passphrase: PASSPHRASE })).toMatchObject({
      fingerprint: summary.fingerprint,
    })
    await expect(keys.exportPrivateKey('Backed up', 'short', out, { replace: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })
})
