// Runs one S3 call of file sharing and turns its failure into a KeyfrontError: S3's "no such
// bucket" as the origin area maps it, everything else (credentials, access denied naming the
// permissions sharing needs, throttling, network) through the shared aws/errors.ts.
import type { KeyfrontError } from '../../shared/errors.ts'
import { FILE_SHARING_IAM_ACTIONS } from '../../shared/files-permissions.ts'
import { awsError } from '../aws/errors.ts'
import { awsErrorName, toOriginError } from '../origin/aws-call.ts'
import type { OriginSession } from '../origin/session.ts'

export async function s3Call<T>(
  session: OriginSession,
  /** Named like the IAM action the call needs (ListBucket, PutObject, GetObject). */
  action: string,
  bucket: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw s3Error(error, session, action, bucket)
  }
}

export function s3Error(
  error: unknown,
  session: OriginSession,
  action: string,
  bucket: string,
): KeyfrontError {
  const context = { service: 'S3', operation: action, bucket, profile: session.profile }
  if (awsErrorName(error) === 'NoSuchBucket') return toOriginError(error, { ...context, service: 'S3' })
  return awsError(error, { ...context, iamActions: FILE_SHARING_IAM_ACTIONS })
}
