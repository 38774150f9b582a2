// Onboarding against moto_server (a third-party implementation of CloudFront's API) over HTTP:
// the SDK is pointed at it only through AWS_ENDPOINT_URL_CLOUDFRONT/_STS/_S3, as users do. A
// distribution with a default behavior and two path behaviors; after onboarding, its config
// differs only in the chosen behaviors' TrustedKeyGroups; a re-run changes nothing.
import {
  CreatePublicKeyCommand,
  ListKeyGroupsCommand,
  ListPublicKeysCommand,
} from '@aws-sdk/client-cloudfront'
import { CreateBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createAwsClientFactory } from '../../../../src/core/aws/clients.ts'
import { createTestDistribution, deepDiff, readConfig, useMotoWorld } from './world.ts'

const ctx = useMotoWorld()

async function countAccount() {
  const keys = (await ctx.client().send(new ListPublicKeysCommand({}))).PublicKeyList?.Quantity
  const groups = (await ctx.client().send(new ListKeyGroupsCommand({}))).KeyGroupList?.Quantity
  return { keys, groups }
}

describe('onboarding a distribution (moto_server)', () => {
  it('changes only the chosen behaviors’ TrustedKeyGroups — every other field comes back identical', async () => {
    const id = await createTestDistribution(ctx.client())
    const before = await readConfig(ctx.client(), id)
    const key = await ctx.world.keys.create({ name: 'Marketing files', type: 'rsa' })

    const result = await ctx.world.cloudfront.onboard({
      distributionId: id,
      key: key.name,
      behaviors: ['default', '/media/*'],
    })

    const after = await readConfig(ctx.client(), id)
    expect(deepDiff(before, after).filter((path) => !path.includes('.TrustedKeyGroups'))).toEqual([])
    const changedBehaviors = new Set(
      deepDiff(before, after).map((path) => path.replace(/\.TrustedKeyGroups.*/, '')),
    )
    expect([...changedBehaviors].sort()).toEqual(['CacheBehaviors.Items[1]', 'DefaultCacheBehavior'])
    const trusted = { Enabled: true, Quantity: 1, Items: [result.keyGroupId] }
    expect(after.DefaultCacheBehavior?.TrustedKeyGroups).toEqual(trusted)
    expect(after.CacheBehaviors?.Items?.[1]?.TrustedKeyGroups).toEqual(trusted)
    expect(after.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups).toEqual(
      before.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups,
    )
    expect(result).toMatchObject({
      changed: true,
      publicKeyUploaded: true,
      keyGroupCreated: true,
      keyGroupName: `keyfront-${id}`,
      changedBehaviors: ['default', '/media/*'],
      accountId: '123456789012',
    })
  })

  it('records the Key-Pair-Id (and account) on the key, so links can be signed with it', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'docs', type: 'ecdsa' })
    const result = await ctx.world.cloudfront.onboard({ distributionId: id, key: key.id })
    const recorded = await ctx.world.keys.find(key.id)
    expect(recorded.keyPairId).toBe(result.publicKeyId)
    expect(recorded.uploads).toEqual([
      expect.objectContaining({ keyPairId: result.publicKeyId, accountId: '123456789012' }),
    ])
  })

  it('restricts every behavior when none is named', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'all', type: 'rsa' })
    const result = await ctx.world.cloudfront.onboard({ distributionId: id, key: key.id })
    expect(result.changedBehaviors).toEqual(['default', '/private/*', '/media/*'])
  })

  it('is a no-op when run again: no second key, no second group, no update', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'again', type: 'rsa' })
    const request = { distributionId: id, key: key.id, behaviors: ['/private/*'] }
    await ctx.world.cloudfront.onboard(request)
    const counts = await countAccount()
    const config = await readConfig(ctx.client(), id)

    const again = await ctx.world.cloudfront.onboard(request)

    expect(again).toMatchObject({
      changed: false,
      changedBehaviors: [],
      publicKeyUploaded: false,
      keyGroupCreated: false,
    })
    expect(await countAccount()).toEqual(counts)
    expect(counts).toEqual({ keys: 1, groups: 1 })
    expect(await readConfig(ctx.client(), id)).toEqual(config)
    const plan = await ctx.world.cloudfront.planOnboard(request)
    expect(plan).toMatchObject({
      changes: false,
      publicKey: { action: 'reuse' },
      keyGroupAction: { action: 'none' },
    })
  })

  it('plans before applying: which behaviors change from what to what, and the 403 warning', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'plan', type: 'rsa' })
    const plan = await ctx.world.cloudfront.planOnboard({
      distributionId: id,
      key: key.id,
      behaviors: ['/private/*'],
    })
    expect(plan).toMatchObject({
      changes: true,
      publicKey: { action: 'upload' },
      keyGroup: { name: `keyfront-${id}` },
      keyGroupAction: { action: 'create', keysAfter: 1 },
      behaviors: [{ selector: '/private/*', before: [], after: [{ name: `keyfront-${id}` }], changes: true }],
    })
    expect(plan.warnings.join(' ')).toMatch(/403 Forbidden/)
    expect(await countAccount()).toEqual({ keys: 0, groups: 0 })
  })

  it('reuses a public key already uploaded outside Keyfront (same key, other PEM line breaks)', async () => {
    const key = await ctx.world.keys.create({ name: 'outside', type: 'rsa' })
    const pem = await ctx.world.keys.publicKeyPem(key.id)
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')
    const rewrapped = `-----BEGIN PUBLIC KEY-----\n${body.match(/.{1,76}/g)?.join('\n')}\n-----END PUBLIC KEY-----`
    const uploaded = await ctx.client().send(
      new CreatePublicKeyCommand({
        PublicKeyConfig: { CallerReference: 'console', Name: 'by-hand', EncodedKey: rewrapped },
      }),
    )
    const result = await ctx.world.cloudfront.upload(key.name)
    expect(result).toMatchObject({ publicKeyId: uploaded.PublicKey?.Id, reused: true })
    expect((await countAccount()).keys).toBe(1)
  })

  it('lists public keys, marking the ones whose private key Keyfront holds', async () => {
    const mine = await ctx.world.keys.create({ name: 'mine', type: 'rsa' })
    await ctx.world.cloudfront.upload(mine.id)
    const stranger = (await import('node:crypto')).generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    await ctx.client().send(
      new CreatePublicKeyCommand({
        PublicKeyConfig: {
          CallerReference: 'other',
          Name: 'someone-else',
          EncodedKey: stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      }),
    )
    const keys = await ctx.world.cloudfront.publicKeys()
    expect(keys.find((k) => k.name === 'someone-else')?.heldKey).toBeUndefined()
    expect(keys.find((k) => k.heldKey)?.heldKey).toEqual({ id: mine.id, name: 'mine' })
  })

  it('lists distributions with domain, origins and who each behavior trusts', async () => {
    const id = await createTestDistribution(ctx.client(), 'Reports')
    const key = await ctx.world.keys.create({ name: 'reports', type: 'rsa' })
    await ctx.world.cloudfront.onboard({ distributionId: id, key: key.id, behaviors: ['/private/*'] })
    const [distribution] = await ctx.world.cloudfront.distributions()
    expect(distribution).toMatchObject({
      id,
      comment: 'Reports',
      domainName: expect.stringMatching(/\.cloudfront\.net$/) as unknown,
      origins: [{ id: 'files', domainName: 'files-bucket.s3.us-east-1.amazonaws.com' }],
    })
    expect(distribution?.behaviors.map((b) => [b.selector, b.trustedKeyGroups.map((g) => g.name)])).toEqual([
      ['default', []],
      ['/private/*', [`keyfront-${id}`]],
      ['/media/*', []],
    ])
  })

  it('detaches a key group again, and the behavior trusts nothing (with a warning first)', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'detach', type: 'rsa' })
    const { keyGroupName } = await ctx.world.cloudfront.onboard({
      distributionId: id,
      key: key.id,
      behaviors: ['/private/*'],
    })
    const plan = await ctx.world.cloudfront.planDetach({ distributionId: id, keyGroup: keyGroupName })
    expect(plan.behaviors).toEqual([
      expect.objectContaining({ selector: '/private/*', after: [], changes: true }),
    ])
    expect(plan.warnings.join(' ')).toMatch(/no longer requires signed links/)
    const result = await ctx.world.cloudfront.detach({ distributionId: id, keyGroup: keyGroupName })
    expect(result.changedBehaviors).toEqual(['/private/*'])
    const config = await readConfig(ctx.client(), id)
    expect(config.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups).toMatchObject({ Enabled: false, Quantity: 0 })
  })

  it('waits for the deployment (moto deploys at once) and forgets it once Deployed', async () => {
    const id = await createTestDistribution(ctx.client())
    const key = await ctx.world.keys.create({ name: 'wait', type: 'rsa' })
    await ctx.world.cloudfront.onboard({ distributionId: id, key: key.id })
    expect((await ctx.world.cloudfront.deploying()).map((d) => d.distributionId)).toEqual([id])
    const seen: string[] = []
    const done = await ctx.world.cloudfront.waitDeployed(id, { onProgress: (p) => seen.push(p.status) })
    expect(done).toMatchObject({ status: 'Deployed', done: true })
    expect(seen.at(-1)).toBe('Deployed')
    expect(await ctx.world.cloudfront.deploying()).toEqual([])
  })

  it('answers "who am I" through STS at AWS_ENDPOINT_URL_STS', async () => {
    expect(await ctx.world.accounts.whoami()).toEqual({
      accountId: '123456789012',
      arn: 'arn:aws:sts::123456789012:user/moto',
      userId: expect.any(String) as unknown,
    })
  })

  it('makes S3 clients that honour AWS_ENDPOINT_URL_S3 (path-style on custom endpoints)', async () => {
    const s3 = createAwsClientFactory().s3({}, 'us-east-1')
    await s3.send(new CreateBucketCommand({ Bucket: 'keyfront-factory-check' }))
    const buckets = await s3.send(new ListBucketsCommand({}))
    expect(buckets.Buckets?.map((b) => b.Name)).toContain('keyfront-factory-check')
    s3.destroy()
  })
})
