// What KMS answers, as errors that say which key and what to do: the state of the key (disabled,
// pending deletion), a key CloudFront cannot use, a key that is not there (or is in another region),
// and access denied naming the IAM action and the key. The rest is the shared AWS mapping.
import { KeyfrontError } from '../../shared/errors.ts'
import { commonAwsError, awsError, profileLabel } from '../aws/errors.ts'

export interface KmsCallContext {
  /** Sign, GetPublicKey, DescribeKey, CreateKey, CreateAlias, ScheduleKeyDeletion. */
  operation: string
  /** The key as given or recorded (ARN, alias or id); absent for CreateKey. */
  keyId?: string
  region: string
  profile?: string | undefined
}

export function kmsError(error: unknown, context: KmsCallContext): KeyfrontError {
  if (error instanceof KeyfrontError) return error
  const name = (error as { name?: string } | null)?.name ?? ''
  const message = (error as { message?: string } | null)?.message ?? ''
  const key = context.keyId ?? 'the new key'
  const profile = profileLabel(context.profile)
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new KeyfrontError(
      'AWS_ACCESS_DENIED',
      `AWS denied kms:${context.operation} on ${key} to profile "${profile}". Ask your AWS administrator to allow kms:${context.operation} on this key (the README lists the permissions for people who make links and for those who manage keys), or pick another profile.`,
      { cause: error },
    )
  }
  if (name === 'NotFoundException') {
    return new KeyfrontError(
      'KMS_KEY_NOT_FOUND',
      `AWS KMS has no key ${key} in ${context.region} for profile "${profile}". Check the ARN or alias and the region: a KMS key lives in one region only.`,
      { cause: error },
    )
  }
  if (name === 'DisabledException') return disabled(key, error)
  if (name === 'KMSInvalidStateException') {
    return /pending\s*(deletion|import)/i.test(message) ? pendingDeletion(key, error) : disabled(key, error)
  }
  if (name === 'InvalidKeyUsageException' || name === 'UnsupportedOperationException') {
    return new KeyfrontError(
      'KMS_KEY_UNSUITABLE',
      `${key} cannot sign CloudFront links (${name}). CloudFront needs a KMS key for signing and verifying, of type RSA 2048 or ECC NIST P-256.`,
      { cause: error },
    )
  }
  return (
    commonAwsError(error, { service: 'KMS', operation: context.operation, profile: context.profile }) ??
    awsError(error, { service: 'KMS', operation: context.operation, profile: context.profile })
  )
}

export function disabled(key: string, cause?: unknown): KeyfrontError {
  return new KeyfrontError(
    'KMS_KEY_DISABLED',
    `The KMS key ${key} is disabled, so it cannot sign. Ask whoever manages it to enable it (KMS console, or \`aws kms enable-key --key-id ${key}\`).`,
    { cause },
  )
}

export function pendingDeletion(key: string, cause?: unknown): KeyfrontError {
  return new KeyfrontError(
    'KMS_KEY_PENDING_DELETION',
    `The KMS key ${key} is scheduled for deletion, so it cannot sign. To keep it, cancel the deletion (\`aws kms cancel-key-deletion --key-id ${key}\`, then enable it) before the waiting period ends.`,
    { cause },
  )
}
