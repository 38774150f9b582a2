// Serving a private bucket through a new distribution, over HTTP against moto_server: the plan
// changes nothing; apply creates the origin access control, the distribution and the policy
// statement (other statements byte-identical); a re-run duplicates nothing; a failure part-way
// then a re-run converges; encryption and public-access findings are reported.
import {
  CreateDistributionCommand,
  GetDistributionConfigCommand,
  GetOriginAccessControlCommand,
  ListDistributionsCommand,
  ListOriginAccessControlsCommand,
} from '@aws-sdk/client-cloudfront'
import { GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { distributionConfig } from '../../../src/core/origin/distribution.ts'
import type { OriginService } from '../../../src/core/origin/service.ts'
import type { KeyfrontError } from '../../../src/shared/errors.ts'
import { awsErrorXml } from './recording-proxy.ts'
import { existingPolicy, makeBucket, startOriginWorld, type OriginWorld } from './moto-setup.ts'
import { withoutInsertion } from './policy-bytes.ts'

let world: OriginWorld
let origin: OriginService

beforeAll(async () => {
  world = await startOriginWorld()
  origin = world.keyfront.origin
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
  return {
    oacs: oacs.OriginAccessControlList?.Quantity,
    distributions: dists.DistributionList?.Quantity ?? 0,
  }
}

/** Requests that change something (STS GetCallerIdentity is a POST that only reads). */
const writes = () =>
  world.proxy.requests.filter(
    (r) => r.method !== 'GET' && r.method !== 'HEAD' && !r.body.startsWith('Action=GetCallerIdentity'),
  )

describe('private bucket → distribution against moto_server', () => {
  it('plans without changing anything, then creates OAC, distribution and a merged policy', async () => {
    const before = existingPolicy('team-files')
    await makeBucket(world, 'team-files', { region: 'eu-west-1', policy: before, blockPublicAccess: true })
    world.proxy.requests.length = 0

    const plan = await origin.plan({ bucket: 'team-files', rootObject: 'index.html' })
    expect(writes()).toEqual([])
    expect(plan.bucket).toMatchObject({
      region: 'eu-west-1',
      endpoint: 'team-files.s3.eu-west-1.amazonaws.com',
      publicAccess: { state: 'blocked' },
      encryption: { kind: 'none' },
    })
    expect(plan.accessControl).toEqual({ action: 'create', name: 'keyfront-team-files' })
    expect(plan.distribution).toMatchObject({ action: 'create', defaultRootObject: 'index.html', others: [] })
    expect(plan.bucketPolicy.action).toBe('add')
    expect(plan.bucketPolicy.diff.some((l) => l.op === '-')).toBe(false)
    // moto's STS answers with its fixed account; the id of the distribution is not known yet.
    expect(plan.bucketPolicy.statement).toContain(
      'arn:aws:cloudfront::123456789012:distribution/NEWDISTRIBUTION',
    )
    expect(plan.notices).toEqual([])

    const result = await origin.apply({
      bucket: 'team-files',
      rootObject: 'index.html',
      expectedPolicyHash: plan.bucketPolicy.baseHash,
    })
    const [oac, distribution, statement] = result.resources
    expect(result.resources.map((r) => [r.kind, r.outcome])).toEqual([
      ['origin-access-control', 'created'],
      ['distribution', 'created'],
      ['bucket-policy-statement', 'created'],
    ])
    expect(distribution?.id).toBe(result.distribution.id)
    expect(statement?.id).toBe(`KeyfrontCloudFrontRead${result.distribution.id}`)
    expect(result.next).toBe(
      `keyfront cloudfront onboard --distribution ${result.distribution.id} --key NAME`,
    )

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
      },
    })
    expect(config?.Origins?.Items?.map((o) => [o.Id, o.DomainName])).toEqual([
      ['s3-team-files', 'team-files.s3.eu-west-1.amazonaws.com'],
    ])
    // moto drops an origin's OriginAccessControlId (AWS keeps it): check what Keyfront sent instead.
    const create = world.proxy.requests.find((r) => r.method === 'POST' && r.url.endsWith('/distribution'))
    expect(create?.body).toContain(`<OriginAccessControlId>${oac?.id}</OriginAccessControlId>`)
    expect(create?.body).toContain(
      '<S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig>',
    )

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
  })

  it('re-running creates nothing new: same OAC, same distribution, the statement once', async () => {
    await makeBucket(world, 'rerun', { policy: existingPolicy('rerun') })
    const first = await origin.plan({ bucket: 'rerun' })
    const created = await origin.apply({ bucket: 'rerun', expectedPolicyHash: first.bucketPolicy.baseHash })
    const policyAfterFirst = await policyOf('rerun')

    const again = await origin.plan({ bucket: 'rerun' })
    expect(again.accessControl).toMatchObject({ action: 'reuse', id: created.resources[0]?.id })
    expect(again.distribution).toMatchObject({ action: 'reuse', existing: { id: created.distribution.id } })
    expect(again.bucketPolicy.action).toBe('unchanged')
    expect(again.bucketPolicy.diff.every((l) => l.op === ' ')).toBe(true)

    world.proxy.requests.length = 0
    const second = await origin.apply({ bucket: 'rerun', expectedPolicyHash: again.bucketPolicy.baseHash })
    expect(writes()).toEqual([])
    expect(second.resources.map((r) => [r.id, r.outcome])).toEqual(
      created.resources.map((r) => [r.id, 'reused']),
    )
    expect(await counts()).toEqual({ oacs: 1, distributions: 1 })
    expect(await policyOf('rerun')).toBe(policyAfterFirst)
  })

  it('warns that objects under the AWS-managed aws/s3 key cannot be read, and says how to fix it', async () => {
    await makeBucket(world, 'kms-default', { encryption: { algorithm: 'aws:kms' } })
    await makeBucket(world, 'kms-alias', { encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/aws/s3' } })
    for (const bucket of ['kms-default', 'kms-alias']) {
      const inspection = await origin.inspectBucket(bucket)
      expect(inspection.encryption.kind).toBe('kms-aws-managed')
      const warning = inspection.notices.find((n) => n.level === 'warning' && /aws\/s3/.test(n.title))
      expect(warning?.fix).toMatch(/SSE-S3|customer-managed KMS key/)
      expect(JSON.parse(warning?.snippet ?? '{}')).toMatchObject({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 'kms:Decrypt',
      })
    }
    const plan = await origin.plan({ bucket: 'kms-default' })
    const result = await origin.apply({
      bucket: 'kms-default',
      expectedPolicyHash: plan.bucketPolicy.baseHash,
    })
    const warning = result.notices.find((n) => n.snippet)
    expect(warning?.title).toMatch(/aws\/s3/)
    expect(warning?.snippet).toContain(result.distribution.arn)
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
    const plan = await origin.plan({ bucket: 'open-bucket' })
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

  it('says when the bucket does not exist', async () => {
    await expect(origin.plan({ bucket: 'no-such-bucket' })).rejects.toMatchObject({
      code: 'S3_NO_SUCH_BUCKET',
    })
  })

  it('refuses to apply, before creating anything, when the policy changed after the review', async () => {
    await makeBucket(world, 'moving', { policy: existingPolicy('moving') })
    const plan = await origin.plan({ bucket: 'moving' })
    const edited = existingPolicy('moving').replace('TeamPolicy', 'TeamPolicy2')
    await world.s3().send(new PutBucketPolicyCommand({ Bucket: 'moving', Policy: edited }))
    await expect(
      origin.apply({ bucket: 'moving', expectedPolicyHash: plan.bucketPolicy.baseHash }),
    ).rejects.toMatchObject({ code: 'S3_POLICY_CHANGED' })
    expect(await counts()).toEqual({ oacs: 0, distributions: 0 })
    expect(await policyOf('moving')).toBe(edited)
  })

  it('after a failure part-way, says what exists; a re-run reuses it and finishes', async () => {
    await makeBucket(world, 'flaky', { policy: existingPolicy('flaky') })
    const plan = await origin.plan({ bucket: 'flaky' })
    world.proxy.faults.push((r) =>
      r.method === 'PUT' && r.url.startsWith('/flaky/?policy')
        ? { status: 403, body: awsErrorXml('AccessDenied', 'Access Denied') }
        : undefined,
    )
    const failure = await origin
      .apply({ bucket: 'flaky', expectedPolicyHash: plan.bucketPolicy.baseHash })
      .then(() => undefined)
      .catch((e: unknown) => e as KeyfrontError)
    if (!failure) throw new Error('apply should have failed')
    expect(failure.code).toBe('AWS_ACCESS_DENIED')
    expect(failure.message).toMatch(/s3:PutBucketPolicy/)
    expect(failure.message).toMatch(/Already in place: origin-access-control \w+, distribution \w+/)
    expect(await policyOf('flaky')).toBe(existingPolicy('flaky'))

    world.proxy.faults.length = 0
    const retry = await origin.apply({ bucket: 'flaky', expectedPolicyHash: plan.bucketPolicy.baseHash })
    expect(retry.resources.map((r) => r.outcome)).toEqual(['reused', 'reused', 'created'])
    expect(await counts()).toEqual({ oacs: 1, distributions: 1 })
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
    const plan = await origin.plan({ bucket: 'shared-bucket' })
    expect(plan.distribution.action).toBe('create')
    expect(plan.distribution.others).toEqual([
      { id: theirs.Distribution?.Id, domainName: theirs.Distribution?.DomainName },
    ])
    expect(plan.notices.map((n) => n.title)).toContain('Other distributions already serve this bucket')
    const result = await origin.apply({
      bucket: 'shared-bucket',
      expectedPolicyHash: plan.bucketPolicy.baseHash,
    })
    expect(result.distribution.id).not.toBe(theirs.Distribution?.Id)
    expect(await counts()).toEqual({ oacs: 1, distributions: 2 })
  })
})
