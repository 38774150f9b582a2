// Turns what the AWS SDK throws into KeyfrontErrors a person can act on: missing or expired
// credentials, access denied (with the IAM actions to ask for), throttling and network trouble
// that outlasted the SDK's retries. Service-specific codes (CloudFront's TooMany…, S3's NoSuch…)
// are mapped by each service's own module first; this is the shared part and the fallback.
import { KeyfrontError } from '../../shared/errors.ts'

export interface AwsCallContext {
  /** Shown to people: "CloudFront", "STS", "S3". */
  service: string
  /** The API operation, e.g. "UpdateDistribution" (also the IAM action's name). */
  operation: string
  /** The profile in use, for "run aws sso login --profile X". */
  profile?: string
  /** IAM actions the whole task needs, listed when AWS says AccessDenied. */
  iamActions?: readonly string[]
}

/** What the SDK's errors carry (ServiceException and CredentialsProviderError, and Node errors). */
interface SdkErrorLike {
  name?: string
  message?: string
  code?: string
  $fault?: 'client' | 'server'
  $metadata?: { httpStatusCode?: number; attempts?: number }
  $retryable?: { throttling?: boolean }
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
])
const INVALID_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'AuthFailure',
])
const EXPIRED_CREDENTIALS = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'])
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])

export function profileLabel(profile: string | undefined): string {
  return profile ?? process.env.AWS_PROFILE ?? 'default'
}

/** The shared mapping; undefined when the error is a service's own (let the caller decide). */
export function commonAwsError(error: unknown, context: AwsCallContext): KeyfrontError | undefined {
  if (error instanceof KeyfrontError) return error
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike
  const name = e.name ?? ''
  const message = e.message ?? ''
  const profile = profileLabel(context.profile)
  if (name === 'AbortError') return new KeyfrontError('CANCELLED', 'Stopped.')
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    if (/sso/i.test(message)) {
      return new KeyfrontError(
        'AWS_SSO_EXPIRED',
        `Your AWS SSO session for profile "${profile}" has expired or was never started. Run \`aws sso login --profile ${profile}\`, then try again.`,
        { cause: error },
      )
    }
    return new KeyfrontError(
      'AWS_NO_CREDENTIALS',
      'No AWS credentials were found. Pick a profile from ~/.aws/config, run `aws configure` (or `aws sso login`), or add an access key in Keyfront.',
      { cause: error },
    )
  }
  if (INVALID_CREDENTIALS.has(name)) {
    return new KeyfrontError(
      'AWS_CREDENTIALS_INVALID',
      `AWS did not accept the credentials of profile "${profile}" (${name}). Check the access key, or pick another profile.`,
      { cause: error },
    )
  }
  if (EXPIRED_CREDENTIALS.has(name)) {
    return new KeyfrontError(
      'AWS_CREDENTIALS_INVALID',
      `The credentials of profile "${profile}" have expired. Sign in again (for SSO: \`aws sso login --profile ${profile}\`), then try again.`,
      { cause: error },
    )
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    const needed = context.iamActions?.length ? ` Keyfront needs: ${context.iamActions.join(', ')}.` : ''
    return new KeyfrontError(
      'AWS_ACCESS_DENIED',
      `AWS denied ${context.service} ${context.operation} to profile "${profile}": the identity lacks the IAM permission ${iamAction(context)}.${needed} Ask your AWS administrator to allow these actions, or pick another profile.`,
      { cause: error },
    )
  }
  const attempts = e.$metadata?.attempts
  const afterRetries = attempts && attempts > 1 ? ` even after ${attempts} attempts` : ''
  if (THROTTLING.has(name) || e.$retryable?.throttling) {
    return new KeyfrontError(
      'AWS_THROTTLED',
      `${context.service} is limiting how fast this account may call it${afterRetries}. Wait a minute, then try again.`,
      { cause: error },
    )
  }
  if (isNetworkError(e)) {
    return new KeyfrontError(
      'AWS_NETWORK',
      `Keyfront could not reach ${context.service} (${e.code ?? name})${afterRetries}. Check your internet connection, proxy or VPN, then try again.`,
      { cause: error },
    )
  }
  const status = e.$metadata?.httpStatusCode
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new KeyfrontError(
      'AWS_ERROR',
      `${context.service} had an internal problem (HTTP ${status ?? 'error'}, ${name})${afterRetries}. Nothing more was changed; try again in a few minutes.`,
      { cause: error },
    )
  }
  return undefined
}

/** commonAwsError, or a generic AWS_ERROR naming the service's error code. */
export function awsError(error: unknown, context: AwsCallContext): KeyfrontError {
  const mapped = commonAwsError(error, context)
  if (mapped) return mapped
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike
  // AWS messages describe the request, not secrets; keep them short.
  const detail = e.message ? `: ${e.message.slice(0, 300)}` : ''
  return new KeyfrontError(
    'AWS_ERROR',
    `${context.service} refused ${context.operation} (${e.name ?? 'error'}${detail}).`,
    { cause: error },
  )
}

/** IAM actions are named after the API operation, prefixed with the service ("cloudfront:…"). */
function iamAction(context: AwsCallContext): string {
  return `${context.service.toLowerCase()}:${context.operation}`
}

function isNetworkError(e: SdkErrorLike): boolean {
  if (e.code && NETWORK_CODES.has(e.code)) return true
  return e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.name === 'RequestTimeoutException'
}
