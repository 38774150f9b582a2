// Channels of the aws and cloudfront areas: which AWS identity is in use, the account's public keys
// and key groups, its distributions with the keys each behavior trusts, and the onboarding flow
// (plan → apply → deployment). The shapes here are also what the core returns and `--json` prints.
import { z } from 'zod'
import { channel } from './define.ts'

/** Profile names as the AWS CLI accepts them; no whitespace or brackets (they end an ini section). */
export const ProfileName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\s[\]]+$/, 'A profile name has no spaces or brackets.')
/** CloudFront distribution ids: upper-case letters and digits (E2QWRUHAPOMQZL). */
export const DistributionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Z0-9]+$/, 'A distribution id has upper-case letters and digits, like E2QWRUHAPOMQZL.')
/** CloudFront's rule for key group and public key names. */
export const KeyGroupName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'A key group name uses letters, digits, hyphens and underscores.')
/** "default" (the default cache behavior) or a cache behavior's path pattern. */
export const BehaviorSelector = z.string().min(1).max(255)
const KeyRef = z.string().min(1).max(200)
const Profile = ProfileName.optional()

export const AwsProfile = z.object({
  name: z.string(),
  /** How the profile gets credentials. `keychain`: an access key added in Keyfront. */
  kind: z.enum(['sso', 'access-key', 'keychain', 'assume-role', 'process', 'web-identity', 'other']),
  /** aws: ~/.aws/config and credentials; keyfront: added in Keyfront (secret in the OS keychain). */
  source: z.enum(['aws', 'keyfront']),
  region: z.string().optional(),
  /** The account an SSO profile signs in to, when the config names it. */
  ssoAccountId: z.string().optional(),
  ssoStartUrl: z.string().optional(),
})
export type AwsProfile = z.infer<typeof AwsProfile>

export const AwsProfiles = z.object({
  profiles: z.array(AwsProfile),
  /** What the SDK uses when no profile is picked: AWS_PROFILE, else "default" if it exists. */
  defaultProfile: z.string().optional(),
  /** Credentials are set in the environment (AWS_ACCESS_KEY_ID): the default choice uses them. */
  environmentCredentials: z.boolean(),
})
export type AwsProfiles = z.infer<typeof AwsProfiles>

export const CallerIdentity = z.object({
  profile: z.string().optional(),
  accountId: z.string(),
  arn: z.string(),
  userId: z.string(),
})
export type CallerIdentity = z.infer<typeof CallerIdentity>

/** A key Keyfront holds, as other shapes refer to it. */
export const HeldKeyRef = z.object({ id: z.string(), name: z.string() })

export const PublicKeyInfo = z.object({
  /** The public key id: the Key-Pair-Id links are signed with. */
  id: z.string(),
  name: z.string(),
  comment: z.string().optional(),
  /** Epoch milliseconds. */
  createdAt: z.number().optional(),
  /** SHA-256 of the SPKI DER (as keys show it); absent when CloudFront holds an unreadable key. */
  fingerprint: z.string().optional(),
  /** Set when Keyfront holds the private half. */
  heldKey: HeldKeyRef.optional(),
})
export type PublicKeyInfo = z.infer<typeof PublicKeyInfo>

export const UploadResult = z.object({
  publicKeyId: z.string(),
  name: z.string(),
  /** True when CloudFront already had this exact key and its id was reused. */
  reused: z.boolean(),
  accountId: z.string(),
})
export type UploadResult = z.infer<typeof UploadResult>

export const KeyGroupInfo = z.object({
  id: z.string(),
  name: z.string(),
  comment: z.string().optional(),
  keys: z.array(z.object({ id: z.string(), name: z.string().optional(), heldKey: HeldKeyRef.optional() })),
  distributions: z.array(z.object({ id: z.string(), domainName: z.string().optional() })),
})
export type KeyGroupInfo = z.infer<typeof KeyGroupInfo>

/** A key group a behavior trusts. In a plan, a group still to be created has no id yet. */
export const TrustedGroup = z.object({ id: z.string().optional(), name: z.string().optional() })
export type TrustedGroup = z.infer<typeof TrustedGroup>

export const BehaviorInfo = z.object({
  /** "default" or the path pattern. */
  selector: z.string(),
  pathPattern: z.string().optional(),
  targetOriginId: z.string(),
  trustedKeyGroups: z.array(TrustedGroup),
  /** Legacy trusted signers (AWS account ids, or "self"): root-account CloudFront key pairs. */
  trustedSigners: z.array(z.string()),
})
export type BehaviorInfo = z.infer<typeof BehaviorInfo>

export const DistributionInfo = z.object({
  id: z.string(),
  domainName: z.string(),
  aliases: z.array(z.string()),
  comment: z.string(),
  /** InProgress while a change is deploying, then Deployed. */
  status: z.string(),
  enabled: z.boolean(),
  origins: z.array(z.object({ id: z.string(), domainName: z.string() })),
  behaviors: z.array(BehaviorInfo),
})
export type DistributionInfo = z.infer<typeof DistributionInfo>

export const BehaviorChange = z.object({
  selector: z.string(),
  before: z.array(TrustedGroup),
  after: z.array(TrustedGroup),
  trustedSigners: z.array(z.string()),
  changes: z.boolean(),
})
export type BehaviorChange = z.infer<typeof BehaviorChange>

export const TrustPlan = z.object({
  distributionId: z.string(),
  domainName: z.string(),
  status: z.string(),
  keyGroup: z.object({ id: z.string().optional(), name: z.string() }),
  behaviors: z.array(BehaviorChange),
  /** Plain-words consequences the user must see before applying (403s, public paths). */
  warnings: z.array(z.string()),
  changes: z.boolean(),
})
export type TrustPlan = z.infer<typeof TrustPlan>

export const OnboardPlan = TrustPlan.extend({
  accountId: z.string(),
  key: z.object({ id: z.string(), name: z.string(), fingerprint: z.string() }),
  publicKey: z.object({ action: z.enum(['reuse', 'upload']), id: z.string().optional(), name: z.string() }),
  keyGroupAction: z.object({
    action: z.enum(['create', 'add-key', 'none']),
    /** How many keys the group holds once the plan is applied (CloudFront allows 5). */
    keysAfter: z.number().int(),
  }),
})
export type OnboardPlan = z.infer<typeof OnboardPlan>

export const TrustResult = z.object({
  distributionId: z.string(),
  keyGroupId: z.string(),
  keyGroupName: z.string(),
  /** Behaviors whose trusted key groups were changed by this run. */
  changedBehaviors: z.array(z.string()),
  /** The distribution's status after the change: InProgress until CloudFront has deployed it. */
  status: z.string(),
})
export type TrustResult = z.infer<typeof TrustResult>

export const OnboardResult = TrustResult.extend({
  accountId: z.string(),
  publicKeyId: z.string(),
  publicKeyUploaded: z.boolean(),
  keyGroupCreated: z.boolean(),
  keyAddedToGroup: z.boolean(),
  /** False when the account was already set up exactly so (a re-run). */
  changed: z.boolean(),
})
export type OnboardResult = z.infer<typeof OnboardResult>

export const DeploymentProgress = z.object({
  distributionId: z.string(),
  status: z.string(),
  /** Since the change was applied (or since Keyfront first saw it deploying), in milliseconds. */
  elapsedMs: z.number(),
  /** Epoch milliseconds of the last GetDistribution. */
  lastPollAt: z.number(),
  polls: z.number().int(),
  done: z.boolean(),
  /** The distribution's address, as CloudFront reported it on the last poll. */
  domainName: z.string().optional(),
})
export type DeploymentProgress = z.infer<typeof DeploymentProgress>

export const DeployingRecord = z.object({
  distributionId: z.string(),
  profile: z.string().optional(),
  /** Epoch milliseconds. */
  since: z.number(),
  /** The distribution's address, when the change that started the deployment knew it. */
  domainName: z.string().optional(),
})
export type DeployingRecord = z.infer<typeof DeployingRecord>

/** A deployment as the app shows it: what it is called here, and the last poll of this session. */
export const DeployingInfo = DeployingRecord.extend({
  /** The site's name on this computer, else the distribution's address, else its id. */
  name: z.string(),
  last: DeploymentProgress.optional(),
})
export type DeployingInfo = z.infer<typeof DeployingInfo>

/**
 * A distribution onboarded from this computer: an address that accepts links signed with `keyId`.
 * Remembered locally so New link can offer "Where is the file?" without any AWS call.
 */
export const SignedSite = z.object({
  distributionId: z.string(),
  /** CloudFront's own address (d111111abcdef8.cloudfront.net). */
  domainName: z.string(),
  /** The distribution's other names (files.example.com). */
  aliases: z.array(z.string()),
  /** The key that was onboarded, and its Key-Pair-Id in that account. */
  keyId: z.string(),
  keyPairId: z.string(),
  keyGroupId: z.string(),
  keyGroupName: z.string(),
  /** Path patterns that only accept signed links ("*" is the default behavior). */
  restrictedPaths: z.array(z.string()),
  accountId: z.string(),
  profile: z.string().optional(),
  /** Epoch milliseconds of the last onboarding. */
  onboardedAt: z.number(),
  /** The distribution's comment when it was onboarded, if it had one (a default name for the site). */
  comment: z.string().optional(),
  /** The name the user gave the site on this computer; screens show it instead of an address. */
  name: z.string().optional(),
  /** Where uploads go when no folder is given or browsed ("reports/", ending with "/"). */
  uploadFolder: z.string().optional(),
})
export type SignedSite = z.infer<typeof SignedSite>

/** A key held here that a distribution trusts: what adding the site with it would record. */
export const SiteKeyChoice = z.object({
  keyId: z.string(),
  keyName: z.string(),
  keyPairId: z.string(),
  keyGroupId: z.string(),
  keyGroupName: z.string(),
  /** The path patterns that trust this key's group ("*" is the default behavior). */
  restrictedPaths: z.array(z.string()),
})
export type SiteKeyChoice = z.infer<typeof SiteKeyChoice>

/** A distribution by id, or by its address (d111111abcdef8.cloudfront.net, files.example.com). */
const DistributionRef = z.string().trim().min(1).max(300)

/** The distribution a site would be added for, with the held keys it trusts (possibly none). */
export const SiteCandidate = z.object({
  distributionId: z.string(),
  domainName: z.string(),
  aliases: z.array(z.string()),
  comment: z.string().optional(),
  keys: z.array(SiteKeyChoice),
})
export type SiteCandidate = z.infer<typeof SiteCandidate>

export const AddSiteRequest = z.object({
  profile: Profile,
  distribution: DistributionRef,
  key: KeyRef,
  /** Default: every path pattern that trusts the key. */
  paths: z.array(BehaviorSelector).max(100).optional(),
})
export type AddSiteRequest = z.infer<typeof AddSiteRequest>

export const OnboardRequest = z.object({
  profile: Profile,
  distributionId: DistributionId,
  key: KeyRef,
  /** Default: keyfront-<distribution id>. */
  keyGroup: KeyGroupName.optional(),
  /** Default: every behavior of the distribution. */
  behaviors: z.array(BehaviorSelector).max(100).optional(),
})
export type OnboardRequest = z.infer<typeof OnboardRequest>

export const DetachRequest = z.object({
  profile: Profile,
  distributionId: DistributionId,
  keyGroup: KeyGroupName,
  /** Default: every behavior that trusts the group. */
  behaviors: z.array(BehaviorSelector).max(100).optional(),
})
export type DetachRequest = z.infer<typeof DetachRequest>

const AccessKeyId = z
  .string()
  .regex(/^[A-Z0-9]{16,128}$/, 'An access key id has 16 or more upper-case letters and digits (AKIA…).')
const SecretAccessKey = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'A secret access key has no spaces.')

export const cloudfrontContract = {
  'aws.profiles': channel(z.undefined(), AwsProfiles),
  'aws.whoami': channel(z.object({ profile: Profile }), CallerIdentity),
  /** Keeps the secret in the OS keychain; only the name, key id and region go to the data folder. */
  'aws.addAccessKey': channel(
    z.object({
      name: ProfileName,
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      region: z.string().max(32).optional(),
    }),
    AwsProfile,
  ),
  'aws.removeAccessKey': channel(z.object({ name: ProfileName }), z.undefined()),
  'cloudfront.publicKeys': channel(z.object({ profile: Profile }), z.array(PublicKeyInfo)),
  'cloudfront.upload': channel(z.object({ profile: Profile, key: KeyRef }), UploadResult),
  'cloudfront.keyGroups': channel(z.object({ profile: Profile }), z.array(KeyGroupInfo)),
  /** Takes a public key out of a key group (If-Match); a group keeps at least one key. */
  'cloudfront.removeKeyFromGroup': channel(
    z.object({
      profile: Profile,
      keyGroupId: z.string().min(1).max(64),
      publicKeyId: z.string().min(1).max(64),
    }),
    z.object({ removed: z.boolean() }),
  ),
  'cloudfront.distributions': channel(z.object({ profile: Profile }), z.array(DistributionInfo)),
  'cloudfront.planOnboard': channel(OnboardRequest, OnboardPlan),
  /** Applies the onboarding (idempotent). Deployment is awaited separately (waitDeployed). */
  'cloudfront.onboard': channel(OnboardRequest, OnboardResult),
  'cloudfront.planDetach': channel(DetachRequest, TrustPlan),
  'cloudfront.detach': channel(DetachRequest, TrustResult),
  /** Resolves once the distribution is Deployed; progress arrives as `cloudfront.deployment` events. */
  'cloudfront.waitDeployed': channel(
    z.object({ profile: Profile, distributionId: DistributionId }),
    DeploymentProgress,
  ),
  'cloudfront.cancelWait': channel(
    z.object({ distributionId: DistributionId }),
    z.object({ cancelled: z.boolean() }),
  ),
  /**
   * Changes Keyfront applied that were still deploying when last seen (survives a restart); the app
   * follows each until it is Deployed, whatever screen is open.
   */
  'cloudfront.deploying': channel(z.undefined(), z.array(DeployingInfo)),
  /** Distributions onboarded from this computer, read locally (no AWS call). */
  'cloudfront.sites': channel(z.undefined(), z.array(SignedSite)),
  /** The distribution (by id or address) and the held keys it trusts, for "Add a site". */
  'cloudfront.siteCandidate': channel(
    z.object({ profile: Profile, distribution: DistributionRef }),
    SiteCandidate,
  ),
  /** Records a site that was onboarded elsewhere; reads CloudFront, changes nothing there. */
  'cloudfront.addSite': channel(AddSiteRequest, SignedSite),
  /** Forgets a site here; CloudFront is not changed. */
  'cloudfront.forgetSite': channel(
    z.object({ distributionId: DistributionId }),
    z.object({ removed: z.boolean() }),
  ),
  /**
   * Names a site on this computer (an empty name goes back to the default: its alias, comment or
   * domain). Bounded for transport only: the core says why a name cannot be kept.
   */
  'cloudfront.renameSite': channel(
    z.object({ distributionId: DistributionId, name: z.string().max(1000) }),
    SignedSite,
  ),
  /** Sets the site's upload folder on this computer; an empty folder means the top. */
  'cloudfront.setUploadFolder': channel(
    z.object({ distributionId: DistributionId, folder: z.string().max(1024) }),
    SignedSite,
  ),
}
