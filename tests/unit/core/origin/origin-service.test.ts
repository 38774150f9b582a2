// Serving a private bucket through a new distribution, over HTTP against moto_server behind a
// recording proxy: the plan changes nothing; apply uploads the key and makes its key group first,
// then the origin access control and a distribution whose chosen behaviors trust the group in the
// CreateDistribution request itself (moto drops an origin's OriginAccessControlId, so what Keyfront
// asked for is read from the request); only an explicit allowUnsigned makes anything open; a re-run
// duplicates nothing; a failure part-way then a re-run converges; aws/s3 encryption needs a choice.
import {
  CreateDistributionCommand,
  GetDistributionConfigCommand,
  GetOriginAccessControlCommand,
  ListDistributionsCommand,
  ListKeyGroupsCommand,
  ListOriginAccessControlsCommand,
  ListPublicKeysCommand,
} from '@aws-sdk/client-cloudfront'
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { distributionConfig } from '../../../../src/core/origin/distribution.ts'
import type { OriginService, Target } from '../../../../src/core/origin/service.ts'
import { AWS_MANAGED_KEY } from '../../../../src/shared/aws-managed-key.ts'
import type { KeyfrontError } from '../../../../src/shared/errors.ts'
import { child, childText, itemTexts, parseXml, type XmlNode } from '../../../harness/xml.ts'
import { awsErrorXml } from '../../../harness/recording-proxy.ts'
import { existingPolicy, makeBucket, startOriginWorld, type OriginWorld } from './moto-setup.ts'
import { withoutInsertion } from './policy-bytes.ts'

let world: OriginWorld
let origin: OriginService
let keyId: string

beforeAll(async () => {
  world = await startOriginWorld()
  origin = world.keyfront.origin
  keyId = (await world.keyfront.keys.create({ name: 'Team key', type: 'rsa' })).id
})
afterAll(async () => {
  await world.stop()
})
beforeEach(async () => {
  await world.moto.reset()
  world.proxy.requests.length = 0
  world.proxy.faults.length = 0
})

async function policyOf(bucket: string, region = 'us-east-1'): Promise<string | undefined> {
  const out = await world
    .s3(region)
    .send(new GetBucketPolicyCommand({ Bucket: bucket }))
    .catch(() => undefined)
  return out?.Policy
}

async function counts() {
  const oacs = await world.cf.send(new ListOriginAccessControlsCommand({}))
  const dists = await world.cf.send(new ListDistributionsCommand({}))
  const keys = await world.cf.send(new ListPublicKeysCommand({}))
  const groups = await world.cf.send(new ListKeyGroupsCommand({}))
  return {
    oacs: oacs.OriginAccessControlList?.Quantity,
    distributions: dists.DistributionList?.Quantity ?? 0,
    publicKeys: keys.PublicKeyList?.Quantity ?? 0,
    keyGroups: groups.KeyGroupList?.Quantity ?? 0,
  }
}

/** Requests that change something (STS GetCallerIdentity is a POST that only reads). */
const writes = () =>
  world.proxy.requests.filter(
    (r) => r.method !== 'GET' && r.method !== 'HEAD' && !r.body.startsWith('Action=GetCallerIdentity'),
  )

/** Which CloudFront or S3 write each request was, in order. */
const writeNames = () =>
  writes().map((r) => {
    if (r.url.endsWith('/public-key')) return 'CreatePublicKey'
    if (r.url.endsWith('/key-group')) return 'CreateKeyGroup'
    if (r.url.endsWith('/origin-access-control')) return 'CreateOriginAccessControl'
    if (r.url.endsWith('/distribution')) return 'CreateDistribution'
    if (/\/distribution\/\w+\/config$/.test(r.url)) return 'UpdateDistribution'
    if (r.url.includes('?policy')) return 'PutBucketPolicy'
    if (r.url.includes('?encryption')) return 'PutBucketEncryption'
    return `${r.method} ${r.url}`
  })

/** The DistributionConfig Keyfront sent with CreateDistribution, as XML. */
function sentConfig(): XmlNode {
  const create = world.proxy.requests.find((r) => r.method === 'POST' && r.url.endsWith('/distribution'))
  if (!create) throw new Error('no CreateDistribution request was sent')
  return parseXml(create.body)
}

/** Each behavior of a sent config with the key groups it trusts ("" when it trusts none). */
function sentTrust(config: XmlNode): Record<string, string> {
  const trust = (behavior: XmlNode | undefined) => {
    const groups = child(behavior, 'TrustedKeyGroups')
    return childText(groups, 'Enabled') === 'true' ? itemTexts(groups).join(',') : ''
  }
  const trusted: Record<string, string> = { default: trust(child(config, 'DefaultCacheBehavior')) }
  for (const behavior of child(child(config, 'CacheBehaviors'), 'Items')?.children ?? []) {
    trusted[childText(behavior, 'PathPattern') ?? ''] = trust(behavior)
  }
  return trusted
}

async function created(target: Target) {
  const plan = await origin.plan(target)
  return { plan, result: await origin.apply({ ...target, expectedPolicyHash: plan.bucketPolicy.baseHash }) }
}

describe('private bucket → restricted distribution against moto_server', () => {
  it('plans without changing anything, then uploads the key and makes its group before a distribution that trusts it from the start', async () => {
    const before = existingPolicy('team-files')
    await makeBucket(world, 'team-files', { region: 'eu-west-1', policy: before, blockPublicAccess: true })
    world.proxy.requests.length = 0

    const target = { bucket: 'team-files', rootObject: 'index.html', key: 'Team key' }
    const plan = await origin.plan(target)
    expect(writes()).toEqual([])
    expect(plan.bucket).toMatchObject({
      region: 'eu-west-1',
      endpoint: 'team-files.s3.eu-west-1.amazonaws.com',
      publicAccess: { state: 'blocked' },
      encryption: { kind: 'none' },
    })
    expect(plan.signing).toMatchObject({
      coverage: 'all',
      key: { id: keyId, name: 'Team key' },
      publicKey: { action: 'upload' },
      keyGroup: { action: 'create', name: 'keyfront-team-files' },
      behaviors: [{ selector: 'default', action: 'create' }],
    })
    expect(plan.signing.openWarning).toBeUndefined()
    expect(plan.encryption.action).toBe('unchanged')
    expect(plan.accessControl).toEqual({ action: 'create', name: 'keyfront-team-files' })
    expect(plan.distribution).toMatchObject({ action: 'create', defaultRootObject: 'index.html', others: [] })
    expect(plan.bucketPolicy.action).toBe('add')
    expect(plan.bucketPolicy.diff.some((l) => l.op === '-')).toBe(false)
    // moto's STS answers with its fixed account; the id of the distribution is not known yet.
    expect(plan.bucketPolicy.statement).toContain(
      'arn:aws:cloudfront::123456789012:distribution/NEWDISTRIBUTION',
    )
    expect(plan.notices).toEqual([])

    const result = await origin.apply({ ...target, expectedPolicyHash: plan.bucketPolicy.baseHash })
    expect(result.resources.map((r) => [r.kind, r.outcome])).toEqual([
      ['public-key', 'created'],
      ['key-group', 'created'],
      ['origin-access-control', 'created'],
      ['distribution', 'created'],
      ['bucket-policy-statement', 'created'],
    ])
    // The key and its group exist before the distribution does: it is never open, not for a moment.
    expect(writeNames()).toEqual([
      'CreatePublicKey',
      'CreateKeyGroup',
      'CreateOriginAccessControl',
      'CreateDistribution',
      'PutBucketPolicy',
    ])
    const [publicKey, group, oac, distribution, statement] = result.resources
    expect(distribution?.id).toBe(result.distribution.id)
    expect(statement?.id).toBe(`KeyfrontCloudFrontRead${result.distribution.id}`)
    expect(result.signing).toEqual({
      coverage: 'all',
      keyId,
      keyPairId: publicKey?.id,
      keyGroupId: group?.id,
      keyGroupName: 'keyfront-team-files',
      restrictedPaths: ['*'],
    })
    expect(result.next).toBe(`keyfront sign --site ${result.distribution.domainName} PATH --expires 1d`)

    // What Keyfront asked CloudFront for: the origin signed by the OAC, every behavior trusting the group.
    const sent = sentConfig()
    const sentOrigin = child(child(child(sent, 'Origins'), 'Items'), 'Origin')
    expect(childText(sentOrigin, 'OriginAccessControlId')).toBe(oac?.id)
    expect(childText(child(sentOrigin, 'S3OriginConfig'), 'OriginAccessIdentity')).toBe('')
    expect(sentTrust(sent)).toEqual({ default: group?.id })

    const control = await world.cf.send(new GetOriginAccessControlCommand({ Id: oac?.id }))
    expect(control.OriginAccessControl?.OriginAccessControlConfig).toMatchObject({
      Name: 'keyfront-team-files',
      SigningProtocol: 'sigv4',
      SigningBehavior: 'always',
      OriginAccessControlOriginType: 's3',
    })
    const { DistributionConfig: config } = await world.cf.send(
      new GetDistributionConfigCommand({ Id: result.distribution.id }),
    )
    expect(config).toMatchObject({
      CallerReference: 'keyfront-private-bucket-team-files',
      Comment: 'Keyfront: private S3 bucket team-files',
      DefaultRootObject: 'index.html',
      Enabled: true,
      IsIPV6Enabled: false,
      DefaultCacheBehavior: {
        TargetOriginId: 's3-team-files',
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        TrustedKeyGroups: { Enabled: true, Quantity: 1, Items: [group?.id] },
      },
    })

    const after = (await policyOf('team-files', 'eu-west-1')) ?? ''
    expect(withoutInsertion(before, after)).toBe(before)
    const statements = (JSON.parse(after) as { Statement: Record<string, unknown>[] }).Statement
    expect(statements.slice(0, 2)).toEqual((JSON.parse(before) as { Statement: unknown[] }).Statement)
    expect(statements[2]).toEqual({
      Sid: `KeyfrontCloudFrontRead${result.distribution.id}`,
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::team-files/*',
      Condition: { StringEquals: { 'AWS:SourceArn': result.distribution.arn } },
    })

    // Remembered here: the key's upload, the site New link offers, and the deployment the app follows.
    const [key] = await world.keyfront.keys.list()
    expect(key?.keyPairId).toBe(publicKey?.id)
    const site = (await world.keyfront.cloudfront.sites()).find(
      (s) => s.distributionId === result.distribution.id,
    )
    expect(site).toMatchObject({
      distributionId: result.distribution.id,
      domainName: result.distribution.domainName,
      keyId,
      keyGroupId: group?.id,
      restrictedPaths: ['*'],
    })
    expect(await world.keyfront.cloudfront.deploying()).toContainEqual(
      expect.objectContaining({
        distributionId: result.distribution.id,
        domainName: result.distribution.domainName,
      }),
    )
  })

  it('puts TrustedKeyGroups on every chosen path behavior, and opens the rest only when allowed explicitly', async () => {
    await makeBucket(world, 'mixed', { blockPublicAccess: true })
    const chosen = { bucket: 'mixed', key: 'Team key', behaviors: ['private/*', 'reports/*.pdf'] }
    await expect(origin.plan(chosen)).rejects.toMatchObject({ code: 'INVALID_INPUT' })

    const { plan, result } = await created({ ...chosen, allowUnsigned: true })
    expect(plan.signing.coverage).toBe('some')
    expect(plan.signing.openWarning).toMatch(/every file outside private\/\* and reports\/\*\.pdf/)
    const group = result.resources.find((r) => r.kind === 'key-group')?.id
    expect(sentTrust(sentConfig())).toEqual({ default: '', 'private/*': group, 'reports/*.pdf': group })
    expect(result.signing.restrictedPaths).toEqual(['private/*', 'reports/*.pdf'])

    await world.moto.reset()
    world.proxy.requests.length = 0
    await makeBucket(world, 'mixed')
    const both = await created({ bucket: 'mixed', key: 'Team key', behaviors: ['default', 'private/*'] })
    const trusted = both.result.signing.keyGroupId
    expect(sentTrust(sentConfig())).toEqual({ default: trusted, 'private/*': trusted })
  })

  it('makes a distribution without signed links only when asked to explicitly, and says what that means', async () => {
    await makeBucket(world, 'public-files')
    for (const target of [
      { bucket: 'public-files' },
      { bucket: 'public-files', behaviors: ['private/*'], allowUnsigned: true },
      { bucket: 'public-files', key: 'Team key', allowUnsigned: true },
    ]) {
      await expect(origin.plan(target)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      await expect(origin.apply({ ...target, expectedPolicyHash: '' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      })
    }
    expect(world.proxy.requests).toEqual([])

    const { plan, result } = await created({ bucket: 'public-files', allowUnsigned: true })
    expect(plan.signing).toMatchObject({ coverage: 'none', behaviors: [] })
    expect(plan.signing.openWarning).toMatch(
      /Anyone who knows or guesses the distribution’s address can open every file in public-files/,
    )
    expect(sentTrust(sentConfig())).toEqual({ default: '' })
    expect(writeNames()).not.toContain('CreatePublicKey')
    expect(result.signing).toEqual({ coverage: 'none', restrictedPaths: [] })
    expect(result.next).toBe(
      `keyfront cloudfront onboard --distribution ${result.distribution.id} --key NAME`,
    )
    const sites = await world.keyfront.cloudfront.sites()
    expect(sites.map((site) => site.distributionId)).not.toContain(result.distribution.id)
  })

  it('re-running creates nothing new: same key, group, OAC, distribution, the statement once', async () => {
    await makeBucket(world, 'rerun', { policy: existingPolicy('rerun') })
    const target = { bucket: 'rerun', key: 'Team key' }
    const first = await created(target)
    const policyAfterFirst = await policyOf('rerun')

    const again = await origin.plan(target)
    expect(again.signing).toMatchObject({
      publicKey: { action: 'reuse' },
      keyGroup: { action: 'none' },
      behaviors: [{ selector: 'default', action: 'unchanged' }],
    })
    expect(again.accessControl.action).toBe('reuse')
    expect(again.distribution).toMatchObject({
      action: 'reuse',
      existing: { id: first.result.distribution.id },
    })
    expect(again.bucketPolicy.action).toBe('unchanged')

    world.proxy.requests.length = 0
    const second = await origin.apply({ ...target, expectedPolicyHash: again.bucketPolicy.baseHash })
    expect(writes()).toEqual([])
    expect(second.resources.map((r) => [r.id, r.outcome])).toEqual(
      first.result.resources.map((r) => [r.id, 'reused']),
    )
    expect(await counts()).toEqual({ oacs: 1, distributions: 1, publicKeys: 1, keyGroups: 1 })
    expect(await policyOf('rerun')).toBe(policyAfterFirst)
  })

  it('restricts a distribution an earlier run made without signed links, instead of making another', async () => {
    await makeBucket(world, 'was-open')
    const open = await created({ bucket: 'was-open', allowUnsigned: true })
    world.proxy.requests.length = 0
    const { plan, result } = await created({ bucket: 'was-open', key: 'Team key' })
    expect(plan.signing.behaviors).toEqual([{ selector: 'default', action: 'restrict' }])
    expect(result.distribution.id).toBe(open.result.distribution.id)
    expect(writeNames()).toEqual(['CreatePublicKey', 'CreateKeyGroup', 'UpdateDistribution'])
    const { DistributionConfig: config } = await world.cf.send(
      new GetDistributionConfigCommand({ Id: result.distribution.id }),
    )
    expect(config?.DefaultCacheBehavior?.TrustedKeyGroups?.Items).toEqual([result.signing.keyGroupId])
    expect(await counts()).toMatchObject({ distributions: 1 })

    // The other way round never happens: a restricted distribution is not opened by a re-run.
    world.proxy.requests.length = 0
    const reopened = await created({ bucket: 'was-open', allowUnsigned: true })
    expect(reopened.plan.signing.summary).toMatch(/accepts only signed links on every path, and stays so/)
    expect(reopened.plan.signing.openWarning).toBeUndefined()
    expect(writes()).toEqual([])
  })

  it('after a failure part-way, says what exists; a re-run reuses it and finishes', async () => {
    await makeBucket(world, 'flaky', { policy: existingPolicy('flaky') })
    const target = { bucket: 'flaky', key: 'Team key' }
    const plan = await origin.plan(target)
    world.proxy.faults.push((r) =>
      r.method === 'POST' && r.url.endsWith('/distribution')
        ? { status: 403, body: awsErrorXml('AccessDenied', 'Access Denied') }
        : undefined,
    )
    const failure = await origin
      .apply({ ...target, expectedPolicyHash: plan.bucketPolicy.baseHash })
      .then(() => undefined)
      .catch((e: unknown) => e as KeyfrontError)
    if (!failure) throw new Error('apply should have failed')
    expect(failure.code).toBe('AWS_ACCESS_DENIED')
    expect(failure.message).toMatch(/cloudfront:CreateDistribution/)
    expect(failure.message).toMatch(
      /Already in place: public-key \w+, key-group \w+, origin-access-control \w+\. Running the same step again reuses them\./,
    )
    expect(await policyOf('flaky')).toBe(existingPolicy('flaky'))
    expect(await counts()).toEqual({ oacs: 1, distributions: 0, publicKeys: 1, keyGroups: 1 })

    world.proxy.faults.length = 0
    const retry = await origin.apply({ ...target, expectedPolicyHash: plan.bucketPolicy.baseHash })
    expect(retry.resources.map((r) => r.outcome)).toEqual([
      'reused',
      'reused',
      'reused',
      'created',
      'created',
    ])
    expect(sentTrust(sentConfig())).toEqual({ default: retry.signing.keyGroupId })
    expect(await counts()).toEqual({ oacs: 1, distributions: 1, publicKeys: 1, keyGroups: 1 })
  })

  it('stops at the aws/s3 key with one explanation, and goes on only by the way the user chose', async () => {
    await makeBucket(world, 'kms-default', { encryption: { algorithm: 'aws:kms' } })
    await makeBucket(world, 'kms-alias', { encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/aws/s3' } })
    for (const bucket of ['kms-default', 'kms-alias']) {
      const inspection = await origin.inspectBucket(bucket)
      expect(inspection.encryption.kind).toBe('kms-aws-managed')
      expect(inspection.notices.filter((n) => /aws\/s3/.test(n.title))).toEqual([
        {
          level: 'warning',
          title: AWS_MANAGED_KEY.title,
          message: AWS_MANAGED_KEY.explanation,
          fix: AWS_MANAGED_KEY.choose,
        },
      ])
    }
    const target = { bucket: 'kms-default', key: 'Team key' }
    const undecided = await origin.plan(target)
    expect(undecided.encryption.action).toBe('choose')
    world.proxy.requests.length = 0
    await expect(
      origin.apply({ ...target, expectedPolicyHash: undecided.bucketPolicy.baseHash }),
    ).rejects.toMatchObject({
      code: 'S3_AWS_MANAGED_KEY',
      message: expect.stringContaining(
        'aws s3 cp s3://kms-default/ s3://kms-default/ --recursive --sse AES256',
      ) as unknown,
    })
    expect(writes()).toEqual([])

    const kept = await created({ ...target, encryption: 'keep' })
    expect(kept.plan.encryption.action).toBe('keep')
    expect(writeNames()).not.toContain('PutBucketEncryption')
    expect(kept.result.notices.map((n) => n.title)).toContain(AWS_MANAGED_KEY.title)

    world.proxy.requests.length = 0
    const switched = await created({ bucket: 'kms-alias', key: 'Team key', encryption: 'switch-to-sse-s3' })
    expect(switched.plan.encryption.action).toBe('switch-to-sse-s3')
    expect(writeNames()).toContain('PutBucketEncryption')
    expect(switched.result.resources.at(-1)).toMatchObject({ kind: 'bucket-encryption', outcome: 'created' })
    expect(switched.result.notices.map((n) => n.title)).not.toContain(AWS_MANAGED_KEY.title)
    const encryption = await world.s3().send(new GetBucketEncryptionCommand({ Bucket: 'kms-alias' }))
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    })
    // Done once: a re-run finds SSE-S3 and has nothing to decide.
    expect((await origin.plan({ bucket: 'kms-alias', key: 'Team key' })).encryption.action).toBe('unchanged')
  })

  it('finds SSE-S3 and no encryption fine, and a customer-managed key needs a key-policy statement', async () => {
    await makeBucket(world, 'sse-s3', { encryption: { algorithm: 'AES256' }, blockPublicAccess: true })
    await makeBucket(world, 'own-key', {
      encryption: {
        algorithm: 'aws:kms',
        kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
      blockPublicAccess: true,
    })
    expect(await origin.inspectBucket('sse-s3')).toMatchObject({
      encryption: { kind: 'sse-s3' },
      notices: [],
    })
    const own = await origin.inspectBucket('own-key')
    expect(own.encryption.kind).toBe('kms-customer')
    expect(own.notices.map((n) => n.level)).toEqual(['info'])
    expect(own.notices[0]?.snippet).toContain('kms:Decrypt')
  })

  it('warns when the bucket does not block public access, and still works', async () => {
    await makeBucket(world, 'open-bucket')
    const plan = await origin.plan({ bucket: 'open-bucket', key: 'Team key' })
    expect(plan.bucket.publicAccess.state).toBe('off')
    expect(plan.notices.map((n) => n.title)).toContain('The bucket does not block all public access')
    expect(plan.bucketPolicy.action).toBe('create')
  })

  it('lists buckets with their regions (moto omits BucketRegion: looked up per bucket)', async () => {
    await makeBucket(world, 'list-b', { region: 'eu-west-1' })
    await makeBucket(world, 'list-a')
    const buckets = await origin.listBuckets()
    expect(buckets.map((b) => [b.name, b.region])).toEqual([
      ['list-a', 'us-east-1'],
      ['list-b', 'eu-west-1'],
    ])
  })

  it('says when the bucket does not exist, or the key is not one Keyfront holds', async () => {
    await expect(origin.plan({ bucket: 'no-such-bucket', key: 'Team key' })).rejects.toMatchObject({
      code: 'S3_NO_SUCH_BUCKET',
    })
    await makeBucket(world, 'keyless')
    await expect(origin.plan({ bucket: 'keyless', key: 'Nobody’s key' })).rejects.toMatchObject({
      code: 'KEY_NOT_FOUND',
    })
  })

  it('refuses to apply, before creating anything, when the policy changed after the review', async () => {
    await makeBucket(world, 'moving', { policy: existingPolicy('moving') })
    const plan = await origin.plan({ bucket: 'moving', key: 'Team key' })
    const edited = existingPolicy('moving').replace('TeamPolicy', 'TeamPolicy2')
    await world.s3().send(new PutBucketPolicyCommand({ Bucket: 'moving', Policy: edited }))
    await expect(
      origin.apply({ bucket: 'moving', key: 'Team key', expectedPolicyHash: plan.bucketPolicy.baseHash }),
    ).rejects.toMatchObject({ code: 'S3_POLICY_CHANGED' })
    expect(await counts()).toEqual({ oacs: 0, distributions: 0, publicKeys: 0, keyGroups: 0 })
    expect(await policyOf('moving')).toBe(edited)
  })

  it('reports what it may not read as unknown instead of failing the inspection', async () => {
    await makeBucket(world, 'guarded')
    world.proxy.faults.push((r) =>
      r.url.startsWith('/guarded/?encryption') || r.url.startsWith('/guarded/?publicAccessBlock')
        ? { status: 403, body: awsErrorXml('AccessDenied', 'Access Denied') }
        : undefined,
    )
    const inspection = await origin.inspectBucket('guarded')
    expect(inspection).toMatchObject({ encryption: { kind: 'unknown' }, publicAccess: { state: 'unknown' } })
    expect(inspection.notices.map((n) => n.title)).toEqual([
      'Public access settings could not be checked',
      'Encryption could not be checked',
    ])
  })

  it('lists other distributions of the bucket and leaves them alone', async () => {
    await makeBucket(world, 'shared-bucket')
    const config = distributionConfig({ bucket: 'shared-bucket', region: 'us-east-1', accessControlId: 'X' })
    const theirs = await world.cf.send(
      new CreateDistributionCommand({ DistributionConfig: { ...config, CallerReference: 'someone-else' } }),
    )
    const { plan, result } = await created({ bucket: 'shared-bucket', key: 'Team key' })
    expect(plan.distribution.action).toBe('create')
    expect(plan.distribution.others).toEqual([
      { id: theirs.Distribution?.Id, domainName: theirs.Distribution?.DomainName },
    ])
    expect(plan.notices.map((n) => n.title)).toContain('Other distributions already serve this bucket')
    expect(result.distribution.id).not.toBe(theirs.Distribution?.Id)
    expect(await counts()).toMatchObject({ oacs: 1, distributions: 2 })
  })
})
