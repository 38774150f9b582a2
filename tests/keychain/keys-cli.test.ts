// `keyfront keys …` run in-process over the real core and a real Secret Service: every command in
// text and --json, exit codes (0 done, 1 refused, 2 wrong command line), passphrases only from
// the environment, and no private key text in anything printed.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import type { KeyDetails, KeySummary } from '../../src/shared/contract/keys.ts'
import { runCli, type CliRun } from '../harness/cli.ts'
import {
  PASSPHRASE,
  containsPrivateMaterial,
  keyFromFile,
  makeKeyFixtures,
  opensslFingerprint,
  type KeyFixtures,
} from '../harness/key-fixtures.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

const service = `Keyfront-cli-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-cli-'))
const outDir = mkdtempSync(join(tmpdir(), 'keyfront-cli-out-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service, KF_PASS: PASSPHRASE }
let fixtures: KeyFixtures
const outputs: string[] = []

async function keyfront(...argv: string[]): Promise<CliRun> {
  const result = await runCli(argv, { env })
  outputs.push(result.stdout, result.stderr)
  return result
}

async function json<T>(...argv: string[]): Promise<T> {
  const result = await keyfront(...argv, '--json')
  expect(result.code, result.stdout).toBe(0)
  return JSON.parse(result.stdout) as T
}

async function jsonError(
  ...argv: string[]
): Promise<{ code: number; error: { code: string; message: string } }> {
  const result = await keyfront(...argv, '--json')
  return { code: result.code, ...(JSON.parse(result.stdout) as { error: { code: string; message: string } }) }
}

beforeAll(() => {
  fixtures = makeKeyFixtures()
}, 120_000)
afterAll(async () => {
  const keychain = createKeytarKeychain(service)
  for (const account of keychainAccounts(service)) await keychain.delete(account)
  for (const dir of [dataDir, outDir, fixtures.dir]) rmSync(dir, { recursive: true, force: true })
})

describe('keyfront keys', () => {
  it('create: makes an RSA key by default, an ECDSA one with --type ecdsa, kept in the keychain', async () => {
    const text = await keyfront('keys', 'create', '--name', 'Web RSA')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(
      /Created "Web RSA"\.\ntype +RSA 2048\nfingerprint +([0-9A-F]{2}:){31}[0-9A-F]{2}\n/,
    )
    expect(text.stdout).toContain('keyfront keys export-public "Web RSA"')
    const ec = await json<KeySummary>('keys', 'create', '--name', 'Web EC', '--type', 'ecdsa')
    expect(ec).toMatchObject({ name: 'Web EC', type: 'ecdsa', uploads: [] })
    expect(keychainAccounts(service)).toContain(ec.id)
  })

  it('create: refuses a type CloudFront does not take, and a missing name, as usage errors (exit 2)', async () => {
    const wrongType = await keyfront('keys', 'create', '--name', 'x', '--type', 'dsa')
    expect(wrongType.code).toBe(2)
    expect(wrongType.stderr).toContain('Allowed choices are rsa, ecdsa')
    expect(wrongType.stderr).toContain('keyfront keys create --help')
    expect((await keyfront('keys', 'create')).code).toBe(2)
  })

  it('import: reads a PEM file; same fingerprint as OpenSSL', async () => {
    const key = await json<KeySummary>(
      'keys',
      'import',
      '--name',
      'Imported',
      '--file',
      fixtures.path('rsa-pkcs1'),
    )
    expect(key.fingerprint).toBe(opensslFingerprint(fixtures.path('rsa-pkcs1')))
  })

  it('import: asks for --passphrase-env for an encrypted key, and takes the passphrase from that variable', async () => {
    const file = fixtures.path('ec-pkcs8-encrypted')
    const missing = await jsonError('keys', 'import', '--name', 'Enc', '--file', file)
    expect(missing).toMatchObject({ code: 1, error: { code: 'KEY_PASSPHRASE_REQUIRED' } })
    expect(missing.error.message).toContain('--passphrase-env')
    const unset = await keyfront(
      'keys',
      'import',
      '--name',
      'Enc',
      '--file',
      file,
      '--passphrase-env',
      'KF_UNSET',
    )
    expect(unset.code).toBe(2)
    expect(unset.stderr).toContain('KF_UNSET is not set')
    const key = await json<KeySummary>(
      'keys',
      'import',
      '--name',
      'Enc',
      '--file',
      file,
      '--passphrase-env',
      'KF_PASS',
    )
    expect(key.fingerprint).toBe(opensslFingerprint(file, PASSPHRASE))
    const argv = await keyfront('keys', 'import', '--name', 'E2', '--file', file, '--passphrase', PASSPHRASE)
    expect(argv.code, 'a passphrase on the command line is not accepted').toBe(2)
  })

  it('import: gives each unusable file its own code (exit 1)', async () => {
    const big = join(outDir, 'big.pem')
    writeFileSync(big, fixtures.text('ec-pkcs8') + '\n'.repeat(70_000))
    const cases: [string, string][] = [
      [fixtures.path('public-key'), 'KEY_NOT_PRIVATE'],
      [fixtures.path('certificate'), 'KEY_NOT_PRIVATE'],
      [fixtures.path('rsa-4096'), 'KEY_WRONG_SIZE'],
      [fixtures.path('ec-p384'), 'KEY_WRONG_CURVE'],
      [fixtures.path('ed25519'), 'KEY_UNSUPPORTED_TYPE'],
      [big, 'KEY_FILE_TOO_LARGE'],
      [join(outDir, 'no-such-file.pem'), 'INVALID_INPUT'],
      [fixtures.path('rsa-pkcs8'), 'KEY_ALREADY_HELD'],
    ]
    await json('keys', 'import', '--name', 'Held', '--file', fixtures.path('rsa-pkcs8'))
    for (const [file, code] of cases) {
      expect(await jsonError('keys', 'import', '--name', 'Bad', '--file', file), file).toMatchObject({
        code: 1,
        error: { code },
      })
    }
    const text = await keyfront('keys', 'import', '--name', 'Bad', '--file', fixtures.path('certificate'))
    expect(text.stderr).toBe(
      'keyfront: This is a certificate, which holds only the public half of a key. Import the private key it was made from instead.\n',
    )
  })

  it('list: a table in text, the summaries in --json', async () => {
    const list = await json<KeySummary[]>('keys', 'list')
    expect(list.map((k) => k.name)).toEqual(['Web RSA', 'Web EC', 'Imported', 'Enc', 'Held'])
    const text = await keyfront('keys', 'list')
    expect(text.stdout.split('\n')[0]).toMatch(/^NAME +TYPE +KEY-PAIR-ID +CREATED +FINGERPRINT +KEPT IN$/)
    expect(text.stdout).toMatch(
      /Web EC +ECDSA P-256 +- +\d{4}-\d\d-\d\d \d\d:\d\d UTC +([0-9A-F]{2}:){7}[0-9A-F]{2}…/,
    )
  })

  it('show and export-public: the SPKI PEM OpenSSL derives from the private key', async () => {
    const expected = execFileSync('openssl', ['pkey', '-in', fixtures.path('rsa-pkcs1'), '-pubout'], {
      encoding: 'utf8',
    })
    const details = await json<KeyDetails>('keys', 'show', 'imported')
    expect(details.publicKeyPem).toBe(expected)
    expect((await keyfront('keys', 'show', 'Imported')).stdout).toContain(expected)
    expect((await keyfront('keys', 'export-public', 'Imported')).stdout).toBe(expected)
    expect(await json('keys', 'export-public', details.id)).toEqual({
      id: details.id,
      name: 'Imported',
      publicKeyPem: expected,
    })
    expect(await jsonError('keys', 'show', 'nobody')).toMatchObject({
      code: 1,
      error: { code: 'KEY_NOT_FOUND' },
    })
  })

  it('rename and set-id', async () => {
    expect(await json('keys', 'rename', 'Imported', 'Legacy')).toMatchObject({ name: 'Legacy' })
    expect(await jsonError('keys', 'rename', 'Legacy', 'web ec')).toMatchObject({
      error: { code: 'KEY_NAME_TAKEN' },
    })
    // A legacy id cut short (APKA and 14, not 16): neither form of Key-Pair-Id, so refused.
    expect(await jsonError('keys', 'set-id', 'Legacy', 'APKAEIBAERJR2EXAMP')).toMatchObject({
      code: 1,
      error: {
        code: 'KEY_PAIR_ID_INVALID',
        message: expect.stringContaining('"APKA" and 16 more') as unknown,
      },
    })
    const set = await keyfront('keys', 'set-id', 'Legacy', 'K2JCJMDEHXQW5F')
    expect(set.stdout).toBe('"Legacy" now signs links with Key-Pair-Id K2JCJMDEHXQW5F.\n')
    expect(await json('keys', 'show', 'Legacy')).toMatchObject({ keyPairId: 'K2JCJMDEHXQW5F' })
  })

  it('import --key-pair-id: the key is listed with that id and signs links with it', async () => {
    const bad = await jsonError(
      'keys',
      'import',
      '--name',
      'Given',
      '--file',
      fixtures.path('ec-sec1'),
      '--key-pair-id',
      'not-an-id',
    )
    expect(bad).toMatchObject({ code: 1, error: { code: 'KEY_PAIR_ID_INVALID' } })
    const run = await keyfront(
      'keys',
      'import',
      '--name',
      'Given',
      '--file',
      fixtures.path('ec-sec1'),
      '--key-pair-id',
      'K3GIVENKEYID00',
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /with Key-Pair-Id K3GIVENKEYID00\. Sign links with it: keyfront sign URL --key "Given"/,
    )
    const list = await json<KeySummary[]>('keys', 'list')
    expect(list.find((key) => key.name === 'Given')).toMatchObject({ keyPairId: 'K3GIVENKEYID00' })
    const signed = await keyfront(
      'sign',
      'https://d111111abcdef8.cloudfront.net/a.txt',
      '--key',
      'Given',
      '--expires',
      '1d',
    )
    expect(signed.code, signed.stderr).toBe(0)
    expect(signed.stdout).toMatch(/&Key-Pair-Id=K3GIVENKEYID00&Signature=/)
    expect((await keyfront('inspect', signed.stdout.trim())).stdout).toMatch(/\nSignature {3}verified\n/)
  })

  it('export: writes encrypted PKCS#8 (mode 0600) with the passphrase from --passphrase-env', async () => {
    const out = join(outDir, 'legacy.pem')
    expect(await json('keys', 'export', 'Legacy', '--out', out, '--passphrase-env', 'KF_PASS')).toEqual({
      saved: out,
    })
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).toMatch(/^-{5}BEGIN ENCRYPTED PRIVATE KEY-{5}/)
    expect(opensslFingerprint(out, PASSPHRASE)).toBe(opensslFingerprint(fixtures.path('rsa-pkcs1')))
    expect((await keyfront('keys', 'export', 'Legacy', '--out', out)).code).toBe(2)
  })

  it('delete: needs --yes, removes keychain entry and metadata, warns when the key had been uploaded', async () => {
    const legacy = await json<KeySummary>('keys', 'show', 'Legacy')
    const refused = await keyfront('keys', 'delete', 'Legacy')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--yes')
    expect(keychainAccounts(service)).toContain(legacy.id)
    const deleted = await keyfront('keys', 'delete', 'Legacy', '--yes')
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toContain('Deleted "Legacy".')
    expect(deleted.stdout).toContain(
      'links signed with it keep working until you remove it from its key groups',
    )
    expect(keychainAccounts(service)).not.toContain(legacy.id)
    expect(await json('keys', 'delete', 'Web EC', '--yes')).toEqual({
      name: 'Web EC',
      wasUploaded: false,
      keyPairIds: [],
    })
    expect((await json<KeySummary[]>('keys', 'list')).map((k) => k.name)).toEqual([
      'Web RSA',
      'Enc',
      'Held',
      'Given',
    ])
  })

  it('never printed any private key text', () => {
    const keys = [
      keyFromFile(fixtures.path('rsa-pkcs1')),
      keyFromFile(fixtures.path('rsa-pkcs8')),
      keyFromFile(fixtures.path('ec-pkcs8-encrypted'), PASSPHRASE),
      keyFromFile(fixtures.path('ec-sec1')),
    ]
    const printed = outputs.join('\n')
    for (const key of keys) expect(containsPrivateMaterial(printed, key)).toBe(false)
  })
})
