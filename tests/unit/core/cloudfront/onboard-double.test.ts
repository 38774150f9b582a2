// Onboarding against the CloudFront double, for what moto_server cannot show: a failure at each
// step (before it takes effect, or after — the answer lost) and then a re-run that converges with
// no duplicate key or group; SDK retries that never duplicate; ETags enforced, with one re-read
// and re-apply on PreconditionFailed; adding to an existing group via UpdateKeyGroup.
import { CreateKeyGroupCommand, CreatePublicKeyCommand } from '@aws-sdk/client-cloudfront'
import { generateKeyPairSync } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OnboardRequest } from '../../../../src/shared/contract/cloudfront.ts'
import {
  startCloudFrontDouble,
  type CloudFrontDouble,
  type Fault,
} from '../../../harness/cloudfront-double.ts'
import {
  createTestDistribution,
  createWorld,
  deepDiff,
  directClient,
  readConfig,
  type World,
} from './world.ts'

let double: CloudFrontDouble
let world: World

beforeEach(async () => {
  double = await startCloudFrontDouble()
  Object.assign(process.env, double.env)
  world = createWorld({ maxAttempts: 1, requestTimeoutMs: 400 })
})
afterEach(async () => {
  world.close()
  await double.stop()
})

const client = () => directClient(double.endpoint)

async function setUp(behaviors = ['default', '/private/*']) {
  const id = await createTestDistribution(client())
  const key = await world.keys.create({ name: 'Reports', type: 'rsa' })
  const request: OnboardRequest = { distributionId: id, key: key.id, behaviors }
  return { id, key, request, before: await readConfig(client(), id) }
}

/** The account ends up exactly onboarded: one key, one group holding it once, chosen behaviors trusting it once. */
async function expectConverged(id: string, before: Awaited<ReturnType<typeof readConfig>>, keyId: string) {
  expect(double.publicKeys).toHaveLength(1)
  expect(double.keyGroups).toHaveLength(1)
  const [publicKey] = double.publicKeys
  const [group] = double.keyGroups
  expect(group?.items).toEqual([publicKey?.id])
  const after = await readConfig(client(), id)
  expect(deepDiff(before, after).filter((path) => !path.includes('.TrustedKeyGroups'))).toEqual([])
  expect(after.DefaultCacheBehavior?.TrustedKeyGroups).toEqual({
    Enabled: true,
    Quantity: 1,
    Items: [group?.id],
  })
  expect(after.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups).toEqual({
    Enabled: true,
    Quantity: 1,
    Items: [group?.id],
  })
  expect(after.CacheBehaviors?.Items?.[1]).toEqual(before.CacheBehaviors?.Items?.[1])
  expect((await world.keys.find(keyId)).keyPairId).toBe(publicKey?.id)
}

const STEPS = [
  'GetCallerIdentity',
  'ListPublicKeys',
  'GetDistribution',
  'CreatePublicKey',
  'ListKeyGroups',
  'CreateKeyGroup',
  'GetDistributionConfig',
  'UpdateDistribution',
]

describe('onboarding converges after a failure at any step', () => {
  for (const operation of STEPS) {
    for (const when of ['before', 'after'] as const) {
      it(`${operation} fails ${when} taking effect → the re-run finishes, nothing duplicated`, async () => {
        const { id, key, request, before } = await setUp()
        double.inject({ operation, kind: 'server-error', when })
        await expect(world.cloudfront.onboard(request)).rejects.toMatchObject({ code: 'AWS_ERROR' })
        const result = await world.cloudfront.onboard(request)
        await expectConverged(id, before, key.id)
        expect(result.keyGroupId).toBe(double.keyGroups[0]?.id)
        const again = await world.cloudfront.onboard(request)
        expect(again.changed).toBe(false)
      })
    }
  }
})

describe('SDK retries never duplicate', () => {
  const retried = (fault: Fault) => async () => {
    world = createWorld({ maxAttempts: 2, requestTimeoutMs: 300 })
    const { id, key, request, before } = await setUp()
    double.inject(fault)
    const result = await world.cloudfront.onboard(request)
    await expectConverged(id, before, key.id)
    expect(result.changed).toBe(true)
    expect(double.calls.filter((call) => call === fault.operation).length).toBeGreaterThanOrEqual(2)
  }
  it(
    'CreatePublicKey answered too late (the SDK retries with the same CallerReference)',
    retried({ operation: 'CreatePublicKey', kind: 'timeout', when: 'after' }),
  )
  it(
    'CreateKeyGroup answered too late (the retry finds the group by name)',
    retried({ operation: 'CreateKeyGroup', kind: 'timeout', when: 'after' }),
  )
  it(
    'UpdateDistribution answered too late (the retry’s stale ETag gets 412, the re-read finds it done)',
    retried({ operation: 'UpdateDistribution', kind: 'timeout', when: 'after' }),
  )
})

describe('ETags', () => {
  it('someone else saves the distribution in between: re-read, re-apply once, keep their change', async () => {
    const { id, key, request, before } = await setUp()
    double.inject({ operation: 'UpdateDistribution', kind: 'concurrent-edit' })
    const result = await world.cloudfront.onboard(request)
    expect(result.changedBehaviors).toEqual(['default', '/private/*'])
    expect(double.calls.filter((call) => call === 'UpdateDistribution')).toHaveLength(2)
    const after = await readConfig(client(), id)
    expect(after.Comment).toBe('edited by someone else')
    expect(deepDiff(before, after).filter((p) => !p.includes('.TrustedKeyGroups'))).toEqual(['Comment'])
    expect((await world.keys.find(key.id)).keyPairId).toBe(result.publicKeyId)
  })

  it('a second PreconditionFailed in a row is reported, and the distribution is left as it was', async () => {
    const { id, request, before } = await setUp()
    double.inject({ operation: 'UpdateDistribution', kind: 'precondition', times: 2 })
    await expect(world.cloudfront.onboard(request)).rejects.toMatchObject({
      code: 'CF_PRECONDITION_FAILED',
      message: expect.stringContaining('run the same command again') as unknown,
    })
    expect(await readConfig(client(), id)).toEqual(before)
  })

  it('adds the key to an existing group with UpdateKeyGroup and If-Match, re-reading once on 412', async () => {
    const { id, request } = await setUp()
    const other = await client().send(
      new CreatePublicKeyCommand({
        PublicKeyConfig: {
          CallerReference: 'old',
          Name: 'old-key',
          EncodedKey: pemOf(generateKeyPairSync('rsa', { modulusLength: 2048 })),
        },
      }),
    )
    await client().send(
      new CreateKeyGroupCommand({
        KeyGroupConfig: { Name: `keyfront-${id}`, Items: [other.PublicKey?.Id ?? ''] },
      }),
    )
    const plan = await world.cloudfront.planOnboard(request)
    expect(plan.keyGroupAction).toEqual({ action: 'add-key', keysAfter: 2 })
    double.inject({ operation: 'UpdateKeyGroup', kind: 'concurrent-edit' })
    const result = await world.cloudfront.onboard(request)
    expect(result).toMatchObject({ keyGroupCreated: false, keyAddedToGroup: true })
    expect(double.keyGroups[0]?.items).toEqual([other.PublicKey?.Id, result.publicKeyId])
    expect(double.calls.filter((call) => call === 'UpdateKeyGroup')).toHaveLength(2)
  })

  it('refuses before changing anything when the group already holds 5 keys', async () => {
    const { id, request } = await setUp()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const created = await client().send(
        new CreatePublicKeyCommand({
          PublicKeyConfig: {
            CallerReference: `k${i}`,
            Name: `k${i}`,
            EncodedKey: pemOf(generateKeyPairSync('ec', { namedCurve: 'prime256v1' })),
          },
        }),
      )
      ids.push(created.PublicKey?.Id ?? '')
    }
    await client().send(new CreateKeyGroupCommand({ KeyGroupConfig: { Name: `keyfront-${id}`, Items: ids } }))
    await expect(world.cloudfront.onboard(request)).rejects.toMatchObject({
      code: 'CF_TOO_MANY_KEYS_IN_GROUP',
      message: expect.stringContaining(
        "5 keys — CloudFront's limit. Remove one or use another group.",
      ) as unknown,
    })
    expect(double.publicKeys).toHaveLength(5)
    expect(double.calls).not.toContain('UpdateDistribution')
  })
})

describe('key groups', () => {
  it('lists groups with their keys (marking held ones) and the distributions that trust them', async () => {
    const { id, request } = await setUp()
    const result = await world.cloudfront.onboard(request)
    const groups = await world.cloudfront.keyGroups()
    expect(groups).toEqual([
      {
        id: result.keyGroupId,
        name: `keyfront-${id}`,
        comment: 'Managed by Keyfront',
        keys: [
          {
            id: result.publicKeyId,
            name: expect.stringMatching(/^Reports-/) as unknown,
            heldKey: { id: request.key, name: 'Reports' },
          },
        ],
        distributions: [{ id, domainName: expect.stringMatching(/cloudfront\.net$/) as unknown }],
      },
    ])
  })

  it('removes a key from a group, but never the last one', async () => {
    const { request } = await setUp()
    const first = await world.cloudfront.onboard(request)
    const second = await world.keys.create({ name: 'Next', type: 'ecdsa' })
    const added = await world.cloudfront.onboard({ ...request, key: second.id })
    expect(added).toMatchObject({ keyAddedToGroup: true, changedBehaviors: [] })
    expect(await world.cloudfront.removeKeyFromGroup(first.keyGroupId, first.publicKeyId)).toBe(true)
    expect(double.keyGroups[0]?.items).toEqual([added.publicKeyId])
    expect(await world.cloudfront.removeKeyFromGroup(first.keyGroupId, first.publicKeyId)).toBe(false)
    await expect(
      world.cloudfront.removeKeyFromGroup(first.keyGroupId, added.publicKeyId),
    ).rejects.toMatchObject({
      code: 'CF_LAST_KEY_IN_GROUP',
    })
  })

  it('warns when the group it extends is also trusted by other distributions', async () => {
    const { request } = await setUp()
    const first = await world.cloudfront.onboard(request)
    const otherId = await createTestDistribution(client(), 'Other')
    const second = await world.keys.create({ name: 'Second', type: 'rsa' })
    const plan = await world.cloudfront.planOnboard({
      distributionId: otherId,
      key: second.id,
      keyGroup: first.keyGroupName,
    })
    expect(plan.warnings.join(' ')).toContain(`also trusted by ${request.distributionId}`)
  })
})

function pemOf(pair: {
  publicKey: { export(options: { type: 'spki'; format: 'pem' }): string | Buffer }
}): string {
  return pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()
}
