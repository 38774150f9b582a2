// Channels of the origin area: serving a private S3 bucket through a new CloudFront distribution
// with origin access control, restricted to signed links from the moment it exists. What a bucket
// looks like to Keyfront, the plan shown before anything is created, and what applying it created.
import { z } from 'zod'
import { KeyGroupName, ProfileName } from './cloudfront.ts'
import { channel } from './define.ts'

/** S3's rules for DNS-compliant bucket names, the only ones a CloudFront S3 origin can use. */
export const BucketName = z
  .string()
  .min(3, 'A bucket name has at least 3 characters.')
  .max(63, 'A bucket name has at most 63 characters.')
  .regex(
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    'CloudFront can serve buckets whose names use only lower-case letters, digits, dots and hyphens.',
  )

export const AwsRegion = z
  .string()
  .max(32)
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'A region looks like eu-west-1.')

/** A default root object is an object key such as index.html, without a leading slash. */
export const RootObject = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\s][^\s]*$/, 'A root object is a file name such as index.html, without a leading slash.')

const Profile = ProfileName.optional()
const KeyRef = z.string().min(1).max(200)

/** The behavior for every path no pattern matches; the new distribution always has it. */
export const DEFAULT_BEHAVIOR = 'default'

/** "default", or a path pattern CloudFront accepts for a cache behavior (private/*, *.pdf). */
export const PathPattern = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^[A-Za-z0-9_\-.*$/~"'@:+&]+$/,
    'A path pattern uses letters, digits and _ - . * $ / ~ " \' @ : + &, like private/* or *.pdf.',
  )
  .refine((pattern) => pattern !== '*' && pattern !== '/*', 'For every path, say "default".')

/** What to do about a bucket that encrypts with aws/s3 (which CloudFront cannot read). */
export const EncryptionChoice = z.enum(['switch-to-sse-s3', 'keep'])
export type EncryptionChoice = z.infer<typeof EncryptionChoice>

export const BucketSummary = z.object({
  name: z.string(),
  /** Unknown when the account may not read the bucket's location. */
  region: z.string().optional(),
  /** Epoch milliseconds. */
  createdAt: z.number().optional(),
})
export type BucketSummary = z.infer<typeof BucketSummary>

export const PublicAccessStatus = z.object({
  /** blocked: all four bucket-level settings on; partial: some; off: none configured; unknown: not readable. */
  state: z.enum(['blocked', 'partial', 'off', 'unknown']),
  blockPublicAcls: z.boolean().optional(),
  ignorePublicAcls: z.boolean().optional(),
  blockPublicPolicy: z.boolean().optional(),
  restrictPublicBuckets: z.boolean().optional(),
})
export type PublicAccessStatus = z.infer<typeof PublicAccessStatus>

export const EncryptionStatus = z.object({
  /** How new objects are encrypted by default. kms-aws-managed = SSE-KMS with the aws/s3 key. */
  kind: z.enum(['none', 'sse-s3', 'kms-aws-managed', 'kms-customer', 'unknown']),
  /** The KMS key as configured on the bucket (id, ARN or alias), for the KMS kinds. */
  kmsKeyId: z.string().optional(),
})
export type EncryptionStatus = z.infer<typeof EncryptionStatus>

export const OriginNotice = z.object({
  level: z.enum(['warning', 'info']),
  title: z.string(),
  message: z.string(),
  /** What to do about it, in plain words. */
  fix: z.string().optional(),
  /** A JSON snippet to paste where the fix says (e.g. a KMS key policy statement). */
  snippet: z.string().optional(),
})
export type OriginNotice = z.infer<typeof OriginNotice>

export const BucketInspection = z.object({
  name: z.string(),
  region: z.string(),
  /** The bucket's regional REST endpoint, which becomes the distribution's origin. */
  endpoint: z.string(),
  publicAccess: PublicAccessStatus,
  encryption: EncryptionStatus,
  notices: z.array(OriginNotice),
})
export type BucketInspection = z.infer<typeof BucketInspection>

export const DiffLine = z.object({ op: z.enum([' ', '+', '-']), text: z.string() })
export type DiffLine = z.infer<typeof DiffLine>

export const ExistingDistribution = z.object({
  id: z.string(),
  arn: z.string(),
  domainName: z.string(),
  status: z.string(),
  defaultRootObject: z.string().optional(),
})
export type ExistingDistribution = z.infer<typeof ExistingDistribution>

export const SigningPlan = z.object({
  /** Which files need a signed link once it is deployed: every one, some paths, or none. */
  coverage: z.enum(['all', 'some', 'none']),
  key: z.object({ id: z.string(), name: z.string(), fingerprint: z.string() }).optional(),
  publicKey: z
    .object({ action: z.enum(['reuse', 'upload']), id: z.string().optional(), name: z.string() })
    .optional(),
  keyGroup: z
    .object({ action: z.enum(['create', 'add-key', 'none']), id: z.string().optional(), name: z.string() })
    .optional(),
  /** The behaviors that need a signed link: created so, restricted now (a reused distribution), or already so. */
  behaviors: z.array(z.object({ selector: z.string(), action: z.enum(['create', 'restrict', 'unchanged']) })),
  /** Who can open which files once it is deployed, in plain words. */
  summary: z.string(),
  /** Set when some files open without a signed link: what that means. */
  openWarning: z.string().optional(),
})
export type SigningPlan = z.infer<typeof SigningPlan>

export const OriginPlan = z.object({
  bucket: BucketInspection,
  signing: SigningPlan,
  /**
   * The bucket's default encryption: unchanged (nothing to decide), switch-to-sse-s3 or keep (the
   * user's choice for aws/s3), or choose (aws/s3 and no choice yet: applying is refused).
   */
  encryption: z.object({ action: z.enum(['unchanged', 'switch-to-sse-s3', 'keep', 'choose']) }),
  accessControl: z.object({
    action: z.enum(['create', 'reuse']),
    name: z.string(),
    id: z.string().optional(),
  }),
  distribution: z.object({
    action: z.enum(['create', 'reuse']),
    comment: z.string(),
    callerReference: z.string(),
    defaultRootObject: z.string().optional(),
    /** Set when reusing: the distribution Keyfront created for this bucket earlier. */
    existing: ExistingDistribution.optional(),
    /** Other distributions that already serve this bucket (not made by Keyfront); left alone. */
    others: z.array(z.object({ id: z.string(), domainName: z.string() })),
  }),
  bucketPolicy: z.object({
    /** create: the bucket has no policy yet; add: one statement is appended; unchanged: already there. */
    action: z.enum(['create', 'add', 'unchanged']),
    /** The statement that lets this distribution read objects, as JSON. */
    statement: z.string(),
    /** The policy before and after, pretty-printed, line by line. */
    diff: z.array(DiffLine),
    /** SHA-256 of the policy as read; applying refuses if the policy changed since. */
    baseHash: z.string(),
  }),
  notices: z.array(OriginNotice),
})
export type OriginPlan = z.infer<typeof OriginPlan>

export const CreatedResource = z.object({
  kind: z.enum([
    'public-key',
    'key-group',
    'origin-access-control',
    'distribution',
    'bucket-policy-statement',
    'bucket-encryption',
  ]),
  id: z.string(),
  /** created now, or reused from an earlier run / already present. */
  outcome: z.enum(['created', 'reused']),
  description: z.string(),
})
export type CreatedResource = z.infer<typeof CreatedResource>

export const OriginResult = z.object({
  distribution: ExistingDistribution,
  resources: z.array(CreatedResource),
  notices: z.array(OriginNotice),
  signing: z.object({
    coverage: SigningPlan.shape.coverage,
    /** The key that signs links, its Key-Pair-Id in this account, and the group holding it. */
    keyId: z.string().optional(),
    keyPairId: z.string().optional(),
    keyGroupId: z.string().optional(),
    keyGroupName: z.string().optional(),
    /** The behaviors that accept only signed links. */
    restrictedPaths: z.array(z.string()),
  }),
  /** The command that continues: sign a link (restricted), or restrict it (no signed links). */
  next: z.string(),
})
export type OriginResult = z.infer<typeof OriginResult>

export const PlanRequest = z.object({
  bucket: BucketName,
  region: AwsRegion.optional(),
  rootObject: RootObject.optional(),
  profile: Profile,
  /** The key that signs links (name or id); needed unless `allowUnsigned` without behaviors. */
  key: KeyRef.optional(),
  /** Default: keyfront-<bucket> (dots become underscores). */
  keyGroup: KeyGroupName.optional(),
  /** The paths that need a signed link: "default" and/or path patterns. Default: every file. */
  behaviors: z.array(PathPattern).min(1).max(25).optional(),
  /**
   * The user's explicit "yes" to files opening without a signed link: the paths not in `behaviors`,
   * or, with no key, every file. The only way to anything unrestricted.
   */
  allowUnsigned: z.boolean().optional(),
  /** Needed when the bucket encrypts with aws/s3. */
  encryption: EncryptionChoice.optional(),
})
export type PlanRequest = z.infer<typeof PlanRequest>

export const ApplyRequest = PlanRequest.extend({
  /** The user saw the bucket-policy diff and agreed to it. */
  bucketPolicyConsent: z.literal(true, 'Agree to the bucket policy change before creating.'),
  /** OriginPlan.bucketPolicy.baseHash of the plan the user agreed to. */
  expectedPolicyHash: z.string().max(64),
})
export type ApplyRequest = z.infer<typeof ApplyRequest>

export const originContract = {
  'origin.listBuckets': channel(z.object({ profile: Profile }), z.array(BucketSummary)),
  'origin.inspectBucket': channel(
    z.object({ bucket: BucketName, region: AwsRegion.optional(), profile: Profile }),
    BucketInspection,
  ),
  'origin.plan': channel(PlanRequest, OriginPlan),
  'origin.apply': channel(ApplyRequest, OriginResult),
}
