// Replacing a key, against the CloudFront double (UpdateKeyGroup with enforced ETags, quotas,
// faults — moto has no UpdateKeyGroup): the plan changes nothing; applying adds the new key to
// every group holding the old one, switches the site, marks the old key retiring and stops no
// link; a run that fails at any step, before or after the step takes effect, is finished by
// running it again — no second key, no group edited twice; full groups, the 4-groups limit,
// stale ETags, AccessDenied, and keys that cannot be rotated.
import {
  CreateKeyGroupCommand,
  CreatePublicKeyCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront'
import { generateKeyPairSync } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEPLOYING_FILE } from '../../../../src/core/cloudfront/deployment.ts'
import type { RotateRequest } from '../../../../src/shared/contract/key-lifecycle.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../../../harness/cloudfront-double.ts'
import {
  createLifecycleWorld,
  openShop,
  recordLink,
  type LifecycleWorld,
  type Shop,
} from './lifecycle-world.ts'
import { createTestDistribution, directClient, readConfig } from './world.ts'

let double: CloudFrontDouble
let world: LifecycleWorld
let shop: Shop

beforeEach(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  world = createLifecycleWorld()
  shop = await openShop(world, double.endpoint)
  recordLink(world, shop, { id: shop.key.id, keyPairId: shop.keyPairId }, 'Q3 report', 3)
  recordLink(world, shop, { id: shop.key.id, keyPairId: shop.keyPairId }, 'Q4 report', 12)
  recordLink(world, shop, { id: shop.key.id, keyPairId: shop.keyPairId }, 'Old', -1)
  double.calls.length = 0
  double.applied.length = 0
})
afterEach(async () => {
  world.close()
  await double.stop()
})

const client = () => directClient(double.endpoint)
const WRITES = [
  'CreatePublicKey',
  'CreateKeyGroup',
  'UpdateKeyGroup',
  'UpdateDistribution',
  'DeletePublicKey',
]
const writes = () => double.applied.filter((call) => WRITES.includes(call.operation))
const request = (extra: Partial<RotateRequest> = {}): RotateRequest => ({ key: 'Shop 2025', ...extra })

function pem(type: 'rsa' | 'ec'): string {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()
}

/** A public key in the account that Keyfront does not hold. */
async function foreignKey(name: string): Promise<string> {
  const created = await client().send(
    new CreatePublicKeyCommand({
      PublicKeyConfig: { CallerReference: name, Name: name, EncodedKey: pem('ec') },
    }),
  )
  return created.PublicKey?.Id ?? ''
}

/** The account after a finished rotation: one new key, in the group once, the site on it, the old key retiring. */
async function expectRotated(oldKeyPairId: string) {
  const keys = await world.kf.keys.list()
  expect(keys.map((k) => k.name).sort()).toEqual([
    'Shop 2025',
    expect.stringMatching(/^Shop 2025 \d{4}-\d{2}-\d{2}$/),
  ])
  const next = keys.find((k) => k.id !== shop.key.id)!
  expect(double.publicKeys.map((k) => k.id).sort()).toEqual([oldKeyPairId, next.keyPairId].sort())
  expect(double.keyGroups).toHaveLength(1)
  expect(double.keyGroups[0]?.items).toEqual([oldKeyPairId, next.keyPairId])
  const [site] = await world.kf.cloudfront.sites()
  expect(site).toMatchObject({ keyId: next.id, keyPairId: next.keyPairId, keyGroupId: shop.keyGroupId })
  const statuses = await world.kf.keyLifecycle.statuses()
  expect(statuses.find((s) => s.keyId === shop.key.id)).toMatchObject({
    status: 'retiring',
    liveLinks: 2,
    replacedBy: { id: next.id, name: next.name },
  })
  expect(statuses.find((s) => s.keyId === next.id)).toMatchObject({ status: 'in-use', liveLinks: 0 })
  return next
}

describe('replacing a key', () => {
  it('plans without changing anything: new key, upload, each group, the site, the live links', async () => {
    const plan = await world.kf.keyLifecycle.planRotate(request())
    expect(plan).toMatchObject({
      oldKey: { id: shop.key.id, publicKeyIds: [shop.keyPairId] },
      newKey: { action: 'create', type: 'rsa', name: expect.stringMatching(/^Shop 2025 \d{4}-/) as unknown },
      upload: { action: 'upload' },
      keyGroups: [
        {
          id: shop.keyGroupId,
          action: 'add-key',
          distributions: [{ id: shop.distributionId, behaviors: ['default', '/private/*'] }],
        },
      ],
      sites: [{ distributionId: shop.distributionId, keyGroupName: `keyfront-${shop.distributionId}` }],
      markRetiring: true,
      liveLinks: { count: 2 },
      blocked: [],
      changes: true,
    })
    expect(plan.liveLinks.shown.map((link) => link.label)).toEqual(['Q4 report', 'Q3 report'])
    expect(plan.warnings.join(' ')).toContain(
      'No link stops working: 2 links signed with "Shop 2025" keep working until',
    )
    expect(writes()).toEqual([])
    expect(await world.kf.keys.list()).toHaveLength(1)
  })

  it('applies: the new key joins the group with If-Match, the site switches, nothing else changes', async () => {
    const before = await readConfig(client(), shop.distributionId)
    const result = await world.kf.keyLifecycle.rotate(request())
    const next = await expectRotated(shop.keyPairId)
    expect(result).toMatchObject({
      oldKey: { id: shop.key.id },
      newKey: { id: next.id, keyPairId: next.keyPairId },
      keyCreated: true,
      uploaded: true,
      groupsChanged: [`keyfront-${shop.distributionId}`],
      sitesSwitched: [shop.distributionId],
      liveLinks: { count: 2 },
      changed: true,
    })
    expect(await readConfig(client(), shop.distributionId)).toEqual(before)
    expect(writes().map((w) => w.operation)).toEqual(['CreatePublicKey', 'UpdateKeyGroup'])

    double.applied.length = 0
    const again = await world.kf.keyLifecycle.rotate(request())
    expect(again).toMatchObject({ keyCreated: false, uploaded: false, groupsChanged: [], changed: false })
    expect(writes()).toEqual([])
    expect((await world.kf.keyLifecycle.planRotate(request())).changes).toBe(false)
  })

  it('makes the new key of the type and name asked for', async () => {
    const result = await world.kf.keyLifecycle.rotate(request({ type: 'ecdsa', name: 'Shop 2026' }))
    expect(await world.kf.keys.find('Shop 2026')).toMatchObject({
      type: 'ecdsa',
      keyPairId: result.newKey.keyPairId,
    })
  })

  it('links made after it are signed through the site with the new key; the old key signs on too', async () => {
    const result = await world.kf.keyLifecycle.rotate(request())
    const [site] = await world.kf.cloudfront.sites()
    expect(site?.keyId).toBe(result.newKey.id)
    expect((await world.kf.keys.find('Shop 2025')).keyPairId).toBe(shop.keyPairId)
  })
})

describe('a rotation that failed half-way converges when run again', () => {
  const STEPS = [
    'GetCallerIdentity',
    'ListPublicKeys',
    'ListKeyGroups',
    'ListDistributions',
    'CreatePublicKey',
    'GetKeyGroup',
    'UpdateKeyGroup',
  ]
  for (const operation of STEPS) {
    for (const when of ['before', 'after'] as const) {
      it(`${operation} fails ${when} taking effect → the re-run finishes: one new key, the group edited once`, async () => {
        double.inject({ operation, kind: 'server-error', when })
        await expect(world.kf.keyLifecycle.rotate(request())).rejects.toMatchObject({ code: 'AWS_ERROR' })
        const result = await world.kf.keyLifecycle.rotate(request())
        await expectRotated(shop.keyPairId)
        expect(double.applied.filter((w) => w.operation === 'CreatePublicKey')).toHaveLength(1)
        expect(double.applied.filter((w) => w.operation === 'UpdateKeyGroup')).toEqual([
          { operation: 'UpdateKeyGroup', id: shop.keyGroupId },
        ])
        expect(result.newKey.keyPairId).toBe(double.publicKeys[1]?.id)
      })
    }
  }

  it('a replacement recorded on the old key is found again even under another --name', async () => {
    double.inject({ operation: 'CreatePublicKey', kind: 'server-error' })
    await expect(world.kf.keyLifecycle.rotate(request({ name: 'First try' }))).rejects.toThrow()
    const plan = await world.kf.keyLifecycle.planRotate(request({ name: 'Second try' }))
    expect(plan.newKey).toMatchObject({ action: 'reuse', name: 'First try' })
    expect(plan.warnings[0]).toContain('An earlier run already made "First try"')
    await world.kf.keyLifecycle.rotate(request({ name: 'Second try' }))
    expect((await world.kf.keys.list()).map((k) => k.name).sort()).toEqual(['First try', 'Shop 2025'])
  })
})

describe('ETags and permissions', () => {
  it('someone else edits the group in between: read again, apply once more, keep their change', async () => {
    double.inject({ operation: 'UpdateKeyGroup', kind: 'concurrent-edit' })
    await world.kf.keyLifecycle.rotate(request())
    await expectRotated(shop.keyPairId)
    expect(double.calls.filter((call) => call === 'UpdateKeyGroup')).toHaveLength(2)
  })

  it('a second PreconditionFailed in a row is reported, and the group is left as it was', async () => {
    double.inject({ operation: 'UpdateKeyGroup', kind: 'precondition', times: 2 })
    await expect(world.kf.keyLifecycle.rotate(request())).rejects.toMatchObject({
      code: 'CF_PRECONDITION_FAILED',
    })
    expect(double.keyGroups[0]?.items).toEqual([shop.keyPairId])
  })

  it('AccessDenied on UpdateKeyGroup names the IAM action', async () => {
    double.inject({ operation: 'UpdateKeyGroup', kind: 'access-denied' })
    await expect(world.kf.keyLifecycle.rotate(request())).rejects.toMatchObject({
      code: 'AWS_ACCESS_DENIED',
      message: expect.stringContaining('cloudfront:UpdateKeyGroup') as unknown,
    })
  })
})

describe('keys that cannot be rotated', () => {
  it('a key never uploaded: just upload it', async () => {
    await world.kf.keys.create({ name: 'Fresh', type: 'ecdsa' })
    await expect(world.kf.keyLifecycle.planRotate(request({ key: 'Fresh' }))).rejects.toMatchObject({
      code: 'KEY_NOT_UPLOADED',
      message: expect.stringContaining('just upload it') as unknown,
    })
    expect(writes()).toEqual([])
  })

  it('a key held only as a key file is not a Keyfront key', async () => {
    const file = join(world.dataDir, 'partner.pem')
    writeFileSync(file, pem('rsa'))
    for (const ref of [file, 'file:0123456789abcdef0123456789abcdef']) {
      await expect(world.kf.keyLifecycle.rotate(request({ key: ref }))).rejects.toMatchObject({
        code: 'KEY_NOT_HELD',
        message: expect.stringContaining('is a key file, not a key Keyfront holds') as unknown,
      })
    }
    await expect(world.kf.keyLifecycle.rotate(request({ key: 'Nobody' }))).rejects.toMatchObject({
      code: 'KEY_NOT_FOUND',
    })
  })
})

describe('a key group at its 5-key limit', () => {
  /** Fills the shop's group: two held keys nothing uses, one held key with a live link, one foreign key. */
  async function fillGroup() {
    const spare = []
    for (const name of ['Spare A', 'Spare B', 'Busy']) {
      const key = await world.kf.keys.create({ name, type: 'ecdsa' })
      const uploaded = await world.kf.cloudfront.upload(key.id)
      spare.push({ id: key.id, keyPairId: uploaded.publicKeyId })
    }
    recordLink(world, shop, spare[2]!, 'Busy link', 5)
    const foreign = await foreignKey('partner')
    const group = double.keyGroups[0]!
    group.items = [...group.items, ...spare.map((k) => k.keyPairId), foreign]
    double.applied.length = 0
    return { spare, foreign }
  }

  it('is shown in the plan with the keys that may leave; applying is refused until one is chosen', async () => {
    const { spare } = await fillGroup()
    const plan = await world.kf.keyLifecycle.planRotate(request())
    expect(plan.keyGroups[0]).toMatchObject({
      action: 'full',
      removable: [spare[0]?.keyPairId, spare[1]?.keyPairId],
    })
    expect(plan.blocked).toEqual([
      {
        code: 'CF_TOO_MANY_KEYS_IN_GROUP',
        message: expect.stringContaining(
          `${spare[0]?.keyPairId}, ${spare[1]?.keyPairId} (--remove-key ID)`,
        ) as unknown,
      },
    ])
    expect(plan.warnings.join(' ')).toContain('also holds keys Keyfront does not hold here (partner)')
    await expect(world.kf.keyLifecycle.rotate(request())).rejects.toMatchObject({
      code: 'CF_TOO_MANY_KEYS_IN_GROUP',
    })
    expect(writes()).toEqual([])
  })

  it('swaps a chosen spare key for the new one in one edit; the foreign key stays', async () => {
    const { spare, foreign } = await fillGroup()
    const result = await world.kf.keyLifecycle.rotate(request({ removeKeys: [spare[0]!.keyPairId] }))
    expect(double.keyGroups[0]?.items).toEqual([
      shop.keyPairId,
      spare[1]?.keyPairId,
      spare[2]?.keyPairId,
      foreign,
      result.newKey.keyPairId,
    ])
    expect(double.applied.filter((w) => w.operation === 'UpdateKeyGroup')).toHaveLength(1)
  })

  it('refuses to take out a key a live link needs, or one Keyfront does not hold', async () => {
    const { spare, foreign } = await fillGroup()
    for (const [id, reason] of [
      [spare[2]!.keyPairId, '1 link signed with it still works'],
      [foreign, 'Keyfront does not hold it here'],
      [shop.keyPairId, 'it is the key being replaced'],
    ] as const) {
      const plan = await world.kf.keyLifecycle.planRotate(request({ removeKeys: [id] }))
      expect(plan.blocked[0]).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(reason) as unknown,
      })
    }
    expect(writes()).toEqual([])
  })

  it('--new-group: the new key gets a group of its own, trusted by the same behaviors', async () => {
    await fillGroup()
    const before = await readConfig(client(), shop.distributionId)
    const result = await world.kf.keyLifecycle.rotate(request({ newGroup: true }))
    const made = double.keyGroups.find((g) => g.items.includes(result.newKey.keyPairId))!
    expect(made.items).toEqual([result.newKey.keyPairId])
    expect(result.groupsCreated).toEqual([made.name])
    expect(result.distributionsChanged).toEqual([shop.distributionId])
    const after = await readConfig(client(), shop.distributionId)
    expect(after.DefaultCacheBehavior?.TrustedKeyGroups?.Items).toEqual([shop.keyGroupId, made.id])
    expect(after.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups?.Items).toEqual([shop.keyGroupId, made.id])
    expect(after.CacheBehaviors?.Items?.[1]).toEqual(before.CacheBehaviors?.Items?.[1])
    expect((await world.kf.cloudfront.sites())[0]).toMatchObject({
      keyGroupId: made.id,
      keyId: result.newKey.id,
    })
    double.applied.length = 0
    expect((await world.kf.keyLifecycle.rotate(request())).changed).toBe(false)
    expect(writes()).toEqual([])
  })

  for (const operation of ['CreateKeyGroup', 'GetDistributionConfig', 'UpdateDistribution']) {
    for (const when of ['before', 'after'] as const) {
      it(`--new-group: ${operation} fails ${when} taking effect → the re-run finishes: one new group, trusted once`, async () => {
        await fillGroup()
        double.inject({ operation, kind: 'server-error', when })
        await expect(world.kf.keyLifecycle.rotate(request({ newGroup: true }))).rejects.toMatchObject({
          code: 'AWS_ERROR',
        })
        const result = await world.kf.keyLifecycle.rotate(request({ newGroup: true }))
        const made = double.keyGroups.filter((g) => g.items.includes(result.newKey.keyPairId))
        expect(made.map((g) => g.items)).toEqual([[result.newKey.keyPairId]])
        expect(double.applied.filter((w) => w.operation === 'CreateKeyGroup')).toHaveLength(1)
        expect(double.applied.filter((w) => w.operation === 'UpdateDistribution')).toHaveLength(1)
        const after = await readConfig(client(), shop.distributionId)
        expect(after.DefaultCacheBehavior?.TrustedKeyGroups?.Items).toEqual([shop.keyGroupId, made[0]?.id])
        expect((await world.kf.cloudfront.sites())[0]).toMatchObject({
          keyGroupId: made[0]?.id,
          keyId: result.newKey.id,
        })
        expect((await world.kf.keys.list()).filter((k) => k.name.startsWith('Shop 2025 '))).toHaveLength(1)
      })
    }
  }

  it('--new-group: after a run that failed once the distribution took the change, the app still follows its deployment', async () => {
    await fillGroup()
    rmSync(join(world.dataDir, DEPLOYING_FILE), { force: true })
    double.inject({ operation: 'UpdateDistribution', kind: 'server-error', when: 'after' })
    await expect(world.kf.keyLifecycle.rotate(request({ newGroup: true }))).rejects.toMatchObject({
      code: 'AWS_ERROR',
    })
    await world.kf.keyLifecycle.rotate(request({ newGroup: true }))
    expect((await world.kf.cloudfront.deploying()).map((d) => d.distributionId)).toEqual([
      shop.distributionId,
    ])
  })

  it('--new-group is refused where a behavior already trusts 4 key groups', async () => {
    await fillGroup()
    const config = await readConfig(client(), shop.distributionId)
    for (const name of ['g2', 'g3', 'g4']) {
      const made = await client().send(
        new CreateKeyGroupCommand({ KeyGroupConfig: { Name: name, Items: [await foreignKey(`k-${name}`)] } }),
      )
      config.DefaultCacheBehavior!.TrustedKeyGroups!.Items!.push(made.KeyGroup?.Id ?? '')
    }
    config.DefaultCacheBehavior!.TrustedKeyGroups!.Quantity = 4
    await saveConfig(shop.distributionId, config)
    double.applied.length = 0
    const plan = await world.kf.keyLifecycle.planRotate(request({ newGroup: true }))
    expect(plan.blocked).toEqual([
      {
        code: 'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
        message: expect.stringContaining(
          `Behavior "default" of ${shop.distributionId} already trusts 4 key groups`,
        ) as unknown,
      },
    ])
    await expect(world.kf.keyLifecycle.rotate(request({ newGroup: true }))).rejects.toMatchObject({
      code: 'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
    })
    expect(writes()).toEqual([])
  })
})

/** Saves a config through the API (as another admin would), with the distribution's current ETag. */
async function saveConfig(distributionId: string, config: DistributionConfig) {
  const { ETag } = await client().send(new GetDistributionConfigCommand({ Id: distributionId }))
  await client().send(
    new UpdateDistributionCommand({ Id: distributionId, IfMatch: ETag, DistributionConfig: config }),
  )
}

it('a distribution elsewhere in the account that trusts the group is named in the plan', async () => {
  const otherId = await createTestDistribution(client(), 'Other')
  await world.kf.cloudfront.onboard({
    distributionId: otherId,
    key: shop.key.id,
    keyGroup: `keyfront-${shop.distributionId}`,
    behaviors: ['/media/*'],
  })
  const plan = await world.kf.keyLifecycle.planRotate(request())
  expect(plan.keyGroups[0]?.distributions).toEqual(
    expect.arrayContaining([
      { id: otherId, domainName: expect.any(String) as unknown, behaviors: ['/media/*'] },
    ]),
  )
})
