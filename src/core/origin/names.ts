// Every name and identifier Keyfront derives from a bucket. Deriving them (rather than making them
// up per run) is what makes a re-run find what an earlier, interrupted run created: the origin
// access control and the key group by name, the distribution by CallerReference, the policy
// statement by Sid.
import { createHash } from 'node:crypto'
import { partitionOf } from '../../shared/origin-permissions.ts'

/** CloudFront's managed "CachingOptimized" cache policy. */
export const CACHING_OPTIMIZED_POLICY_ID = '658327ea-f89d-4fab-a63d-7e88639e58f6'

const OAC_NAME_MAX = 64

/** The bucket's regional REST endpoint (not the website endpoint, which OAC cannot sign for). */
export function bucketEndpoint(bucket: string, region: string): string {
  const suffix = partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'
  return `${bucket}.s3.${region}.${suffix}`
}

/** Host names under which a distribution may already use this bucket as its origin. */
export function bucketEndpoints(bucket: string, region: string): string[] {
  return [
    bucketEndpoint(bucket, region),
    `${bucket}.s3.amazonaws.com`,
    `${bucket}.s3-${region}.amazonaws.com`,
  ]
}

export function objectsArn(bucket: string, region: string): string {
  return `arn:${partitionOf(region)}:s3:::${bucket}/*`
}

/** Origin access control names are at most 64 characters; long bucket names keep a hash suffix. */
export function accessControlName(bucket: string): string {
  const name = `keyfront-${bucket}`
  if (name.length <= OAC_NAME_MAX) return name
  const hash = createHash('sha256').update(bucket).digest('hex').slice(0, 8)
  return `${name.slice(0, OAC_NAME_MAX - 9)}-${hash}`
}

/**
 * The key group that holds the signing key. Bucket names never contain "_", so turning their dots
 * into underscores keeps two buckets from sharing a group name (a.b and a-b).
 */
export function keyGroupName(bucket: string): string {
  return `keyfront-${bucket.replaceAll('.', '_')}`
}

export function callerReference(bucket: string): string {
  return `keyfront-private-bucket-${bucket}`
}

export function distributionComment(bucket: string): string {
  return `Keyfront: private S3 bucket ${bucket}`
}

export function originId(bucket: string): string {
  return `s3-${bucket}`
}

/** A Sid unique to the distribution, so two distributions of one bucket never clash. */
export function statementSid(distributionId: string): string {
  return `KeyfrontCloudFrontRead${distributionId.replace(/[^A-Za-z0-9]/g, '')}`
}

/** Stands in for the id of a distribution that does not exist yet, in plans. */
export const NEW_DISTRIBUTION_ID = 'NEWDISTRIBUTION'

export function placeholderDistributionArn(region: string, accountId: string | undefined): string {
  return `arn:${partitionOf(region)}:cloudfront::${accountId ?? '<your-account-id>'}:distribution/${NEW_DISTRIBUTION_ID}`
}

/** What to run next: sign a link on the new site, or (no signed links) restrict it later. */
export function nextCommand(distribution: { id: string; domainName: string }, restricted: boolean): string {
  return restricted
    ? `keyfront sign --site ${distribution.domainName} PATH --expires 1d`
    : `keyfront cloudfront onboard --distribution ${distribution.id} --key NAME`
}
