// `keyfront history renew` with keys in a real Secret Service, through the real CLI: an expired link
// made again for as long as it first worked (or until --expires), with the same file, label, key and
// conditions — checked in the new entry's policy and by verifying the new link's signature — while
// the old entry stays as it was; `history copy` of an expired link refuses and points to renew, and
// `--expiring` no longer lists a link once it has been renewed.
import { randomBytes, verify } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../src/core/app.ts'
import { HistoryStore } from '../../src/core/history/history-store.ts'
import { fromUrlSafeBase64 } from '../../src/core/signing/policy.ts'
import type { HistoryItem } from '../../src/shared/contract/history.ts'
import type { RenewedLink } from '../../src/shared/contract/renewal.ts'
import { runCli } from '../harness/cli.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'

const service = `Keyfront-renew-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-renew-cli-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
const URL = 'https://d111111abcdef8.cloudfront.net/reports/Q3 results.pdf'
const RESOURCE = 'https://d111111abcdef8.cloudfront.net/reports/Q3%20results.pdf'
const DAY = 86_400

let kf: Keyfront
let keyId: string
const cli = (...argv: string[]) => runCli(argv, { env })
const nowSeconds = () => Math.floor(Date.now() / 1000)

/** A link signed four days ago for three days, recorded as the CLI recorded it then. */
function recordExpiredLink(label: string, extra: object = {}): number {
  const signedAt = Date.now() - 4 * DAY * 1000
  const expiresAt = Math.floor(signedAt / 1000) + 3 * DAY
  const earlier = new HistoryStore({ dataDir, clock: { now: () => signedAt } })
  try {
    const [id] = earlier.record([
      {
        kind: 'url',
        url: URL,
        resource: RESOURCE,
        policy: `{"Statement":[{"Resource":"${RESOURCE}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`,
        canned: true,
        keyId,
        keyPairId: 'K2JCJMDEHXQW5F',
        algorithm: 'rsa-sha1',
        expiresAt,
        label,
        source: 'cli',
        ...extra,
      },
    ])
    return id ?? 0
  } finally {
    earlier.close()
  }
}

async function listed(id: number): Promise<HistoryItem | undefined> {
  const result = await cli('history', '--limit', '500', '--json')
  return (JSON.parse(result.stdout) as HistoryItem[]).find((item) => item.id === id)
}

beforeAll(async () => {
  kf = createTestKeyfront({ dataDir, keychainService: service })
  keyId = (await kf.keys.create({ name: 'Main key', type: 'rsa' })).id
  await kf.keys.setKeyPairId('Main key', 'K2JCJMDEHXQW5F')
}, 60_000)

afterAll(async () => {
  for (const key of await kf.keys.list()) await kf.keys.delete(key.id)
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('keyfront history renew', () => {
  it('makes an expired link again for as long as it first worked, and leaves the old entry as it was', async () => {
    const old = recordExpiredLink('for ACME, invoice 42')
    const before = await listed(old)
    expect(before).toMatchObject({ status: 'expired', canSignAgain: true, canCopyAgain: false })

    const started = nowSeconds()
    const result = await cli('history', 'renew', String(old), '--json')
    expect(result.code).toBe(0)
    const renewed = JSON.parse(result.stdout) as RenewedLink
    expect(renewed).toMatchObject({
      renewedFrom: old,
      entryId: old + 1,
      label: 'for ACME, invoice 42',
      keyName: 'Main key',
    })
    expect(renewed.expiresAt - started).toBeGreaterThanOrEqual(3 * DAY)
    expect(renewed.expiresAt - started).toBeLessThanOrEqual(3 * DAY + 60)

    // The new entry's policy: the same resource, the new expiry; and the link's signature checks out.
    const entry = await listed(old + 1)
    expect(entry).toMatchObject({
      url: URL,
      resource: RESOURCE,
      keyId,
      renewedFrom: old,
      source: 'cli',
      status: 'active',
    })
    expect(JSON.parse(entry?.policy ?? '')).toEqual({
      Statement: [
        { Resource: RESOURCE, Condition: { DateLessThan: { 'AWS:EpochTime': renewed.expiresAt } } },
      ],
    })
    const signedUrl = new globalThis.URL(renewed.signedUrl ?? '')
    expect(signedUrl.searchParams.get('Expires')).toBe(String(renewed.expiresAt))
    const { publicKey } = await kf.keys.loadSigningKey('Main key')
    const signature = fromUrlSafeBase64(signedUrl.searchParams.get('Signature') ?? '') ?? Buffer.alloc(0)
    expect(verify('sha1', Buffer.from(entry?.policy ?? ''), publicKey, signature)).toBe(true)

    expect(await listed(old)).toEqual({ ...before, renewedAs: old + 1 })
  })

  it('says, in text, which entry it renewed and until when the new link works; the link alone on stdout', async () => {
    const old = recordExpiredLink('text output')
    const result = await cli('history', 'renew', String(old), '--expires', '30d')
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/reports\/Q3%20results\.pdf\?Expires=\d+&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=\S+$/,
    )
    expect(result.stderr).toMatch(
      new RegExp(`^Renewed link ${old} as link ${old + 1}: works until .* in 30 days\\)\\.`),
    )
    expect((await listed(old + 1))?.expiresAt).toBe(Number(/Expires=(\d+)/.exec(result.stdout)?.[1]))
  })

  it('refuses to copy an expired link again, and points to renew', async () => {
    const old = recordExpiredLink('copy me')
    const result = await cli('history', 'copy', String(old))
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      new RegExp(`Link ${old} stopped working on .* UTC.*keyfront history renew ${old}`),
    )
  })

  it('lists a link expiring soon until it is renewed', async () => {
    const soon = recordExpiredLink('expiring soon', { expiresAt: nowSeconds() + 3600 })
    const expiring = async () =>
      (JSON.parse((await cli('history', '--expiring', '48h', '--json')).stdout) as HistoryItem[]).map(
        (item) => item.id,
      )
    expect(await expiring()).toContain(soon)
    expect((await cli('history', 'renew', String(soon))).code).toBe(0)
    expect(await expiring()).not.toContain(soon)
  })
})
