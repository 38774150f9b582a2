// What a bucket's settings mean for serving it through CloudFront: default encryption (objects under
// the AWS-managed aws/s3 KMS key cannot be read by CloudFront at all, since that key's policy cannot
// be changed: the user chooses how to go on) and public access (a private bucket should block it, so files are reachable only
// through the distribution). Pure functions: the S3 calls live in buckets.ts.
import type { ServerSideEncryptionRule } from '@aws-sdk/client-s3'
import { AWS_MANAGED_KEY } from '../../shared/aws-managed-key.ts'
import type { EncryptionStatus, OriginNotice, PublicAccessStatus } from '../../shared/contract/origin.ts'

export function classifyEncryption(rules: ServerSideEncryptionRule[]): EncryptionStatus {
  const rule = rules.find((r) => r.ApplyServerSideEncryptionByDefault)?.ApplyServerSideEncryptionByDefault
  const algorithm = rule?.SSEAlgorithm
  if (!algorithm) return { kind: 'none' }
  if (algorithm === 'AES256') return { kind: 'sse-s3' }
  const key = rule.KMSMasterKeyID ?? ''
  // No key id means S3's default for SSE-KMS: the AWS-managed aws/s3 key.
  if (key === '' || /(^|:)alias\/aws\/s3$/.test(key))
    return { kind: 'kms-aws-managed', kmsKeyId: key || 'aws/s3' }
  return { kind: 'kms-customer', kmsKeyId: key }
}

/** The KMS key-policy statement that lets one distribution decrypt objects. */
export function kmsKeyPolicyStatement(distributionArn: string): string {
  return JSON.stringify(
    {
      Sid: 'AllowCloudFrontServicePrincipalSSE-KMS',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
    },
    null,
    2,
  )
}

export function encryptionNotices(status: EncryptionStatus, distributionArn: string): OriginNotice[] {
  switch (status.kind) {
    case 'kms-aws-managed':
      // One text for every front end (shared/aws-managed-key.ts). No key-policy snippet: the key's
      // policy is AWS's, so there is nowhere to paste one.
      return [
        {
          level: 'warning',
          title: AWS_MANAGED_KEY.title,
          message: AWS_MANAGED_KEY.explanation,
          fix: AWS_MANAGED_KEY.choose,
        },
      ]
    case 'kms-customer':
      return [
        {
          level: 'info',
          title: 'Let the distribution use the bucket’s KMS key',
          message: `New objects are encrypted with the KMS key ${status.kmsKeyId ?? ''}. CloudFront can read them only if that key’s policy allows this distribution.`,
          fix: 'Add the statement below to that key’s policy in the KMS console (Keyfront does not change KMS keys).',
          snippet: kmsKeyPolicyStatement(distributionArn),
        },
      ]
    case 'unknown':
      return [
        {
          level: 'info',
          title: 'Encryption could not be checked',
          message: 'Keyfront may not read this bucket’s encryption settings (s3:GetEncryptionConfiguration).',
          fix: 'If the bucket uses SSE-KMS with the aws/s3 key, CloudFront will not be able to read its objects.',
        },
      ]
    case 'none':
    case 'sse-s3':
      return []
  }
}

export function publicAccessState(config: {
  BlockPublicAcls?: boolean
  IgnorePublicAcls?: boolean
  BlockPublicPolicy?: boolean
  RestrictPublicBuckets?: boolean
}): PublicAccessStatus {
  const flags = {
    blockPublicAcls: config.BlockPublicAcls === true,
    ignorePublicAcls: config.IgnorePublicAcls === true,
    blockPublicPolicy: config.BlockPublicPolicy === true,
    restrictPublicBuckets: config.RestrictPublicBuckets === true,
  }
  const on = Object.values(flags).filter(Boolean).length
  return { state: on === 4 ? 'blocked' : on === 0 ? 'off' : 'partial', ...flags }
}

export function publicAccessNotices(status: PublicAccessStatus): OriginNotice[] {
  if (status.state === 'blocked') return []
  if (status.state === 'unknown') {
    return [
      {
        level: 'info',
        title: 'Public access settings could not be checked',
        message:
          'Keyfront may not read this bucket’s Block Public Access settings (s3:GetBucketPublicAccessBlock).',
      },
    ]
  }
  return [
    {
      level: 'warning',
      title: 'The bucket does not block all public access',
      message:
        'Unless your account blocks it, files in this bucket may be reachable without CloudFront, and so ' +
        'without a signed link. The distribution works either way.',
      fix: 'In the S3 console, open the bucket’s Permissions tab and turn on "Block all public access".',
    },
  ]
}
