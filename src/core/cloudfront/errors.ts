// CloudFront's own error codes, in plain words with the next step. Anything CloudFront-agnostic
// (credentials, AccessDenied, throttling, network) is left to aws/errors.ts.
import { KeyfrontError, type ErrorCode } from '../../shared/errors.ts'
import { awsError } from '../aws/errors.ts'

/** Every CloudFront action Keyfront's listing, onboarding and key lifecycle use (named when AWS says AccessDenied). */
export const CLOUDFRONT_IAM_ACTIONS = [
  'cloudfront:ListPublicKeys',
  'cloudfront:CreatePublicKey',
  'cloudfront:GetPublicKey',
  'cloudfront:DeletePublicKey',
  'cloudfront:ListKeyGroups',
  'cloudfront:GetKeyGroup',
  'cloudfront:CreateKeyGroup',
  'cloudfront:UpdateKeyGroup',
  'cloudfront:ListDistributions',
  'cloudfront:ListDistributionsByKeyGroup',
  'cloudfront:GetDistribution',
  'cloudfront:GetDistributionConfig',
  'cloudfront:UpdateDistribution',
] as const

const KNOWN: Record<string, [ErrorCode, string]> = {
  TooManyPublicKeys: [
    'CF_TOO_MANY_PUBLIC_KEYS',
    'This AWS account already has as many CloudFront public keys as it may (10 unless AWS raised the quota). Delete a public key nothing uses in the CloudFront console, or ask AWS Support for a higher quota.',
  ],
  TooManyPublicKeysInKeyGroup: [
    'CF_TOO_MANY_KEYS_IN_GROUP',
    "The key group already has 5 keys — CloudFront's limit. Remove one or use another group.",
  ],
  TooManyKeyGroups: [
    'CF_TOO_MANY_KEY_GROUPS',
    'This AWS account already has as many key groups as it may (10 unless AWS raised the quota). Add the key to an existing key group instead, or delete a group nothing uses.',
  ],
  TooManyKeyGroupsAssociatedToDistribution: [
    'CF_TOO_MANY_KEY_GROUPS_ON_DISTRIBUTION',
    'A cache behavior may trust at most 4 key groups. Add the key to one of the key groups the behavior already trusts instead.',
  ],
  KeyGroupAlreadyExists: [
    'CF_KEY_GROUP_EXISTS',
    'A key group with this name already exists in the account. Choose that group, or another name.',
  ],
  PublicKeyAlreadyExists: [
    'CF_PUBLIC_KEY_EXISTS',
    'A different public key with this name (or upload reference) already exists in the account. Rename your key in Keyfront and upload again.',
  ],
  PreconditionFailed: [
    'CF_PRECONDITION_FAILED',
    'The distribution was changed by someone else while Keyfront was saving, twice in a row. Keyfront changed nothing; review the distribution and run the same command again.',
  ],
  InvalidIfMatchVersion: [
    'CF_PRECONDITION_FAILED',
    'CloudFront did not accept the version Keyfront read. Keyfront changed nothing; run the same command again.',
  ],
  NoSuchDistribution: [
    'CF_NO_SUCH_DISTRIBUTION',
    'There is no distribution with this id in the account of this profile. Check the id against the list of distributions, or pick another profile.',
  ],
  NoSuchResource: [
    'CF_NO_SUCH_KEY_GROUP',
    'The key group no longer exists in this account. List the key groups again and pick one that exists.',
  ],
  TrustedKeyGroupDoesNotExist: [
    'CF_NO_SUCH_KEY_GROUP',
    'The key group no longer exists in this account, so a behavior cannot trust it. Run the command again to create it.',
  ],
  NoSuchPublicKey: [
    'CF_NO_SUCH_PUBLIC_KEY',
    'The public key no longer exists in this account. Upload the key again.',
  ],
  PublicKeyInUse: [
    'CF_PUBLIC_KEY_IN_USE',
    'The public key is still in a key group. Remove it from every key group first.',
  ],
}

const INVALID_REQUEST = new Set([
  'InvalidArgument',
  'InconsistentQuantities',
  'IllegalUpdate',
  'MalformedInput',
])

export function cloudFrontError(error: unknown, operation: string, profile?: string): KeyfrontError {
  if (error instanceof KeyfrontError) return error
  const name = error instanceof Error ? error.name : ''
  const known = KNOWN[name]
  if (known) return new KeyfrontError(known[0], known[1], { cause: error })
  const context = { service: 'CloudFront', operation, profile, iamActions: CLOUDFRONT_IAM_ACTIONS }
  if (INVALID_REQUEST.has(name)) {
    const detail = error instanceof Error ? error.message.slice(0, 300) : ''
    return new KeyfrontError(
      'CF_INVALID_REQUEST',
      `CloudFront rejected ${operation} (${name}: ${detail}). Keyfront changed nothing; please report this with the message.`,
      { cause: error },
    )
  }
  return awsError(error, context)
}
