// "Permissions this needs" is enough: every call the new-distribution flow makes against
// moto_server (read from the recording proxy, each request named by the IAM action AWS checks for
// it) is allowed by the policy the app shows at that point — scoped to the account and bucket for a
// new distribution, and to the existing distribution for a run that restricts one an earlier run
// made. A call the policy forgot would be refused by AWS half-way; here it fails the test instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newDistributionPolicy, type PermissionScope } from '../../../../src/shared/origin-permissions.ts'
import type { RecordedRequest } from '../../../harness/recording-proxy.ts'
import { existingPolicy, makeBucket, startOriginWorld, type OriginWorld } from './moto-setup.ts'

const ACCOUNT = '123456789012'
let world: OriginWorld

beforeAll(async () => {
  world = await startOriginWorld()
  await world.keyfront.keys.create({ name: 'Team key', type: 'ecdsa' })
})
afterAll(async () => {
  await world.stop()
})

interface Needed {
  action: string
  resource: string
}

/** The IAM action (and resource) AWS checks for one REST request; undefined for STS identity. */
function needed(request: RecordedRequest): Needed | undefined {
  const { method, url, body } = request
  if (body.startsWith('Action=GetCallerIdentity')) return undefined
  const cloudfront = /^\/2020-05-31\/([\w-]+)(?:\/(\w+))?(\/config)?(?:\?.*)?$/.exec(url)
  if (cloudfront) {
    const [, kind = '', id, config] = cloudfront
    const distribution = `arn:aws:cloudfront::${ACCOUNT}:distribution/${id ?? '*'}`
    const names: Record<string, string> = {
      'GET distribution': id ? (config ? 'GetDistributionConfig' : 'GetDistribution') : 'ListDistributions',
      'POST distribution': 'CreateDistribution',
      'PUT distribution': 'UpdateDistribution',
      'GET public-key': id ? 'GetPublicKey' : 'ListPublicKeys',
      'POST public-key': 'CreatePublicKey',
      'GET key-group': id ? 'GetKeyGroup' : 'ListKeyGroups',
      'POST key-group': 'CreateKeyGroup',
      'PUT key-group': 'UpdateKeyGroup',
      'GET origin-access-control': id ? 'GetOriginAccessControl' : 'ListOriginAccessControls',
      'POST origin-access-control': 'CreateOriginAccessControl',
    }
    const name = names[`${method} ${kind}`]
    if (!name) throw new Error(`unmapped CloudFront request ${method} ${url}`)
    const onDistribution = kind === 'distribution' && name !== 'ListDistributions'
    return { action: `cloudfront:${name}`, resource: onDistribution ? distribution : '*' }
  }
  const s3 = /^\/([^/?]*)\/?(?:\?(\w+))?/.exec(url)
  const [, bucket = '', query = ''] = s3 ?? []
  if (bucket === '' && method === 'GET') return { action: 's3:ListAllMyBuckets', resource: '*' }
  const names: Record<string, string> = {
    'GET location': 'GetBucketLocation',
    'GET publicAccessBlock': 'GetBucketPublicAccessBlock',
    'GET encryption': 'GetEncryptionConfiguration',
    'PUT encryption': 'PutEncryptionConfiguration',
    'GET policy': 'GetBucketPolicy',
    'PUT policy': 'PutBucketPolicy',
  }
  const name = names[`${method} ${query}`]
  if (!name) throw new Error(`unmapped S3 request ${method} ${url}`)
  return { action: `s3:${name}`, resource: `arn:aws:s3:::${bucket}` }
}

interface Statement {
  Action: string[]
  Resource: string
  Condition?: { StringEquals: Record<string, string> }
}

function allows(policy: string, { action, resource }: Needed): boolean {
  const pattern = (glob: string) =>
    new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
  return (JSON.parse(policy) as { Statement: Statement[] }).Statement.some(
    (s) =>
      s.Action.includes(action) &&
      pattern(s.Resource).test(resource) &&
      // Every bucket here is in moto's one account.
      (s.Condition?.StringEquals['s3:ResourceAccount'] ?? ACCOUNT) === ACCOUNT,
  )
}

/** The calls since the last reset that the scoped policy would not allow. */
function refused(scope: PermissionScope): Needed[] {
  const policy = newDistributionPolicy(scope)
  return world.proxy.requests.map(needed).filter((n): n is Needed => n !== undefined && !allows(policy, n))
}

describe('the permissions the app shows cover every call the flow makes', () => {
  it('for a new distribution, from the bucket list to the deployment, with aws/s3 switched to SSE-S3', async () => {
    await makeBucket(world, 'team-photos', {
      region: 'eu-west-1',
      policy: existingPolicy('team-photos'),
      encryption: { algorithm: 'aws:kms' },
      blockPublicAccess: true,
    })
    const { origin, cloudfront } = world.keyfront
    world.proxy.requests.length = 0
    // The first step, which shows the policy scoped to the account only.
    await origin.listBuckets()
    expect(refused({ accountId: ACCOUNT })).toEqual([])

    world.proxy.requests.length = 0
    const target = { bucket: 'team-photos', key: 'Team key', encryption: 'switch-to-sse-s3' as const }
    await origin.inspectBucket('team-photos')
    const plan = await origin.plan(target)
    const result = await origin.apply({ ...target, expectedPolicyHash: plan.bucketPolicy.baseHash })
    await cloudfront.waitDeployed(result.distribution.id, { intervalMs: 10 })
    const made = world.proxy.requests.map(needed).map((n) => n?.action)
    expect(made).toEqual(
      expect.arrayContaining([
        'cloudfront:CreatePublicKey',
        'cloudfront:CreateKeyGroup',
        'cloudfront:CreateOriginAccessControl',
        'cloudfront:CreateDistribution',
        'cloudfront:GetDistribution',
        's3:PutBucketPolicy',
        's3:PutEncryptionConfiguration',
      ]),
    )
    // The review's policy: account, bucket and region known, the distribution not yet.
    expect(refused({ accountId: ACCOUNT, bucket: 'team-photos', region: 'eu-west-1' })).toEqual([])
    // Scoped to another bucket, the same calls are refused: the check is not vacuous.
    expect(refused({ accountId: ACCOUNT, bucket: 'other-bucket' }).map((n) => n.action)).toContain(
      's3:PutBucketPolicy',
    )
  })

  it('for restricting the distribution an earlier run made, scoped to that distribution', async () => {
    await world.moto.reset()
    await makeBucket(world, 'was-open')
    const { origin } = world.keyfront
    const open = { bucket: 'was-open', allowUnsigned: true }
    const first = await origin.apply({
      ...open,
      expectedPolicyHash: (await origin.plan(open)).bucketPolicy.baseHash,
    })

    world.proxy.requests.length = 0
    const target = { bucket: 'was-open', key: 'Team key' }
    const plan = await origin.plan(target)
    expect(plan.distribution.existing?.id).toBe(first.distribution.id)
    await origin.apply({ ...target, expectedPolicyHash: plan.bucketPolicy.baseHash })
    expect(world.proxy.requests.map(needed).map((n) => n?.action)).toContain('cloudfront:UpdateDistribution')
    const scope = { accountId: ACCOUNT, bucket: 'was-open', distributionId: first.distribution.id }
    expect(refused(scope)).toEqual([])
  })
})
