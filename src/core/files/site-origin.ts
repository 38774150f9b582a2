// Which S3 bucket a site's files are in: the origin the distribution's default behavior sends
// requests to, read with GetDistributionConfig and recognised by its S3 endpoint name. A site whose
// origin is not an S3 bucket (a web server, a load balancer) cannot be browsed or uploaded to.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront'
import type { SignedSite } from '../../shared/contract/cloudfront.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { siteName } from '../../shared/site-link.ts'
import { createCloudFrontApi } from '../cloudfront/api.ts'
import { bucketRegion } from '../origin/buckets.ts'
import type { OriginSession } from '../origin/session.ts'
import type { SiteBucket } from './object-keys.ts'

/** bucket.s3.REGION.amazonaws.com, bucket.s3-REGION…, bucket.s3-website[.-]REGION…, bucket.s3.amazonaws.com. */
const S3_ENDPOINT =
  /^(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3(?:-website)?(?:[.-](?<region>[a-z]{2}(?:-[a-z]+)+-\d+))?\.amazonaws\.com(?:\.cn)?$/

export interface S3Origin {
  bucket: string
  /** Undefined when the endpoint does not name it (bucket.s3.amazonaws.com). */
  region?: string
}

/** The bucket an origin's domain names, or undefined when it is not an S3 endpoint. */
export function s3OriginOf(domainName: string): S3Origin | undefined {
  const match = S3_ENDPOINT.exec(domainName.trim().toLowerCase())
  if (!match?.groups?.bucket) return undefined
  const { bucket, region } = match.groups
  return region ? { bucket, region } : { bucket }
}

/** The default behavior's origin, with its OriginPath. */
export function defaultOrigin(
  config: DistributionConfig,
): { domainName: string; originPath: string } | undefined {
  const target = config.DefaultCacheBehavior?.TargetOriginId
  const origin = config.Origins?.Items?.find((o) => o.Id === target)
  if (!origin?.DomainName) return undefined
  return { domainName: origin.DomainName, originPath: (origin.OriginPath ?? '').replace(/^\/+|\/+$/g, '') }
}

export async function siteBucket(session: OriginSession, site: SignedSite): Promise<SiteBucket> {
  const api = createCloudFrontApi(session.cloudFront().cf, session.profile)
  const { value: config } = await api.getDistributionConfig(site.distributionId)
  const origin = defaultOrigin(config)
  const s3 = origin && s3OriginOf(origin.domainName)
  if (!origin || !s3) {
    throw new KeyfrontError(
      'SITE_ORIGIN_NOT_S3',
      `The files of ${siteName(site)} do not come from an S3 bucket (its origin is ${origin?.domainName ?? 'unknown'}), so Keyfront cannot list or upload them. Type the file's path instead.`,
    )
  }
  const region = s3.region ?? (await bucketRegion(session, s3.bucket))
  return { bucket: s3.bucket, region, originPath: origin.originPath }
}
