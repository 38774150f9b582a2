// The history file holds no working link: links signed for real (canned and custom URLs, a cookie
// set, a batch) are recorded, and the database file and its -wal are scanned byte by byte for
// every signature — as sent, as standard base64 and as raw bytes. None may be found. And what is
// stored is enough to sign again: the SDK, given a stored entry, makes the identical RSA URL.
import { existsSync, readFileSync } from 'node:fs'
import { getSignedUrl } from '@aws-sdk/cloudfront-signer'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { historyPath } from '../../../../src/core/history/database.ts'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import type { HistoryEntry } from '../../../../src/shared/contract/history.ts'
import {
  rsaPrivateKeyPem,
  signCannedUrl,
  signCookies,
  signCustomUrl,
  tempDir,
  testClock,
  type SignedLink,
} from './fixtures.ts'

const EXPIRES = 2_000_000_000

function databaseBytes(dataDir: string): Buffer {
  const path = historyPath(dataDir)
  return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)))
}

/** Every form a signature could take in the file. */
function signatureForms(signature: string): Buffer[] {
  const standard = signature.replaceAll('-', '+').replaceAll('_', '=').replaceAll('~', '/')
  const raw = Buffer.from(standard, 'base64')
  expect(raw.length).toBeGreaterThanOrEqual(256)
  return [Buffer.from(signature), Buffer.from(standard), raw, Buffer.from(raw.toString('hex'))]
}

function signAgainWithSdk(entry: HistoryEntry, privateKey: string): string {
  return entry.canned
    ? getSignedUrl({
        url: entry.url,
        keyPairId: entry.keyPairId,
        privateKey,
        dateLessThan: new Date(entry.expiresAt * 1000),
      })
    : getSignedUrl({ url: entry.url, keyPairId: entry.keyPairId, privateKey, policy: entry.policy })
}

describe('the history file holds no signature', () => {
  let privateKey: string
  let dir: ReturnType<typeof tempDir>
  let links: SignedLink[]

  beforeAll(() => {
    privateKey = rsaPrivateKeyPem()
  })
  beforeEach(() => {
    dir = tempDir()
    links = [
      signCannedUrl(privateKey, 'https://d111111abcdef8.cloudfront.net/reports/Q3 results.pdf', EXPIRES, {
        label: 'for ACME, invoice 42',
      }),
      signCannedUrl(
        privateKey,
        'https://d111111abcdef8.cloudfront.net/a.pdf?response-content-disposition=attachment',
        EXPIRES,
      ),
      signCustomUrl(
        privateKey,
        'https://d111111abcdef8.cloudfront.net/videos/launch.mp4',
        'https://d111111abcdef8.cloudfront.net/videos/*',
        EXPIRES,
        '192.0.2.0/24',
      ),
      signCookies(privateKey, 'https://d111111abcdef8.cloudfront.net/private/*', EXPIRES),
      ...Array.from({ length: 50 }, (_, i) =>
        signCannedUrl(privateKey, `https://d111111abcdef8.cloudfront.net/batch/${i}.jpg`, EXPIRES + i, {
          source: 'batch',
        }),
      ),
    ]
  })
  afterEach(() => dir.remove())

  it('finds none of the recorded links’ signatures in the database or its -wal, open or closed', () => {
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    store.record(links.slice(0, 4).map((link) => link.record))
    store.record(links.slice(4).map((link) => link.record))
    expect(store.list({ limit: 100 }).entries).toHaveLength(links.length)
    const check = (bytes: Buffer) => {
      expect(bytes.length).toBeGreaterThan(0)
      // Sanity: the scan does see what was recorded.
      expect(bytes.includes(Buffer.from('for ACME, invoice 42'))).toBe(true)
      for (const link of links) {
        for (const form of signatureForms(link.signature)) expect(bytes.includes(form)).toBe(false)
      }
      expect(bytes.includes(Buffer.from('Signature='))).toBe(false)
    }
    expect(existsSync(`${historyPath(dir.path)}-wal`)).toBe(true)
    check(databaseBytes(dir.path))
    store.close()
    check(databaseBytes(dir.path))
  })

  it('stores enough to sign again: the SDK makes the identical RSA URL from each stored entry', () => {
    const store = new HistoryStore({ dataDir: dir.path, clock: testClock() })
    const urls = links.filter((link) => link.record.kind === 'url')
    store.record(urls.map((link) => link.record))
    const entries = store.list({ limit: 100 }).entries.reverse()
    store.close()
    expect(entries.map((entry) => signAgainWithSdk(entry, privateKey))).toEqual(
      urls.map((link) => link.signed),
    )
  })
})
