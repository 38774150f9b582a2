// A site set up on one computer, reached from others: `cloudfront sites add` on a computer that
// holds the key but did not onboard, and `setup export` → `setup import` into a second data folder
// and a fresh keychain service. Real CLI in-process, real Secret Service, CloudFront on moto_server.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignedSite } from '../../src/shared/contract/cloudfront.ts'
import type { KeySummary } from '../../src/shared/contract/keys.ts'
import type { SetupImported } from '../../src/shared/contract/setup.ts'
import { runCli, type CliRun } from '../harness/cli.ts'
import { startMoto, type Moto } from '../harness/moto.ts'
import { keychainAccounts, keychainEntries } from '../harness/secret-tool.ts'
import { createTestDistribution, directClient } from '../unit/core/cloudfront/world.ts'

const PASSPHRASE = 'correct horse battery'

/** One computer: its own data folder and its own keychain service. */
function computer(name: string) {
  const service = `Keyfront-setup-${name}-${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), `keyfront-setup-${name}-`))
  const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service, SETUP_PASS: PASSPHRASE }
  const run = (...argv: string[]): Promise<CliRun> => runCli(argv, { env })
  return {
    service,
    dataDir,
    run,
    async json<T>(...argv: string[]): Promise<T> {
      const result = await run(...argv, '--json')
      expect(result.code, result.stdout + result.stderr).toBe(0)
      return JSON.parse(result.stdout) as T
    },
    async failure(...argv: string[]): Promise<{ code: string; message: string }> {
      const result = await run(...argv, '--json')
      expect(result.code, result.stdout).toBe(1)
      return (JSON.parse(result.stdout) as { error: { code: string; message: string } }).error
    },
    async cleanUp() {
      for (const key of await this.json<KeySummary[]>('keys', 'list')) {
        await this.run('keys', 'delete', key.id, '--yes')
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const office = computer('office')
const laptop = computer('laptop')
const colleague = computer('colleague')
const files = mkdtempSync(join(tmpdir(), 'keyfront-setup-files-'))
let moto: Moto
let distributionId: string
let domainName: string

/** A link for the same path and expiry, made on one computer (epoch expiry: no clock in it). */
async function linkOn(where: ReturnType<typeof computer>): Promise<string> {
  const link = await where.json<{ url: string }>(
    'sign',
    '--site',
    distributionId,
    '/private/report.pdf',
    '--expires',
    '2000000000',
    '--no-check',
  )
  return link.url
}

beforeAll(async () => {
  moto = await startMoto()
  Object.assign(process.env, moto.env)
  distributionId = await createTestDistribution(directClient(moto.endpoint), 'Shared files')
  await office.json('keys', 'create', '--name', 'reports', '--type', 'rsa')
  await office.json(
    'cloudfront',
    'onboard',
    '--distribution',
    distributionId,
    '--key',
    'reports',
    '--behavior',
    'default',
    '--behavior',
    '/private/*',
  )
  domainName = (await office.json<SignedSite[]>('cloudfront', 'sites'))[0]?.domainName ?? ''
})
afterAll(async () => {
  await Promise.all([office.cleanUp(), laptop.cleanUp(), colleague.cleanUp()])
  rmSync(files, { recursive: true, force: true })
  await moto.stop()
})

describe('keyfront cloudfront sites add', () => {
  it('adds a site onboarded elsewhere, found by its address, with the paths that trust the key', async () => {
    const pem = join(files, 'reports.pem')
    await office.json('keys', 'export', 'reports', '--out', pem, '--passphrase-env', 'SETUP_PASS')
    // The laptop holds the same key, imported without its Key-Pair-Id: matched by fingerprint.
    await laptop.json('keys', 'import', '--name', 'reports', '--file', pem, '--passphrase-env', 'SETUP_PASS')
    const site = await laptop.json<SignedSite>(
      'cloudfront',
      'sites',
      'add',
      '--distribution',
      `https://${domainName}/private/`,
      '--key',
      'reports',
    )
    const onboarded = (await office.json<SignedSite[]>('cloudfront', 'sites'))[0]
    expect(site).toMatchObject({
      distributionId,
      domainName,
      keyPairId: onboarded?.keyPairId,
      keyGroupId: onboarded?.keyGroupId,
      restrictedPaths: ['*', '/private/*'],
    })
    const [key] = await laptop.json<KeySummary[]>('keys', 'list')
    expect(key?.keyPairId).toBe(onboarded?.keyPairId)
    expect(await linkOn(laptop)).toBe(await linkOn(office))
  })

  it('keeps only the paths asked for, and refuses one the key does not guard', async () => {
    const narrowed = await laptop.json<SignedSite>(
      'cloudfront',
      'sites',
      'add',
      '--distribution',
      distributionId,
      '--key',
      'reports',
      '--path',
      '/private/*',
    )
    expect(narrowed.restrictedPaths).toEqual(['/private/*'])
    const text = await laptop.run(
      'cloudfront',
      'sites',
      'add',
      '--distribution',
      distributionId,
      '--key',
      'reports',
    )
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`Added ${distributionId} (${domainName}) with key "reports".`)
    expect(text.stdout).toContain(`keyfront sign --site ${distributionId} PATH --expires 7d`)
    const stray = await laptop.failure(
      'cloudfront',
      'sites',
      'add',
      '--distribution',
      distributionId,
      '--key',
      'reports',
      '--path',
      '/media/*',
    )
    expect(stray.code).toBe('SITE_PATH_NOT_RESTRICTED')
    expect(stray.message).toContain('"/private/*"')
  })

  it('refuses a key the distribution does not trust, says what to do, and records nothing', async () => {
    await laptop.json('keys', 'create', '--name', 'stranger')
    const before = await laptop.json<SignedSite[]>('cloudfront', 'sites')
    const error = await laptop.failure(
      'cloudfront',
      'sites',
      'add',
      '--distribution',
      distributionId,
      '--key',
      'stranger',
    )
    expect(error.code).toBe('SITE_KEY_NOT_TRUSTED')
    expect(error.message).toContain(`keyfront cloudfront onboard --distribution ${distributionId}`)
    expect(error.message).toContain('setup import')
    expect(await laptop.json<SignedSite[]>('cloudfront', 'sites')).toEqual(before)
    const text = await laptop.run(
      'cloudfront',
      'sites',
      'add',
      '--distribution',
      'nowhere.example',
      '--key',
      'reports',
    )
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('No site in this AWS account answers at "nowhere.example"')
  })
})

describe('keyfront setup export / import', () => {
  const setupFile = join(files, 'shared.keyfront-setup')

  it('writes one owner-only file: key and site sealed, no key text, the site readable for people', async () => {
    const short = await office.run(
      'setup',
      'export',
      '--site',
      distributionId,
      '--out',
      join(files, 'x'),
      '--passphrase-env',
      'SHORT',
      '--json',
    )
    expect(short.code).toBe(2)
    const tooShort = await runCli(
      [
        'setup',
        'export',
        '--site',
        distributionId,
        '--out',
        join(files, 'x'),
        '--passphrase-env',
        'P',
        '--json',
      ],
      { env: { KEYFRONT_DATA_DIR: office.dataDir, KEYFRONT_KEYCHAIN_SERVICE: office.service, P: 'short' } },
    )
    expect(tooShort.code).toBe(1)
    expect(JSON.parse(tooShort.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } })

    const saved = await office.run(
      'setup',
      'export',
      '--site',
      domainName,
      '--out',
      setupFile,
      '--passphrase-env',
      'SETUP_PASS',
    )
    expect(saved.code, saved.stderr).toBe(0)
    expect(saved.stdout).toContain(`Saved the setup of ${domainName}`)
    expect(statSync(setupFile).mode & 0o777).toBe(0o600)
    const text = readFileSync(setupFile, 'utf8')
    // The keychain holds the key as PKCS#8 DER in base64: none of it may be in the file.
    const [der = ''] = keychainEntries(office.service).values()
    expect(der.length).toBeGreaterThan(1000)
    expect(text).not.toContain('PRIVATE KEY')
    expect(text).not.toContain(der.slice(100, 140))
    expect(text).not.toContain(Buffer.from(der, 'base64').toString('hex').slice(200, 280))
    expect(text).not.toContain(PASSPHRASE)
    expect(text).not.toContain(distributionId)
    const file = JSON.parse(text) as Record<string, unknown>
    expect(Object.keys(file)).toEqual(['format', 'version', 'readable', 'sealed'])
    expect(file).toMatchObject({
      format: 'keyfront-setup',
      version: 1,
      readable: { site: 'Shared files', address: domainName },
      sealed: { kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1, cipher: 'aes-256-gcm' },
    })
    const again = await office.failure(
      'setup',
      'export',
      '--site',
      distributionId,
      '--out',
      setupFile,
      '--passphrase-env',
      'SETUP_PASS',
    )
    expect(again.code).toBe('FILE_EXISTS')
  })

  it('a wrong passphrase says so with its own code and changes nothing', async () => {
    const wrong = await runCli(['setup', 'import', setupFile, '--passphrase-env', 'P', '--json'], {
      env: {
        KEYFRONT_DATA_DIR: colleague.dataDir,
        KEYFRONT_KEYCHAIN_SERVICE: colleague.service,
        P: 'not the one',
      },
    })
    expect(wrong.code).toBe(1)
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'SETUP_PASSPHRASE_WRONG' } })
    expect(await colleague.json('keys', 'list')).toEqual([])
    expect(await colleague.json('cloudfront', 'sites')).toEqual([])
    expect(keychainAccounts(colleague.service)).toEqual([])
  })

  it('imports into a second data folder and keychain: the same link, byte for byte', async () => {
    const result = await colleague.json<SetupImported>(
      'setup',
      'import',
      setupFile,
      '--passphrase-env',
      'SETUP_PASS',
    )
    expect(result).toMatchObject({ keyReused: false, siteUpdated: false, key: { name: 'reports' } })
    expect(keychainAccounts(colleague.service)).toEqual([result.key.id])
    expect(result.site).toMatchObject({
      distributionId,
      keyId: result.key.id,
      restrictedPaths: ['*', '/private/*'],
    })
    expect(await linkOn(colleague)).toBe(await linkOn(office))
  })

  it('a key already held is reused (no second copy) and a known site is brought up to date', async () => {
    const again = await colleague.run('setup', 'import', setupFile, '--passphrase-env', 'SETUP_PASS')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toContain('already held its key, as "reports"')
    expect(again.stdout).toContain('was already here')
    expect(await colleague.json<KeySummary[]>('keys', 'list')).toHaveLength(1)
    expect(keychainAccounts(colleague.service)).toHaveLength(1)
    // The laptop holds the key under its own name, next to another key: still reused.
    const onLaptop = await laptop.json<SetupImported>(
      'setup',
      'import',
      setupFile,
      '--passphrase-env',
      'SETUP_PASS',
    )
    expect(onLaptop).toMatchObject({ keyReused: true, siteUpdated: true })
    expect(await laptop.json<KeySummary[]>('keys', 'list')).toHaveLength(2)
  })

  it('says what is wrong with a file that is not a setup', async () => {
    const notSetup = join(files, 'reports.pem')
    const error = await colleague.failure('setup', 'import', notSetup, '--passphrase-env', 'SETUP_PASS')
    expect(error).toMatchObject({ code: 'SETUP_FILE_INVALID' })
    const missing = await colleague.failure(
      'setup',
      'import',
      join(files, 'nope'),
      '--passphrase-env',
      'SETUP_PASS',
    )
    expect(missing.message).toContain('There is no file at')
  })
})
