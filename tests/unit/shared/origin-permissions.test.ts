// The "Permissions this needs" policy, built without any AWS call: account-wide wildcards while
// nothing is known; then the account (S3 by s3:ResourceAccount, CloudFront in the distribution ARN),
// the bucket, and once the distribution exists only that one distribution — which then is never
// created again, so CreateDistribution is no longer asked for. China and GovCloud regions get their
// own partition. Actions that accept only "*" (public keys, key groups, OACs) stay account-wide.
import { describe, expect, it } from 'vitest'
import {
  NEW_DISTRIBUTION_IAM_ACTIONS,
  newDistributionPolicy,
  partitionOf,
} from '../../../src/shared/origin-permissions.ts'

interface Statement {
  Sid: string
  Effect: string
  Action: string[]
  Resource: string
  Condition?: Record<string, Record<string, string>>
}

const statements = (scope: Parameters<typeof newDistributionPolicy>[0]) =>
  Object.fromEntries(
    (JSON.parse(newDistributionPolicy(scope)) as { Version: string; Statement: Statement[] }).Statement.map(
      (s) => [s.Sid, s],
    ),
  )

describe('the IAM policy the new-distribution flow needs', () => {
  it('before anything is known: every action the flow calls, on wildcards, with no condition', () => {
    const policy = JSON.parse(newDistributionPolicy()) as { Version: string; Statement: Statement[] }
    expect(policy.Version).toBe('2012-10-17')
    expect(policy.Statement.every((s) => s.Effect === 'Allow' && s.Condition === undefined)).toBe(true)
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual([...NEW_DISTRIBUTION_IAM_ACTIONS].sort())
    const s = statements({})
    expect(s.ReadAndShareTheBucket?.Resource).toBe('arn:aws:s3:::*')
    expect(s.CreateAndRestrictTheDistribution?.Resource).toBe('arn:aws:cloudfront::*:distribution/*')
    expect(s.KeysKeyGroupsAndOriginAccess?.Resource).toBe('*')
    expect(s.FindTheBucket).toMatchObject({ Action: ['s3:ListAllMyBuckets'], Resource: '*' })
  })

  it('limits S3 to the account and the bucket, and CloudFront to the account, once they are known', () => {
    const s = statements({ accountId: '123456789012', bucket: 'team-photos', region: 'eu-west-1' })
    expect(s.ReadAndShareTheBucket).toMatchObject({
      Resource: 'arn:aws:s3:::team-photos',
      Condition: { StringEquals: { 's3:ResourceAccount': '123456789012' } },
    })
    expect(s.CreateAndRestrictTheDistribution).toMatchObject({
      Resource: 'arn:aws:cloudfront::123456789012:distribution/*',
    })
    expect(s.CreateAndRestrictTheDistribution?.Action).toContain('cloudfront:CreateDistribution')
    expect(s.KeysKeyGroupsAndOriginAccess?.Resource).toBe('*')
  })

  it('names only the distribution once it exists, and no longer asks to create one', () => {
    const s = statements({
      accountId: '123456789012',
      bucket: 'team-photos',
      distributionId: 'E2QWRUHAPOMQZL',
    })
    expect(s.CreateAndRestrictTheDistribution).toEqual({
      Sid: 'CreateAndRestrictTheDistribution',
      Effect: 'Allow',
      Action: [
        'cloudfront:GetDistribution',
        'cloudfront:GetDistributionConfig',
        'cloudfront:UpdateDistribution',
      ],
      Resource: 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL',
    })
    expect(newDistributionPolicy({ distributionId: 'E2QWRUHAPOMQZL' })).not.toContain('CreateDistribution')
  })

  it('uses the partition of the bucket’s region', () => {
    expect([
      partitionOf('cn-north-1'),
      partitionOf('us-gov-west-1'),
      partitionOf('eu-west-1'),
      partitionOf(undefined),
    ]).toEqual(['aws-cn', 'aws-us-gov', 'aws', 'aws'])
    const s = statements({ accountId: '123456789012', bucket: 'b', region: 'cn-north-1' })
    expect(s.ReadAndShareTheBucket?.Resource).toBe('arn:aws-cn:s3:::b')
    expect(s.CreateAndRestrictTheDistribution?.Resource).toBe(
      'arn:aws-cn:cloudfront::123456789012:distribution/*',
    )
  })
})
