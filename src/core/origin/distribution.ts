// Finds the distribution Keyfront made for a bucket (by its CallerReference) and creates it when
// there is none: the bucket's REST endpoint as the only origin, signed by the origin access
// control; viewers redirected to HTTPS; the managed CachingOptimized cache policy; and the chosen
// behaviors trusting the key group from the start, so no moment passes in which they are open.
import {
  CreateDistributionCommand,
  type CacheBehavior,
  type DefaultCacheBehavior,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
  type DistributionConfig,
  type DistributionSummary,
} from '@aws-sdk/client-cloudfront'
import { DEFAULT_BEHAVIOR, type ExistingDistribution } from '../../shared/contract/origin.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { awsCall, awsErrorName, toOriginError, type CloudFrontAccess } from './aws-call.ts'
import {
  CACHING_OPTIMIZED_POLICY_ID,
  bucketEndpoint,
  bucketEndpoints,
  callerReference,
  distributionComment,
  originId,
} from './names.ts'

const LIST_PAGES_MAX = 100

export interface BucketDistributions {
  /** The distribution an earlier Keyfront run created for this bucket. */
  keyfront?: ExistingDistribution
  /** Its configuration as read, to plan the restriction of its behaviors. */
  keyfrontConfig?: DistributionConfig
  /** Other distributions whose origin is this bucket. */
  others: { id: string; domainName: string }[]
}

export async function findBucketDistributions(
  access: CloudFrontAccess,
  bucket: string,
  region: string,
): Promise<BucketDistributions> {
  const endpoints = bucketEndpoints(bucket, region)
  const reference = callerReference(bucket)
  const found: BucketDistributions = { others: [] }
  for (const summary of await listAll(access)) {
    const origins = summary.Origins?.Items
    // Real summaries list origins, so only this bucket's distributions are read in full;
    // moto_server's summaries have none, and then each config is read.
    if (origins && !origins.some((o) => endpoints.includes(o.DomainName ?? ''))) continue
    const id = summary.Id ?? ''
    const config = await readConfig(access, id)
    if (config.CallerReference === reference) {
      found.keyfront = {
        id,
        arn: summary.ARN ?? '',
        domainName: summary.DomainName ?? '',
        status: summary.Status ?? '',
        defaultRootObject: config.DefaultRootObject || undefined,
      }
      found.keyfrontConfig = config
    } else if (config.Origins?.Items?.some((o) => endpoints.includes(o.DomainName ?? ''))) {
      found.others.push({ id, domainName: summary.DomainName ?? '' })
    }
  }
  return found
}

async function listAll({ cf, profile }: CloudFrontAccess): Promise<DistributionSummary[]> {
  const all: DistributionSummary[] = []
  let marker: string | undefined
  for (let page = 0; page < LIST_PAGES_MAX; page++) {
    const out = await awsCall({ service: 'CloudFront', operation: 'ListDistributions', profile }, () =>
      cf.send(new ListDistributionsCommand({ Marker: marker })),
    )
    all.push(...(out.DistributionList?.Items ?? []))
    marker = out.DistributionList?.IsTruncated ? out.DistributionList.NextMarker : undefined
    if (!marker) break
  }
  return all
}

async function readConfig({ cf, profile }: CloudFrontAccess, id: string): Promise<DistributionConfig> {
  const out = await awsCall({ service: 'CloudFront', operation: 'GetDistributionConfig', profile }, () =>
    cf.send(new GetDistributionConfigCommand({ Id: id })),
  )
  return out.DistributionConfig ?? ({} as DistributionConfig)
}

export function distributionConfig(input: {
  bucket: string
  region: string
  accessControlId: string
  rootObject?: string
  /** The key group the chosen behaviors trust; none: every file opens without a signed link. */
  keyGroupId?: string
  /** "default" and/or path patterns; each pattern becomes a cache behavior. Default: ["default"]. */
  behaviors?: string[]
}): DistributionConfig {
  const target = originId(input.bucket)
  const selectors = input.behaviors ?? [DEFAULT_BEHAVIOR]
  const trust = (selector: string) =>
    input.keyGroupId && selectors.includes(selector)
      ? { TrustedKeyGroups: { Enabled: true, Quantity: 1, Items: [input.keyGroupId] } }
      : {}
  const behavior: DefaultCacheBehavior = {
    TargetOriginId: target,
    ViewerProtocolPolicy: 'redirect-to-https',
    CachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
    Compress: true,
    AllowedMethods: {
      Quantity: 2,
      Items: ['GET', 'HEAD'],
      CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] },
    },
  }
  const patterns = selectors.filter((selector) => selector !== DEFAULT_BEHAVIOR)
  return {
    CallerReference: callerReference(input.bucket),
    Comment: distributionComment(input.bucket),
    Enabled: true,
    DefaultRootObject: input.rootObject ?? '',
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: target,
          DomainName: bucketEndpoint(input.bucket, input.region),
          // With an OAC the legacy origin access identity stays empty.
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: input.accessControlId,
        },
      ],
    },
    DefaultCacheBehavior: { ...behavior, ...trust(DEFAULT_BEHAVIOR) },
    ...(patterns.length > 0 && {
      CacheBehaviors: {
        Quantity: patterns.length,
        Items: patterns.map((pattern): CacheBehavior => ({
          ...behavior,
          PathPattern: pattern,
          ...trust(pattern),
        })),
      },
    }),
    // Signed links limited to an IP address accept IPv4 only: with IPv6 on, such links
    // would fail for viewers who connect over IPv6.
    IsIPV6Enabled: false,
  }
}

export async function createDistribution(
  access: CloudFrontAccess,
  config: DistributionConfig,
  bucket: string,
  region: string,
): Promise<ExistingDistribution & { created: boolean }> {
  try {
    const out = await access.cf.send(new CreateDistributionCommand({ DistributionConfig: config }))
    const d = out.Distribution
    if (!d?.Id) throw new KeyfrontError('AWS_ERROR', 'CloudFront did not return the new distribution’s id.')
    return {
      id: d.Id,
      arn: d.ARN ?? '',
      domainName: d.DomainName ?? '',
      status: d.Status ?? '',
      defaultRootObject: config.DefaultRootObject || undefined,
      created: true,
    }
  } catch (error) {
    // The CallerReference was used before: an earlier run got this far. Use what it created.
    if (awsErrorName(error) === 'DistributionAlreadyExists') {
      const { keyfront } = await findBucketDistributions(access, bucket, region)
      if (keyfront) return { ...keyfront, created: false }
      throw new KeyfrontError(
        'CF_DISTRIBUTION_REFERENCE_TAKEN',
        `CloudFront says Keyfront already created a distribution for ${bucket}, but it is not in this account’s list ` +
          '(it may have been deleted recently). Wait a few minutes and try again.',
        { cause: error },
      )
    }
    throw toOriginError(error, {
      service: 'CloudFront',
      operation: 'CreateDistribution',
      profile: access.profile,
    })
  }
}
