// Reads what Keyfront needs to know about S3 buckets: the account's buckets with their regions,
// and one bucket's region, Block Public Access settings, default encryption and policy. A setting
// the profile may not read is reported as unknown rather than failing the whole inspection. The one
// bucket setting it writes besides the policy: default encryption to SSE-S3, when the user chose it.
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  PutBucketEncryptionCommand,
} from '@aws-sdk/client-s3'
import type { BucketSummary, EncryptionStatus, PublicAccessStatus } from '../../shared/contract/origin.ts'
import { awsCall, awsErrorName, toOriginError, type OriginCallContext } from './aws-call.ts'
import { classifyEncryption, publicAccessState } from './bucket-checks.ts'
import type { OriginSession } from './session.ts'

const LIST_PAGES_MAX = 100
const LOCATION_LOOKUPS_AT_ONCE = 4

export function s3Call(operation: string, session: OriginSession, bucket?: string): OriginCallContext {
  return { service: 'S3', operation, bucket, profile: session.profile }
}

/** GetBucketLocation answers from the global endpoint for any bucket; '' or null means us-east-1. */
export async function bucketRegion(session: OriginSession, bucket: string): Promise<string> {
  const { LocationConstraint } = await awsCall(s3Call('GetBucketLocation', session, bucket), () =>
    session.s3().send(new GetBucketLocationCommand({ Bucket: bucket })),
  )
  if (!LocationConstraint) return 'us-east-1'
  return LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint
}

export async function listBuckets(session: OriginSession): Promise<BucketSummary[]> {
  const buckets: BucketSummary[] = []
  let token: string | undefined
  for (let page = 0; page < LIST_PAGES_MAX; page++) {
    const out = await awsCall(s3Call('ListAllMyBuckets', session), () =>
      session.s3().send(new ListBucketsCommand({ ContinuationToken: token })),
    )
    for (const b of out.Buckets ?? []) {
      if (b.Name) buckets.push({ name: b.Name, region: b.BucketRegion, createdAt: b.CreationDate?.getTime() })
    }
    token = out.ContinuationToken
    if (!token) break
  }
  // Older S3 APIs (and moto_server) omit BucketRegion: look it up, a few at a time.
  const missing = buckets.filter((b) => !b.region)
  for (let i = 0; i < missing.length; i += LOCATION_LOOKUPS_AT_ONCE) {
    await Promise.all(
      missing.slice(i, i + LOCATION_LOOKUPS_AT_ONCE).map(async (b) => {
        b.region = await bucketRegion(session, b.name).catch(() => undefined)
      }),
    )
  }
  return buckets.sort((a, b) => a.name.localeCompare(b.name))
}

export async function publicAccessOf(
  session: OriginSession,
  bucket: string,
  region: string,
): Promise<PublicAccessStatus> {
  try {
    const out = await session.s3(region).send(new GetPublicAccessBlockCommand({ Bucket: bucket }))
    return publicAccessState(out.PublicAccessBlockConfiguration ?? {})
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchPublicAccessBlockConfiguration') return publicAccessState({})
    const failure = toOriginError(error, s3Call('GetBucketPublicAccessBlock', session, bucket))
    if (failure.code === 'AWS_ACCESS_DENIED') return { state: 'unknown' }
    throw failure
  }
}

export async function encryptionOf(
  session: OriginSession,
  bucket: string,
  region: string,
): Promise<EncryptionStatus> {
  try {
    const out = await session.s3(region).send(new GetBucketEncryptionCommand({ Bucket: bucket }))
    return classifyEncryption(out.ServerSideEncryptionConfiguration?.Rules ?? [])
  } catch (error) {
    // Since 2023 every bucket is encrypted (SSE-S3 at least); "not found" comes from older buckets and emulators.
    if (awsErrorName(error) === 'ServerSideEncryptionConfigurationNotFoundError') return { kind: 'none' }
    const failure = toOriginError(error, s3Call('GetEncryptionConfiguration', session, bucket))
    if (failure.code === 'AWS_ACCESS_DENIED') return { kind: 'unknown' }
    throw failure
  }
}

/** The bucket's policy as S3 stores it, or undefined when it has none. */
export async function bucketPolicy(
  session: OriginSession,
  bucket: string,
  region: string,
): Promise<string | undefined> {
  try {
    const out = await session.s3(region).send(new GetBucketPolicyCommand({ Bucket: bucket }))
    return out.Policy
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchBucketPolicy') return undefined
    throw toOriginError(error, s3Call('GetBucketPolicy', session, bucket))
  }
}

/**
 * Makes SSE-S3 the bucket's default encryption (for new objects only: S3 never re-encrypts what is
 * stored). Called only with the user's consent, instead of the aws/s3 key CloudFront cannot use.
 */
export async function useSseS3(session: OriginSession, bucket: string, region: string): Promise<void> {
  await awsCall(s3Call('PutEncryptionConfiguration', session, bucket), () =>
    session.s3(region).send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
          ],
        },
      }),
    ),
  )
}
