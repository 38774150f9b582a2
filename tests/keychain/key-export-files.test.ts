// `keyfront keys export --out` against a real keychain: an existing file, a symbolic link and a
// dangling one are refused and left exactly as they were; --force replaces the file (or the link
// itself, never its target) with an owner-only encrypted key.
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import { runCli } from '../harness/cli.ts'
import { PASSPHRASE } from '../harness/key-fixtures.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

const service = `Keyfront-export-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-export-data-'))
const out = mkdtempSync(join(tmpdir(), 'keyfront-export-out-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service, KF_PASS: PASSPHRASE }
const OLD = 'what was there before\n'

const exportTo = (path: string, ...more: string[]) =>
  runCli(['keys', 'export', 'Backup', '--out', path, '--passphrase-env', 'KF_PASS', ...more, '--json'], {
    env,
  })
const errorCode = (stdout: string) => (JSON.parse(stdout) as { error: { code: string } }).error.code

beforeAll(async () => {
  expect((await runCli(['keys', 'create', '--name', 'Backup', '--type', 'ecdsa'], { env })).code).toBe(0)
})
afterAll(async () => {
  const keychain = createKeytarKeychain(service)
  for (const account of keychainAccounts(service)) await keychain.delete(account)
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(out, { recursive: true, force: true })
})

describe('keyfront keys export --out', () => {
  it('refuses an existing file; --force replaces it with an owner-only encrypted key', async () => {
    const file = join(out, 'backup.pem')
    writeFileSync(file, OLD)
    chmodSync(file, 0o644)
    expect(errorCode((await exportTo(file)).stdout)).toBe('FILE_EXISTS')
    expect(readFileSync(file, 'utf8')).toBe(OLD)
    expect(statSync(file).mode & 0o777).toBe(0o644)
    expect((await exportTo(file, '--force')).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toMatch(/^-{5}BEGIN ENCRYPTED PRIVATE KEY-{5}\n/)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('never writes through a symbolic link, and --force replaces only the link', async () => {
    const target = join(out, 'precious.txt')
    writeFileSync(target, OLD)
    chmodSync(target, 0o644)
    const link = join(out, 'link.pem')
    symlinkSync(target, link)
    expect(errorCode((await exportTo(link)).stdout)).toBe('FILE_EXISTS')
    expect((await exportTo(link, '--force')).code).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(statSync(target).mode & 0o777).toBe(0o644)
    expect(lstatSync(link).isSymbolicLink()).toBe(false)
    expect(readFileSync(link, 'utf8')).toContain('ENCRYPTED PRIVATE KEY')
  })

  it('never creates the file a dangling symbolic link points at', async () => {
    const target = join(out, 'not-yet.pem')
    const link = join(out, 'dangling.pem')
    symlinkSync(target, link)
    expect(errorCode((await exportTo(link)).stdout)).toBe('FILE_EXISTS')
    expect(existsSync(target)).toBe(false)
    expect(readlinkSync(link)).toBe(target)
  })

  it('writes a new file, leaving no temporary file behind', async () => {
    expect((await exportTo(join(out, 'fresh.pem'))).code).toBe(0)
    expect(statSync(join(out, 'fresh.pem')).mode & 0o777).toBe(0o600)
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
