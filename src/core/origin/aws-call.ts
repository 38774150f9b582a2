// Runs one S3 or CloudFront call of the origin area and turns its failure into a KeyfrontError that
// says what to do. S3's own "no such bucket" is mapped here; credentials, access denied (with every
// IAM action this flow needs), throttling and network trouble go through the shared aws/errors.ts.
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { KeyfrontError } from '../../shared/errors.ts'
import { NEW_DISTRIBUTION_IAM_ACTIONS } from '../../shared/origin-permissions.ts'
import { awsError } from '../aws/errors.ts'

export interface OriginCallContext {
  service: 'S3' | 'CloudFront'
  /** Named like the IAM action (s3:GetEncryptionConfiguration → "GetEncryptionConfiguration"). */
  operation: string
  bucket?: string
  profile?: string
}

/** A CloudFront client and the profile it was made for (named in error messages). */
export interface CloudFrontAccess {
  cf: CloudFrontClient
  profile?: string
}

export async function awsCall<T>(context: OriginCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toOriginError(error, context)
  }
}

export function awsErrorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined
}

export function toOriginError(error: unknown, context: OriginCallContext): KeyfrontError {
  if (awsErrorName(error) === 'NoSuchBucket') {
    return new KeyfrontError(
      'S3_NO_SUCH_BUCKET',
      `There is no bucket named ${context.bucket ?? ''} that this account can see. Check the name, or pick one from the list.`,
      { cause: error },
    )
  }
  return awsError(error, { ...context, iamActions: NEW_DISTRIBUTION_IAM_ACTIONS })
}
