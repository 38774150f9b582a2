// Renewing a link of the history over the real core (LinkService, HistoryStore, KeyService; keys in
// an in-memory keychain — tests/keychain/renew-cli.test.ts does it with the real Secret Service):
// the new entry has the original's file, key, label and conditions, works as long again from now
// (or until the time asked), and names the entry it renews, which stays as it was. A deleted key
// says what to do; a forgotten site falls back to the address.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Keyfront } from '../../../../src/core/app.ts'
import { copyAgain, signAgain } from '../../../../src/core/history/actions.ts'
import { SignedSites } from '../../../../src/core/cloudfront/signed-sites.ts'
import type { SignedSite } from '../../../../src/shared/contract/cloudfront.ts'
import type { HistoryEntry } from '../../../../src/shared/contract/history.ts'
import type { SignedLink } from '../../../../src/shared/contract/links.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { memoryKeychain } from '../cloudfront/world.ts'
import { testClock, type TestClock } from './fixtures.ts'

const DAY = 86_400
const HOST = 'd111111abcdef8.cloudfront.net'
const SITE: SignedSite = {
  distributionId: 'E2QWRUHAPOMQZL',
  domainName: HOST,
  aliases: ['files.example.com'],
  keyId: '',
  keyPairId: 'K2JCJMDEHXQW5F',
  keyGroupId: 'kg-1',
  keyGroupName: 'keyfront-E2QWRUHAPOMQZL',
  restrictedPaths: ['*'],
  accountId: '123456789012',
  onboardedAt: Date.UTC(2029, 11, 1),
}

/** The policy with its times taken out: what must be the same in a renewal. */
function withoutTimes(policy: string): unknown {
  const parsed = JSON.parse(policy) as { Statement: { Condition: Record<string, unknown> }[] }
  for (const statement of parsed.Statement) {
    delete statement.Condition.DateLessThan
    delete statement.Condition.DateGreaterThan
  }
  return parsed
}

describe('renewing a link', () => {
  let dataDir: string
  let clock: TestClock
  let kf: Keyfront
  let keyId: string
  const nowSeconds = () => Math.floor(clock.now() / 1000)

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyfront-renew-'))
    clock = testClock()
    kf = createTestKeyfront({ dataDir, keychain: memoryKeychain(), clock })
    keyId = (await kf.keys.create({ name: 'Main key', type: 'rsa' })).id
    await kf.keys.setKeyPairId('Main key', 'K2JCJMDEHXQW5F')
  })
  afterEach(() => {
    kf.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  function entryOf(link: SignedLink): HistoryEntry {
    const entry = kf.history.findByPolicy(link.policy, link.keyPairId)
    if (!entry) throw new Error('not recorded')
    return entry
  }

  async function signThreeDayLink(): Promise<HistoryEntry> {
    const link = await kf.links.sign({
      key: 'Main key',
      url: `https://files.example.com/reports/Q3 results.pdf`,
      expiresAt: nowSeconds() + 3 * DAY,
      label: 'for ACME',
      distributionId: SITE.distributionId,
    })
    return entryOf(link)
  }

  it('makes a new entry like an expired one, working as long again, and leaves the old entry as it was', async () => {
    const old = await signThreeDayLink()
    clock.set(clock.now() + 10 * DAY * 1000)
    const before = kf.history.get(old.id)

    const renewed = await kf.renewals.renew({ id: old.id })

    expect(renewed.expiresAt).toBe(nowSeconds() + 3 * DAY)
    expect(renewed.renewedFrom).toBe(old.id)
    const entry = kf.history.get(renewed.entryId ?? 0)
    expect(entry).toMatchObject({
      url: old.url,
      resource: old.resource,
      label: 'for ACME',
      keyId,
      keyPairId: old.keyPairId,
      algorithm: 'rsa-sha1',
      canned: true,
      distributionId: SITE.distributionId,
      renewedFrom: old.id,
      source: 'app',
    })
    expect(withoutTimes(entry.policy)).toEqual(withoutTimes(old.policy))
    expect(JSON.parse(entry.policy)).toEqual({
      Statement: [
        { Resource: old.resource, Condition: { DateLessThan: { 'AWS:EpochTime': nowSeconds() + 3 * DAY } } },
      ],
    })
    expect(renewed.signedUrl).toContain(`Expires=${nowSeconds() + 3 * DAY}`)
    // The old entry: the same row, now pointing at its renewal.
    expect(kf.history.get(old.id)).toEqual({ ...before, renewedAs: entry.id })
  })

  it('works until the time asked for, when one is given', async () => {
    const old = await signThreeDayLink()
    const renewed = await kf.renewals.renew({ id: old.id, expiresAt: nowSeconds() + 30 * DAY })
    expect(renewed.expiresAt).toBe(nowSeconds() + 30 * DAY)
    expect(kf.history.get(renewed.entryId ?? 0).expiresAt).toBe(nowSeconds() + 30 * DAY)
  })

  it('keeps a custom policy: the wildcard, the IP range, the hash, and a start as long after signing', async () => {
    const link = await kf.links.sign({
      key: 'Main key',
      url: `https://${HOST}/videos/launch.mp4`,
      resource: `https://${HOST}/videos/*`,
      ipAddress: '192.0.2.0/24',
      startsAt: nowSeconds() + 3600,
      expiresAt: nowSeconds() + 7 * DAY,
      hash: 'sha256',
    })
    const old = entryOf(link)
    clock.set(clock.now() + 30 * DAY * 1000)
    const renewed = await kf.renewals.renew({ id: old.id })
    const entry = kf.history.get(renewed.entryId ?? 0)
    expect(entry).toMatchObject({
      resource: `https://${HOST}/videos/*`,
      ipAddress: '192.0.2.0/24',
      algorithm: 'rsa-sha256',
      canned: false,
      startsAt: nowSeconds() + 3600,
      expiresAt: nowSeconds() + 7 * DAY,
    })
    expect(withoutTimes(entry.policy)).toEqual(withoutTimes(old.policy))
  })

  it('renews a cookie set as cookies', async () => {
    const link = await kf.links.sign({
      key: 'Main key',
      url: `https://${HOST}/private/*`,
      cookies: true,
      expiresAt: nowSeconds() + DAY,
    })
    const renewed = await kf.renewals.renew({ id: entryOf(link).id })
    expect(renewed.kind).toBe('cookies')
    expect(renewed.cookies?.map((cookie) => cookie.name)).toEqual(link.cookies?.map((cookie) => cookie.name))
    expect(kf.history.get(renewed.entryId ?? 0)).toMatchObject({
      kind: 'cookies',
      resource: `https://${HOST}/private/*`,
    })
  })

  it('says what to do when the key was deleted: import it, or renew with the site’s key', async () => {
    const old = await signThreeDayLink()
    await new SignedSites(dataDir).remember({
      ...SITE,
      keyId: (await kf.keys.create({ name: 'Site key', type: 'ecdsa' })).id,
    })
    await kf.keys.setKeyPairId('Site key', 'K3ECDSAPAIRID7')
    await kf.keys.delete('Main key')

    const error = await kf.renewals.renew({ id: old.id }).catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ code: 'RENEW_KEY_MISSING' })
    expect((error as Error).message).toMatch(/has been deleted.*import it.*keyfront keys import/)
    expect((error as Error).message).toContain(`keyfront history renew ${old.id} --key "Site key"`)
    const draft = await kf.renewals.draft(old.id)
    expect(draft).toMatchObject({ keyMissing: 'deleted', siteKey: { name: 'Site key' } })
    expect(draft.key).toBeUndefined()

    const renewed = await kf.renewals.renew({ id: old.id, key: 'Site key' })
    expect(kf.history.get(renewed.entryId ?? 0)).toMatchObject({
      keyPairId: 'K3ECDSAPAIRID7',
      algorithm: 'ecdsa-sha1',
    })
  })

  it('without a site to suggest, says to renew with another key the site trusts', async () => {
    const old = await signThreeDayLink()
    await kf.keys.delete('Main key')
    const error = await kf.renewals.renew({ id: old.id }).catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ code: 'RENEW_KEY_MISSING' })
    expect((error as Error).message).toContain(`keyfront history renew ${old.id} --key NAME`)
  })

  it('fills the form with the site and the decoded path while the site is known, and the address once it is forgotten', async () => {
    const old = await signThreeDayLink()
    const sites = new SignedSites(dataDir)
    await sites.remember({ ...SITE, keyId })
    expect(await kf.renewals.draft(old.id)).toMatchObject({
      from: old.id,
      kind: 'url',
      url: 'https://files.example.com/reports/Q3 results.pdf',
      site: {
        distributionId: SITE.distributionId,
        address: 'files.example.com',
        path: 'reports/Q3 results.pdf',
      },
      label: 'for ACME',
      key: { id: keyId, name: 'Main key' },
      durationSeconds: 3 * DAY,
      expiresAt: nowSeconds() + 3 * DAY,
      hash: 'sha1',
    })

    await sites.forget(SITE.distributionId)
    const draft = await kf.renewals.draft(old.id)
    expect(draft.site).toBeUndefined()
    expect(draft.url).toBe('https://files.example.com/reports/Q3 results.pdf')
    const renewed = await kf.renewals.renew({ id: old.id })
    expect(renewed.url).toBe(old.url)
    expect(kf.history.get(renewed.entryId ?? 0).distributionId).toBe(SITE.distributionId)
  })

  it('refuses to copy an expired link again, pointing to renew; a working one says whether it is the same link', async () => {
    const old = await signThreeDayLink()
    expect(await copyAgain(kf, old.id)).toMatchObject({ kind: 'url', sameLink: true })
    clock.set(clock.now() + 4 * DAY * 1000)
    const error = await copyAgain(kf, old.id).catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ code: 'LINK_EXPIRED' })
    expect((error as Error).message).toContain(`keyfront history renew ${old.id}`)
    // The inspector still gets the expired link, to show why it no longer works.
    const forInspector = await signAgain(kf, old.id)
    expect(forInspector.kind === 'url' && forInspector.url).toContain(`Expires=${old.expiresAt}`)
  })
})
