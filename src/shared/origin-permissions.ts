// The IAM permissions "a private bucket → a distribution restricted to signed links" needs, as one
// list (named in AccessDenied messages) and as a policy a person can hand to their AWS
// administrator before trying anything. The policy is scoped as far as Keyfront knows: to the
// account (S3 by its s3:ResourceAccount condition, CloudFront by the distribution ARN), to the bucket
// once it is chosen, and to the distribution once it exists. Public-key, key-group and origin
// access control actions only accept "*". Pure: the app builds it without any AWS call.

/** The AWS partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn'
  if (region?.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

const LIST_BUCKETS = ['s3:ListAllMyBuckets'] as const
const BUCKET_ACTIONS = [
  's3:GetBucketLocation',
  's3:GetBucketPublicAccessBlock',
  's3:GetEncryptionConfiguration',
  // Only used when the user agrees to switch the default encryption from aws/s3 to SSE-S3.
  's3:PutEncryptionConfiguration',
  's3:GetBucketPolicy',
  's3:PutBucketPolicy',
] as const
const DISTRIBUTION_ACTIONS = [
  'cloudfront:GetDistribution',
  'cloudfront:GetDistributionConfig',
  'cloudfront:UpdateDistribution',
] as const
const ACCOUNT_WIDE_CLOUDFRONT = [
  'cloudfront:ListDistributions',
  'cloudfront:ListOriginAccessControls',
  'cloudfront:CreateOriginAccessControl',
  'cloudfront:ListPublicKeys',
  'cloudfront:CreatePublicKey',
  'cloudfront:ListKeyGroups',
  'cloudfront:GetKeyGroup',
  'cloudfront:CreateKeyGroup',
  'cloudfront:UpdateKeyGroup',
  'cloudfront:ListDistributionsByKeyGroup',
] as const

/** Every action the flow may call, for "AWS denied X: Keyfront needs …". */
export const NEW_DISTRIBUTION_IAM_ACTIONS: readonly string[] = [
  ...LIST_BUCKETS,
  ...BUCKET_ACTIONS,
  'cloudfront:CreateDistribution',
  ...DISTRIBUTION_ACTIONS,
  ...ACCOUNT_WIDE_CLOUDFRONT,
]

export interface PermissionScope {
  /** The AWS account, once AWS has said who this is. */
  accountId?: string
  bucket?: string
  /** The bucket's region (for the partition). */
  region?: string
  /** The distribution, once it exists: then it is not created again, only read and restricted. */
  distributionId?: string
}

/** The policy as pretty-printed JSON, ready to copy. */
export function newDistributionPolicy(scope: PermissionScope = {}): string {
  const partition = partitionOf(scope.region)
  const account = scope.accountId ?? '*'
  const inAccount = scope.accountId ? { Condition: { StringEquals: { 's3:ResourceAccount': account } } } : {}
  const distribution = scope.distributionId
    ? {
        Action: [...DISTRIBUTION_ACTIONS],
        Resource: `arn:${partition}:cloudfront::${account}:distribution/${scope.distributionId}`,
      }
    : {
        Action: ['cloudfront:CreateDistribution', ...DISTRIBUTION_ACTIONS],
        Resource: `arn:${partition}:cloudfront::${account}:distribution/*`,
      }
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'FindTheBucket', Effect: 'Allow', Action: [...LIST_BUCKETS], Resource: '*' },
      {
        Sid: 'ReadAndShareTheBucket',
        Effect: 'Allow',
        Action: [...BUCKET_ACTIONS],
        Resource: `arn:${partition}:s3:::${scope.bucket ?? '*'}`,
        ...inAccount,
      },
      { Sid: 'CreateAndRestrictTheDistribution', Effect: 'Allow', ...distribution },
      {
        Sid: 'KeysKeyGroupsAndOriginAccess',
        Effect: 'Allow',
        Action: [...ACCOUNT_WIDE_CLOUDFRONT],
        Resource: '*',
      },
    ],
  }
  return JSON.stringify(policy, null, 2)
}
