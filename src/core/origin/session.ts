// The AWS clients one origin task uses, made for the chosen profile (resolved like every other AWS
// call of the app, by AwsAccounts) and released together when the task ends, so no connection
// outlives it. S3 clients are per region: a bucket is read and written in its own region.
import type { S3Client } from '@aws-sdk/client-s3'
import type { AwsAccounts } from '../aws/accounts.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import type { CloudFrontAccess } from './aws-call.ts'

export interface OriginSession {
  profile?: string
  s3(region?: string): S3Client
  cloudFront(): CloudFrontAccess
}

export type ProfileResolver = Pick<AwsAccounts, 'clientOptions'>

export async function withSession<T>(
  aws: AwsClientFactory,
  accounts: ProfileResolver,
  profile: string | undefined,
  run: (session: OriginSession) => Promise<T>,
): Promise<T> {
  const options = await accounts.clientOptions(profile)
  const s3ByRegion = new Map<string, S3Client>()
  let cloudFront: CloudFrontAccess | undefined
  const session: OriginSession = {
    profile,
    s3(region = 'us-east-1') {
      let client = s3ByRegion.get(region)
      if (!client) s3ByRegion.set(region, (client = aws.s3(options, region)))
      return client
    },
    cloudFront() {
      cloudFront ??= { cf: aws.cloudFront(options), profile }
      return cloudFront
    },
  }
  try {
    return await run(session)
  } finally {
    for (const client of s3ByRegion.values()) client.destroy()
    cloudFront?.cf.destroy()
  }
}
