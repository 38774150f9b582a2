// The history over the real core: keys in a real Secret Service, links signed by LinkService (one
// URL, a cookie set, a batch on worker threads). The database file holds none of their
// signatures; "copy again" (core, CLI and CSV export) gives back the byte-identical RSA link and
// a valid ECDSA one; a deleted key's entries say they cannot be made again; a key file's entries
// say how to bring them back, and come back once that key is imported.
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../src/core/app.ts'
import { signAgain } from '../../src/core/history/actions.ts'
import { historyPath } from '../../src/core/history/database.ts'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import { fromUrlSafeBase64 } from '../../src/core/signing/policy.ts'
import type { SignedLink } from '../../src/shared/contract/links.ts'
import { runCli } from '../harness/cli.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'

const service = `Keyfront-history-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-history-links-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
const BASE = 'https://d111111abcdef8.cloudfront.net'
const EXPIRES = Math.floor(Date.now() / 1000) + 7 * 86_400

let kf: Keyfront
const made: { rsa: SignedLink; custom: SignedLink; cookies: SignedLink; ecdsa: SignedLink; batch: string[] } =
  {} as never

function signatureOf(signedUrl: string): string {
  return new URL(signedUrl).searchParams.get('Signature') ?? ''
}

function idOf(link: SignedLink): number {
  const entry = kf.history.findByPolicy(link.policy, link.keyPairId)
  if (!entry) throw new Error(`not recorded: ${link.url}`)
  return entry.id
}

beforeAll(async () => {
  kf = createTestKeyfront({ dataDir, keychainService: service })
  await kf.keys.create({ name: 'rsa main', type: 'rsa' })
  await kf.keys.setKeyPairId('rsa main', 'K2JCJMDEHXQW5F')
  await kf.keys.create({ name: 'ec main', type: 'ecdsa' })
  await kf.keys.setKeyPairId('ec main', 'K3ECDSAPAIRID7')
  made.rsa = await kf.links.sign({
    key: 'rsa main',
    url: `${BASE}/reports/Q3 results.pdf`,
    expiresAt: EXPIRES,
    label: 'for ACME, invoice 42',
  })
  made.custom = await kf.links.sign({
    key: 'rsa main',
    url: `${BASE}/videos/launch.mp4`,
    resource: `${BASE}/videos/*`,
    ipAddress: '192.0.2.0/24',
    expiresAt: EXPIRES,
    hash: 'sha256',
  })
  made.cookies = await kf.links.sign({
    key: 'rsa main',
    url: `${BASE}/private/*`,
    cookies: true,
    expiresAt: EXPIRES,
  })
  made.ecdsa = await kf.links.sign({ key: 'ec main', url: `${BASE}/photos/team.jpg`, expiresAt: EXPIRES })
  const batch = await kf.links.signBatch({
    key: 'rsa main',
    expiresAt: EXPIRES,
    urls: Array.from({ length: 40 }, (_, i) => `${BASE}/batch/photo-${i}.jpg`),
  })
  made.batch = batch.signedUrls
}, 60_000)

afterAll(async () => {
  kf.close()
  const keychain = createKeytarKeychain(service)
  for (const key of await kf.keys.list()) await keychain.delete(key.id)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('history of links signed by the real core', () => {
  it('recorded every link: one URL, a custom policy, cookies, ECDSA and a batch of 40', () => {
    const entries = kf.history.list({ limit: 100 }).entries
    expect(entries).toHaveLength(44)
    expect(entries.filter((entry) => entry.source === 'batch')).toHaveLength(40)
    expect(kf.history.list({ limit: 10, search: 'acme' }).entries.map((entry) => entry.url)).toEqual([
      `${BASE}/reports/Q3 results.pdf`,
    ])
  })

  it('holds none of their signatures, in the database file or its -wal', () => {
    const signatures = [
      signatureOf(made.rsa.signedUrl ?? ''),
      signatureOf(made.custom.signedUrl ?? ''),
      signatureOf(made.ecdsa.signedUrl ?? ''),
      made.cookies.cookies?.find((cookie) => cookie.name === 'CloudFront-Signature')?.value ?? '',
      ...made.batch.map(signatureOf),
    ]
    const path = historyPath(dataDir)
    const bytes = Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)))
    expect(bytes.includes(Buffer.from('for ACME, invoice 42'))).toBe(true)
    for (const signature of signatures) {
      expect(signature.length).toBeGreaterThan(40)
      expect(bytes.includes(Buffer.from(signature))).toBe(false)
      expect(bytes.includes(fromUrlSafeBase64(signature) ?? Buffer.alloc(1))).toBe(false)
    }
  })

  it('copies an RSA link again byte for byte: canned, custom policy with SHA-256, cookies, batch', async () => {
    const same = { sameLink: true }
    expect(await signAgain(kf, idOf(made.rsa))).toEqual({ kind: 'url', url: made.rsa.signedUrl, ...same })
    expect(await signAgain(kf, idOf(made.custom))).toEqual({
      kind: 'url',
      url: made.custom.signedUrl,
      ...same,
    })
    expect(await signAgain(kf, idOf(made.cookies))).toEqual({
      kind: 'cookies',
      cookies: made.cookies.cookies,
      ...same,
    })
    const batchEntries = kf.history.list({ limit: 40, search: 'batch/photo' }).entries.reverse()
    const again = await Promise.all(batchEntries.map((entry) => signAgain(kf, entry.id)))
    expect(again.map((signed) => (signed.kind === 'url' ? signed.url : ''))).toEqual(made.batch)
  })

  it('copies an ECDSA link again as a different but valid link for the same policy', async () => {
    const signed = await signAgain(kf, idOf(made.ecdsa))
    if (signed.kind !== 'url') throw new Error('expected a URL')
    expect(signed.sameLink).toBe(false)
    const original = made.ecdsa.signedUrl ?? ''
    expect(signed.url).not.toBe(original)
    expect(signed.url.slice(0, signed.url.indexOf('Signature='))).toBe(
      original.slice(0, original.indexOf('Signature=')),
    )
    const { publicKey } = await kf.keys.loadSigningKey('ec main')
    const signature = fromUrlSafeBase64(signatureOf(signed.url)) ?? Buffer.alloc(0)
    expect(verify('sha1', Buffer.from(made.ecdsa.policy), publicKey, signature)).toBe(true)
  })

  it('copies again through the CLI, and exports working links only when asked', async () => {
    const copied = await runCli(['history', 'copy', String(idOf(made.rsa))], { env })
    expect(copied.code).toBe(0)
    expect(copied.stdout.trim()).toBe(made.rsa.signedUrl)
    const plain = join(dataDir, 'plain.csv')
    const withLinks = join(dataDir, 'with-links.csv')
    expect((await runCli(['history', 'export', '--csv', plain, '--search', 'acme'], { env })).code).toBe(0)
    const exported = await runCli(
      ['history', 'export', '--csv', withLinks, '--search', 'acme', '--include-signed-urls'],
      {
        env,
      },
    )
    expect(exported.code).toBe(0)
    expect(readFileSync(plain, 'utf8')).not.toContain('Signature=')
    expect(readFileSync(withLinks, 'utf8').trimEnd().endsWith(`,${made.rsa.signedUrl}`)).toBe(true)
  })

  it('says a link cannot be made again once its key is deleted, and until when it still works', async () => {
    const id = idOf(made.ecdsa)
    await kf.keys.delete('ec main')
    const result = await runCli(['history', 'copy', String(id), '--json'], { env })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('LINK_NOT_REPRODUCIBLE')
    expect(result.stdout).toMatch(
      /still works until .* if CloudFront still trusts its public key \(Key-Pair-Id K3ECDSAPAIRID7\)/,
    )
    const listed = await runCli(['history', '--search', 'team.jpg', '--json'], { env })
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id, canSignAgain: false }])
  })

  it('explains that a key-file link needs its key, and copies it again once that key is imported', async () => {
    const file = join(dataDir, 'borrowed.pem')
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }))
    const url = `${BASE}/handbook/keyfile edition.pdf`
    const borrowed = ['--key-file', file, '--key-pair-id', 'KFILEKEYPAIR12']
    const signed = await runCli(['sign', url, ...borrowed, '--expires', '3d', '--label', 'borrowed key'], {
      env,
    })
    expect(signed.code).toBe(0)
    const listed = await runCli(['history', '--search', 'borrowed', '--json'], { env })
    const [entry] = JSON.parse(listed.stdout) as { id: number; keyFile?: boolean; canSignAgain: boolean }[]
    expect(entry).toMatchObject({ canSignAgain: false, keyFile: true })
    expect(entry).not.toHaveProperty('keyName')

    const refused = await runCli(['history', 'copy', String(entry?.id), '--json'], { env })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('LINK_NOT_REPRODUCIBLE')
    expect(refused.stdout).toContain('was signed with a key file')
    expect(refused.stdout).toContain('Import that key once')

    const imported = await runCli(
      ['keys', 'import', '--file', file, '--name', 'borrowed', '--key-pair-id', 'KFILEKEYPAIR12'],
      {
        env,
      },
    )
    expect(imported.code).toBe(0)
    const relisted = await runCli(['history', '--search', 'borrowed', '--json'], { env })
    expect(JSON.parse(relisted.stdout)).toMatchObject([{ canSignAgain: true, keyName: 'borrowed' }])
    const copied = await runCli(['history', 'copy', String(entry?.id)], { env })
    expect(copied.code).toBe(0)
    expect(copied.stdout.trim()).toBe(signed.stdout.trim()) // RSA: the very same link
  })
})
