// What Keyfront derives from a bucket (OAC name within CloudFront's 64 characters, endpoints and
// ARNs per partition), how it reads default encryption, and how a long diff is folded for review.
import { describe, expect, it } from 'vitest'
import { classifyEncryption } from '../../../../src/core/origin/bucket-checks.ts'
import { distributionConfig } from '../../../../src/core/origin/distribution.ts'
import {
  accessControlName,
  bucketEndpoint,
  objectsArn,
  statementSid,
} from '../../../../src/core/origin/names.ts'
import { foldUnchanged } from '../../../../src/shared/policy-diff.ts'

describe('names derived from the bucket', () => {
  it('keeps OAC names within 64 characters and distinct for long bucket names', () => {
    const a = `${'a'.repeat(60)}-one`
    const b = `${'a'.repeat(60)}-two`
    expect(accessControlName('photos')).toBe('keyfront-photos')
    expect(accessControlName(a)).toHaveLength(64)
    expect(accessControlName(a)).not.toBe(accessControlName(b))
    expect(accessControlName(a)).toBe(accessControlName(a))
  })

  it('uses the regional REST endpoint and the partition of the region', () => {
    expect(bucketEndpoint('photos', 'eu-west-1')).toBe('photos.s3.eu-west-1.amazonaws.com')
    expect(bucketEndpoint('photos', 'cn-north-1')).toBe('photos.s3.cn-north-1.amazonaws.com.cn')
    expect(objectsArn('photos', 'cn-north-1')).toBe('arn:aws-cn:s3:::photos/*')
    expect(statementSid('E2QWRUHAPOMQZL')).toBe('KeyfrontCloudFrontReadE2QWRUHAPOMQZL')
  })

  it('builds the distribution config: OAC on the S3 origin, HTTPS for viewers, CachingOptimized', () => {
    const config = distributionConfig({ bucket: 'photos', region: 'eu-west-1', accessControlId: 'OAC1' })
    expect(config.Origins?.Items?.[0]).toEqual({
      Id: 's3-photos',
      DomainName: 'photos.s3.eu-west-1.amazonaws.com',
      S3OriginConfig: { OriginAccessIdentity: '' },
      OriginAccessControlId: 'OAC1',
    })
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    })
    expect(config.DefaultRootObject).toBe('')
    expect(config.Comment).toMatch(/^Keyfront/)
  })
})

describe('reading default encryption', () => {
  const kms = (KMSMasterKeyID?: string) => [
    { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID } },
  ]
  it('tells the AWS-managed aws/s3 key (however named) from a customer-managed key', () => {
    expect(classifyEncryption(kms()).kind).toBe('kms-aws-managed')
    expect(classifyEncryption(kms('alias/aws/s3')).kind).toBe('kms-aws-managed')
    expect(classifyEncryption(kms('arn:aws:kms:eu-west-1:111122223333:alias/aws/s3')).kind).toBe(
      'kms-aws-managed',
    )
    expect(classifyEncryption(kms('alias/team-key'))).toEqual({
      kind: 'kms-customer',
      kmsKeyId: 'alias/team-key',
    })
    expect(
      classifyEncryption([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]).kind,
    ).toBe('sse-s3')
    expect(classifyEncryption([]).kind).toBe('none')
  })
})

describe('folding a policy diff for review', () => {
  it('keeps changes with three lines of context and folds the rest', () => {
    const same = (n: number) => Array.from({ length: n }, (_, i) => ({ op: ' ' as const, text: `s${i}` }))
    const diff = [...same(10), { op: '+' as const, text: 'new' }, ...same(5)]
    expect(foldUnchanged(diff)).toEqual([
      { op: 'fold', count: 7 },
      ...diff.slice(7, 14),
      { op: 'fold', count: 2 },
    ])
    expect(foldUnchanged([...same(4), { op: '+', text: 'x' }])).toEqual([...same(4), { op: '+', text: 'x' }])
  })
})
