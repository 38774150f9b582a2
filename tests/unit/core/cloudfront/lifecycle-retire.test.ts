// Retiring a key and stopping its links, against the CloudFront double (UpdateKeyGroup and
// DeletePublicKey with enforced ETags, PublicKeyInUse, faults): refused while links still work
// (saying how many and until when) or sites here still sign with it; --stop-links-now lists the
// links that stop and the distributions affected; a key group is never left with no key behind a
// behavior unless the user names it; every step may fail before or after it takes effect and a
// re-run finishes the job, editing no group twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RetireRequest } from '../../../../src/shared/contract/key-lifecycle.ts'
import { formatUtc } from '../../../../src/shared/expiry.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../../harness/cloudfront-double.ts'
import {
  createLifecycleWorld,
  openShop,
  recordLink,
  type LifecycleWorld,
  type Shop,
} from './lifecycle-world.ts'
import { directClient, readConfig } from './world.ts'

let double: CloudFrontDouble
let world: LifecycleWorld
let shop: Shop
let lastLink: { url: string; expiresAt: number }

beforeEach(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  world = createLifecycleWorld()
  shop = await openShop(world, double.endpoint)
  recordLink(world, shop, { id: shop.key.id, keyPairId: shop.keyPairId }, 'Q3 report', 3)
  lastLink = recordLink(world, shop, { id: shop.key.id, keyPairId: shop.keyPairId }, 'Q4 report', 12)
  double.calls.length = 0
  double.applied.length = 0
})
afterEach(async () => {
  world.close()
  await double.stop()
})

const WRITES = [
  'CreatePublicKey',
  'CreateKeyGroup',
  'UpdateKeyGroup',
  'UpdateDistribution',
  'DeletePublicKey',
]
const writes = () => double.applied.filter((call) => WRITES.includes(call.operation))
const request = (extra: Partial<RetireRequest> = {}): RetireRequest => ({ key: 'Shop 2025', ...extra })

/** Rotates to a new key, then lets the clock pass the last link of the old one. */
async function rotateAndWait() {
  const rotated = await world.kf.keyLifecycle.rotate({ key: 'Shop 2025' })
  world.now += 13 * 86_400_000
  double.applied.length = 0
  return rotated
}

describe('retiring a key', () => {
  it('is refused while links signed with it still work: how many, and until when', async () => {
    await world.kf.keyLifecycle.rotate({ key: 'Shop 2025' })
    double.applied.length = 0
    const plan = await world.kf.keyLifecycle.planRetire(request())
    expect(plan.blocked).toEqual([
      {
        code: 'KEY_LINKS_STILL_WORK',
        message: `2 links signed with "Shop 2025" still work, the last until ${formatUtc(lastLink.expiresAt)}. Retire it after that, or stop them all now (--stop-links-now; in the app: Stop all links signed with this key…).`,
      },
    ])
    await expect(world.kf.keyLifecycle.retire(request())).rejects.toMatchObject({
      code: 'KEY_LINKS_STILL_WORK',
    })
    expect(writes()).toEqual([])
  })

  it('is refused while a site here still signs with it (replace it first)', async () => {
    world.now += 13 * 86_400_000
    await expect(world.kf.keyLifecycle.retire(request())).rejects.toMatchObject({
      code: 'KEY_SITES_STILL_USE',
      message: expect.stringContaining('keyfront keys rotate "Shop 2025"') as unknown,
    })
  })

  it('once its last link has expired: can be retired; leaves its groups and CloudFront (If-Match)', async () => {
    const rotated = await rotateAndWait()
    expect((await world.kf.keyLifecycle.statuses()).find((s) => s.keyId === shop.key.id)).toMatchObject({
      status: 'can-be-retired',
      liveLinks: 0,
    })
    const plan = await world.kf.keyLifecycle.planRetire(request())
    expect(plan).toMatchObject({
      publicKeys: [{ id: shop.keyPairId }],
      keyGroups: [{ id: shop.keyGroupId, action: 'remove-key', keysAfter: 1 }],
      distributions: [{ id: shop.distributionId, behaviors: ['default', '/private/*'] }],
      liveLinks: { count: 0 },
      sites: [],
      blocked: [],
      changes: true,
    })
    const before = await readConfig(directClient(double.endpoint), shop.distributionId)
    const result = await world.kf.keyLifecycle.retire(request())
    expect(result).toMatchObject({
      removedFromGroups: [`keyfront-${shop.distributionId}`],
      lockedGroups: [],
      deletedPublicKeys: [shop.keyPairId],
      stoppedLinks: 0,
      privateKeyDeleted: false,
      changed: true,
    })
    expect(double.keyGroups[0]?.items).toEqual([rotated.newKey.keyPairId])
    expect(double.publicKeys.map((k) => k.id)).toEqual([rotated.newKey.keyPairId])
    expect(await readConfig(directClient(double.endpoint), shop.distributionId)).toEqual(before)
    expect(writes().map((w) => w.operation)).toEqual(['UpdateKeyGroup', 'DeletePublicKey'])
    const key = await world.kf.keys.find('Shop 2025')
    expect(key.uploads).toEqual([])
    expect((await world.kf.keyLifecycle.statuses()).find((s) => s.keyId === key.id)?.status).toBe(
      'not-uploaded',
    )
    await expect(world.kf.keyLifecycle.retire(request())).rejects.toMatchObject({ code: 'KEY_NOT_UPLOADED' })
  })

  it('--delete-private-key also deletes the key from Keyfront', async () => {
    await rotateAndWait()
    const result = await world.kf.keyLifecycle.retire(request({ deletePrivateKey: true }))
    expect(result.privateKeyDeleted).toBe(true)
    expect((await world.kf.keys.list()).map((k) => k.name)).toEqual([expect.stringMatching(/^Shop 2025 /)])
  })

  it('someone else edits the public key in between: read again, delete once more', async () => {
    await rotateAndWait()
    double.inject({ operation: 'DeletePublicKey', kind: 'concurrent-edit' })
    await world.kf.keyLifecycle.retire(request())
    expect(double.calls.filter((call) => call === 'DeletePublicKey')).toHaveLength(2)
    expect(double.publicKeys).toHaveLength(1)
  })

  it('AccessDenied names the action: cloudfront:UpdateKeyGroup, cloudfront:DeletePublicKey', async () => {
    await rotateAndWait()
    for (const operation of ['UpdateKeyGroup', 'DeletePublicKey']) {
      double.inject({ operation, kind: 'access-denied' })
      await expect(world.kf.keyLifecycle.retire(request())).rejects.toMatchObject({
        code: 'AWS_ACCESS_DENIED',
        message: expect.stringContaining(`lacks the IAM permission cloudfront:${operation}`) as unknown,
      })
    }
  })

  const STEPS = ['ListPublicKeys', 'GetKeyGroup', 'UpdateKeyGroup', 'GetPublicKey', 'DeletePublicKey']
  for (const operation of STEPS) {
    for (const when of ['before', 'after'] as const) {
      it(`${operation} fails ${when} taking effect → the re-run finishes, the group edited once`, async () => {
        const rotated = await rotateAndWait()
        double.inject({ operation, kind: 'server-error', when })
        await expect(world.kf.keyLifecycle.retire(request())).rejects.toMatchObject({ code: 'AWS_ERROR' })
        await world.kf.keyLifecycle.retire(request())
        expect(double.keyGroups[0]?.items).toEqual([rotated.newKey.keyPairId])
        expect(double.publicKeys.map((k) => k.id)).toEqual([rotated.newKey.keyPairId])
        expect(double.applied.filter((w) => w.operation === 'UpdateKeyGroup')).toHaveLength(1)
        expect((await world.kf.keys.find('Shop 2025')).uploads).toEqual([])
      })
    }
  }
})

describe('stopping every link signed with a key now', () => {
  it('lists the links that stop (label, URL, expiry) and the distributions affected', async () => {
    const rotated = await world.kf.keyLifecycle.rotate({ key: 'Shop 2025' })
    const plan = await world.kf.keyLifecycle.planRetire(request({ stopLinksNow: true }))
    expect(plan.blocked).toEqual([])
    expect(plan.liveLinks.count).toBe(2)
    expect(plan.liveLinks.shown).toEqual([
      expect.objectContaining({ label: 'Q4 report', url: lastLink.url, expiresAt: lastLink.expiresAt }),
      expect.objectContaining({ label: 'Q3 report', keyPairId: shop.keyPairId }),
    ])
    expect(plan.distributions).toEqual([
      { id: shop.distributionId, domainName: shop.domainName, behaviors: ['default', '/private/*'] },
    ])
    expect(plan.warnings.join(' ')).toContain('2 links signed with "Shop 2025" stop working')
    const result = await world.kf.keyLifecycle.retire(request({ stopLinksNow: true }))
    expect(result).toMatchObject({ stoppedLinks: 2, deletedPublicKeys: [shop.keyPairId], sitesForgotten: [] })
    expect(double.keyGroups[0]?.items).toEqual([rotated.newKey.keyPairId])
  })

  it('never leaves a trusted key group with no key: replace first, or name the group', async () => {
    const plan = await world.kf.keyLifecycle.planRetire(request({ stopLinksNow: true }))
    const group = `keyfront-${shop.distributionId}`
    expect(plan.keyGroups).toEqual([expect.objectContaining({ name: group, action: 'lock' })])
    expect(plan.blocked).toEqual([
      {
        code: 'CF_LAST_KEY_IN_GROUP',
        message: `"Shop 2025" is the only key in key group "${group}", trusted by ${shop.domainName} (default, /private/*): without it every link there stops, including those of any new key. Replace the key first (keyfront keys rotate "Shop 2025"), or allow "${group}" to be left with no key of its own (--allow-empty-group ${group}).`,
      },
    ])
    await expect(world.kf.keyLifecycle.retire(request({ stopLinksNow: true }))).rejects.toMatchObject({
      code: 'CF_LAST_KEY_IN_GROUP',
    })
    expect(writes()).toEqual([])
  })

  it('with the group named: a placeholder no one holds keeps the paths shut; the site is forgotten', async () => {
    const before = await readConfig(directClient(double.endpoint), shop.distributionId)
    const consent = request({ stopLinksNow: true, allowEmptyGroups: [`keyfront-${shop.distributionId}`] })
    const plan = await world.kf.keyLifecycle.planRetire(consent)
    expect(plan.blocked).toEqual([])
    expect(plan.sites.map((s) => s.distributionId)).toEqual([shop.distributionId])
    expect(plan.warnings.join(' ')).toContain('keeps only a placeholder key that no one holds')
    const result = await world.kf.keyLifecycle.retire(consent)
    expect(result).toMatchObject({
      lockedGroups: [`keyfront-${shop.distributionId}`],
      deletedPublicKeys: [shop.keyPairId],
      stoppedLinks: 2,
      sitesForgotten: [shop.distributionId],
    })
    const [placeholder] = double.publicKeys
    expect(double.publicKeys).toHaveLength(1)
    expect(double.keyGroups[0]?.items).toEqual([placeholder?.id])
    const held = await world.kf.cloudfront.publicKeys()
    expect(held[0]?.heldKey).toBeUndefined()
    expect(await readConfig(directClient(double.endpoint), shop.distributionId)).toEqual(before)
    expect(await world.kf.cloudfront.sites()).toEqual([])
  })

  for (const operation of ['CreatePublicKey', 'UpdateKeyGroup', 'DeletePublicKey']) {
    for (const when of ['before', 'after'] as const) {
      it(`${operation} fails ${when} taking effect → the re-run finishes with one placeholder`, async () => {
        const consent = request({ stopLinksNow: true, allowEmptyGroups: [shop.keyGroupId] })
        double.inject({ operation, kind: 'server-error', when })
        await expect(world.kf.keyLifecycle.retire(consent)).rejects.toMatchObject({ code: 'AWS_ERROR' })
        await world.kf.keyLifecycle.retire(consent)
        expect(double.publicKeys).toHaveLength(1)
        expect(double.keyGroups[0]?.items).toEqual([double.publicKeys[0]?.id])
        expect(double.applied.filter((w) => w.operation === 'UpdateKeyGroup')).toHaveLength(1)
        expect(await world.kf.cloudfront.sites()).toEqual([])
      })
    }
  }
})

describe('where a key is used', () => {
  it('groups, the distributions and behaviors trusting them, sites here, live links and the last expiry', async () => {
    const usage = await world.kf.keyLifecycle.usage('Shop 2025')
    expect(usage).toMatchObject({
      key: { id: shop.key.id, name: 'Shop 2025', type: 'rsa' },
      status: 'in-use',
      publicKeys: [{ id: shop.keyPairId }],
      keyGroups: [
        {
          id: shop.keyGroupId,
          keys: [{ id: shop.keyPairId, heldKey: { id: shop.key.id, name: 'Shop 2025' } }],
          distributions: [{ id: shop.distributionId, behaviors: ['default', '/private/*'] }],
        },
      ],
      sites: [{ distributionId: shop.distributionId }],
      liveLinks: { count: 2, lastExpiresAt: lastLink.expiresAt },
    })
    expect(writes()).toEqual([])
  })

  it('shows the replacement and Retiring, then Can be retired once the last link has expired', async () => {
    const rotated = await world.kf.keyLifecycle.rotate({ key: 'Shop 2025' })
    expect(await world.kf.keyLifecycle.usage('Shop 2025')).toMatchObject({
      status: 'retiring',
      replacedBy: { id: rotated.newKey.id },
      sites: [],
      retiringSince: world.now,
    })
    world.now = (lastLink.expiresAt + 1) * 1000
    expect((await world.kf.keyLifecycle.usage('Shop 2025')).status).toBe('can-be-retired')
  })

  it('a key not uploaded says so without failing', async () => {
    await world.kf.keys.create({ name: 'Fresh', type: 'ecdsa' })
    expect(await world.kf.keyLifecycle.usage('Fresh')).toMatchObject({
      status: 'not-uploaded',
      publicKeys: [],
      keyGroups: [],
      liveLinks: { count: 0 },
    })
  })

  it('the reminder is recorded once shown', async () => {
    await rotateAndWait()
    await world.kf.keyLifecycle.markReminded('Shop 2025')
    const status = (await world.kf.keyLifecycle.statuses()).find((s) => s.keyId === shop.key.id)
    expect(status).toMatchObject({ status: 'can-be-retired', remindedAt: world.now })
  })
})
