// OriginService: serve a private S3 bucket through a new CloudFront distribution in one step,
// restricted to links signed with the chosen key from its first second (unless the user explicitly
// allowed files to open without one). plan() reads everything and changes nothing; apply() converges
// on the plan — it reuses the public key, key group, origin access control, distribution and policy
// statement an earlier run created, never deletes anything, and changes the bucket policy only if it
// still is the one the user reviewed. The new distribution is remembered as a site and as deploying.
import { PutBucketPolicyCommand } from '@aws-sdk/client-s3'
import { reencryptCommand } from '../../shared/aws-managed-key.ts'
import type { DeployingRecord, SignedSite } from '../../shared/contract/cloudfront.ts'
import {
  DEFAULT_BEHAVIOR,
  type ApplyRequest,
  type BucketInspection,
  type BucketSummary,
  type CreatedResource,
  type EncryptionChoice,
  type EncryptionStatus,
  type ExistingDistribution,
  type OriginNotice,
  type OriginPlan,
  type OriginResult,
  type PlanRequest,
} from '../../shared/contract/origin.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { AwsAccounts } from '../aws/accounts.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import type { Clock } from '../clock.ts'
import { createCloudFrontApi, type CloudFrontApi } from '../cloudfront/api.ts'
import type { DeployingStore } from '../cloudfront/deployment.ts'
import { restrictedPaths, siteAddressesOf, type SignedSites } from '../cloudfront/signed-sites.ts'
import { applyTrust } from '../cloudfront/trust.ts'
import type { KeyDirectory } from '../keys/signing-key.ts'
import { findAccessControl, findOrCreateAccessControl } from './access-control.ts'
import { awsCall } from './aws-call.ts'
import { encryptionNotices, publicAccessNotices } from './bucket-checks.ts'
import { mergeReadStatement, policyHash, readStatement } from './bucket-policy.ts'
import {
  bucketPolicy,
  bucketRegion,
  encryptionOf,
  listBuckets,
  publicAccessOf,
  s3Call,
  useSseS3,
} from './buckets.ts'
import { policyDiff } from './diff.ts'
import {
  createDistribution,
  distributionConfig,
  findBucketDistributions,
  type BucketDistributions,
} from './distribution.ts'
import {
  NEW_DISTRIBUTION_ID,
  accessControlName,
  bucketEndpoint,
  callerReference,
  distributionComment,
  nextCommand,
  objectsArn,
  placeholderDistributionArn,
  statementSid,
} from './names.ts'
import { withSession, type OriginSession } from './session.ts'
import { ensureSigning, joinWords, planSigning, signingChoice, type EnsuredSigning } from './signing.ts'

export interface OriginServiceDeps {
  aws: AwsClientFactory
  /** Resolves a profile to client options (and says who it is, for the plan's ARN and the upload record). */
  accounts: Pick<AwsAccounts, 'clientOptions' | 'whoami'>
  /** The key that signs links: found, its public half read, its upload recorded. */
  keys: KeyDirectory
  /** Remembers the new distribution as a site that accepts signed links. */
  sites: Pick<SignedSites, 'remember'>
  /** Remembers it as deploying, so the app follows it (and says when it is done). */
  deploying: Pick<DeployingStore, 'add'>
  clock: Clock
}

/** What to serve and who may open it: the plan request without the profile. */
export type Target = Omit<PlanRequest, 'profile'>

export class OriginService {
  readonly #deps: OriginServiceDeps

  constructor(deps: OriginServiceDeps) {
    this.#deps = deps
  }

  listBuckets(profile?: string): Promise<BucketSummary[]> {
    return this.#session(profile, listBuckets)
  }

  /** Region, Block Public Access and default encryption, with what they mean for CloudFront. */
  inspectBucket(bucket: string, region?: string, profile?: string): Promise<BucketInspection> {
    return this.#session(profile, async (session) => {
      const where = region ?? (await bucketRegion(session, bucket))
      return inspect(session, bucket, where, placeholderDistributionArn(where, undefined))
    })
  }

  /** What apply() would do, read without changing anything. */
  async plan(target: Target, profile?: string): Promise<OriginPlan> {
    const choice = signingChoice(target)
    return this.#session(profile, async (session) => {
      const region = target.region ?? (await bucketRegion(session, target.bucket))
      const cf = session.cloudFront()
      const name = accessControlName(target.bucket)
      const [accessControl, distributions, policy] = await Promise.all([
        findAccessControl(cf, name),
        findBucketDistributions(cf, target.bucket, region),
        bucketPolicy(session, target.bucket, region),
      ])
      const signing = await planSigning(createCloudFrontApi(cf.cf, profile), choice, {
        keys: this.#deps.keys,
        bucket: target.bucket,
        existing: distributions.keyfrontConfig,
      })
      const existing = distributions.keyfront
      const arn = existing?.arn ?? placeholderDistributionArn(region, await this.#accountId(profile))
      const bucket = await inspect(session, target.bucket, region, arn)
      const statement = statementFor(target.bucket, region, existing?.id ?? NEW_DISTRIBUTION_ID, arn)
      const merged = mergeReadStatement(policy, statement)
      return {
        bucket,
        signing,
        encryption: { action: encryptionAction(bucket.encryption, target.encryption) },
        accessControl: accessControl
          ? { action: 'reuse', name, id: accessControl.id }
          : { action: 'create', name },
        distribution: {
          action: existing ? 'reuse' : 'create',
          comment: distributionComment(target.bucket),
          callerReference: callerReference(target.bucket),
          defaultRootObject: existing ? existing.defaultRootObject : target.rootObject,
          existing,
          others: distributions.others,
        },
        bucketPolicy: {
          action: merged.action,
          statement: JSON.stringify(statement, null, 2),
          diff: policyDiff(policy, merged.policy),
          baseHash: policyHash(policy),
        },
        notices: [...bucket.notices, ...distributionNotices(distributions, target.rootObject)],
      }
    })
  }

  /**
   * Uploads the key and makes its key group, then creates (or reuses) the origin access control and
   * the distribution — its chosen behaviors trusting the group from the first request — merges the
   * policy statement and, if chosen, switches the default encryption to SSE-S3.
   */
  async apply(
    request: Target & Pick<ApplyRequest, 'expectedPolicyHash'>,
    profile?: string,
  ): Promise<OriginResult> {
    const choice = signingChoice(request)
    return this.#session(profile, async (session) => {
      const { bucket } = request
      const region = request.region ?? (await bucketRegion(session, bucket))
      const cf = session.cloudFront()
      const api = createCloudFrontApi(cf.cf, profile)
      // Read-only first: refuse before creating anything when the policy is not the one reviewed,
      // or the bucket's aws/s3 encryption is still undecided.
      const found = await findBucketDistributions(cf, bucket, region)
      const planned = found.keyfront ?? {
        id: NEW_DISTRIBUTION_ID,
        arn: placeholderDistributionArn(region, undefined),
      }
      await reviewedMerge(session, bucket, region, planned, request.expectedPolicyHash)
      const encryption = encryptionAction(await encryptionOf(session, bucket, region), request.encryption)
      if (encryption === 'choose') throw encryptionUndecided(bucket)
      const resources: CreatedResource[] = []
      try {
        const signing =
          choice.coverage === 'none'
            ? undefined
            : await ensureSigning(api, choice, {
                keys: this.#deps.keys,
                accountId: (await this.#deps.accounts.whoami(profile)).accountId,
              })
        if (signing) resources.push(...signingResources(signing))
        const oac = await findOrCreateAccessControl(cf, accessControlName(bucket), bucket)
        resources.push({
          kind: 'origin-access-control',
          id: oac.id,
          outcome: oac.created ? 'created' : 'reused',
          description: `Origin access control ${oac.name} (S3, SigV4, always sign)`,
        })
        const behaviors = choice.coverage === 'none' ? [] : choice.behaviors
        let changed: boolean
        let distribution: ExistingDistribution
        if (found.keyfront) {
          const trust = signing
            ? await applyTrust(api, found.keyfront.id, signing.group.id, behaviors, 'attach')
            : undefined
          changed = (trust?.changedBehaviors.length ?? 0) > 0
          distribution = { ...found.keyfront, status: trust?.status ?? found.keyfront.status }
        } else {
          const config = distributionConfig({
            bucket,
            region,
            accessControlId: oac.id,
            rootObject: request.rootObject,
            keyGroupId: signing?.group.id,
            behaviors,
          })
          const { created, ...made } = await createDistribution(cf, config, bucket, region)
          changed = created
          distribution = made
        }
        resources.push({
          kind: 'distribution',
          id: distribution.id,
          outcome: changed ? 'created' : 'reused',
          description: distributionDescription(distribution, bucket, behaviors, found.keyfront !== undefined),
        })
        const { merged, statement } = await reviewedMerge(
          session,
          bucket,
          region,
          distribution,
          request.expectedPolicyHash,
        )
        if (merged.action !== 'unchanged') {
          await awsCall(s3Call('PutBucketPolicy', session, bucket), () =>
            session.s3(region).send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: merged.policy })),
          )
        }
        resources.push({
          kind: 'bucket-policy-statement',
          id: statement.Sid,
          outcome: merged.action === 'unchanged' ? 'reused' : 'created',
          description: `Bucket policy statement letting distribution ${distribution.id} read objects of ${bucket}`,
        })
        if (encryption === 'switch-to-sse-s3') {
          await useSseS3(session, bucket, region)
          resources.push({
            kind: 'bucket-encryption',
            id: 'SSE-S3',
            outcome: 'created',
            description: `Default encryption of ${bucket} for new files (files already stored keep theirs)`,
          })
        }
        const restrictedPaths = signing ? await this.#rememberSite(api, distribution, signing, profile) : []
        if (changed || distribution.status === 'InProgress') await this.#markDeploying(distribution, profile)
        const inspection = await inspect(session, bucket, region, distribution.arn)
        return {
          distribution,
          resources,
          notices: inspection.notices,
          signing: {
            coverage: choice.coverage,
            restrictedPaths,
            ...(signing && {
              keyId: signing.key.id,
              keyPairId: signing.publicKey.id,
              keyGroupId: signing.group.id,
              keyGroupName: signing.group.name,
            }),
          },
          next: nextCommand(distribution, signing !== undefined),
        }
      } catch (error) {
        throw withProgress(error, resources)
      }
    })
  }

  /** The distribution as a site New link offers; answers the paths that accept only signed links. */
  async #rememberSite(
    api: CloudFrontApi,
    distribution: ExistingDistribution,
    signing: EnsuredSigning,
    profile: string | undefined,
  ): Promise<string[]> {
    const { value } = await api.getDistribution(distribution.id)
    const { accountId } = await this.#deps.accounts.whoami(profile)
    const site: SignedSite = {
      distributionId: distribution.id,
      // Not its comment: that is Keyfront's own words, not a name someone gave the distribution.
      ...siteAddressesOf(value),
      keyId: signing.key.id,
      keyPairId: signing.publicKey.id,
      keyGroupId: signing.group.id,
      keyGroupName: signing.group.name,
      restrictedPaths: restrictedPaths(value, signing.group.id),
      accountId,
      onboardedAt: this.#deps.clock.now(),
    }
    if (profile) site.profile = profile
    await this.#deps.sites.remember(site)
    return site.restrictedPaths
  }

  async #markDeploying(distribution: ExistingDistribution, profile: string | undefined): Promise<void> {
    const record: DeployingRecord = {
      distributionId: distribution.id,
      since: this.#deps.clock.now(),
      domainName: distribution.domainName,
    }
    if (profile) record.profile = profile
    await this.#deps.deploying.add(record)
  }

  #session<T>(profile: string | undefined, run: (session: OriginSession) => Promise<T>): Promise<T> {
    return withSession(this.#deps.aws, this.#deps.accounts, profile, run)
  }

  /** For the plan's placeholder ARN only: the plan works without it. */
  async #accountId(profile: string | undefined): Promise<string | undefined> {
    const identity = await this.#deps.accounts.whoami(profile).catch(() => undefined)
    return identity?.accountId
  }
}

async function inspect(
  session: OriginSession,
  bucket: string,
  region: string,
  distributionArn: string,
): Promise<BucketInspection> {
  const [publicAccess, encryption] = await Promise.all([
    publicAccessOf(session, bucket, region),
    encryptionOf(session, bucket, region),
  ])
  return {
    name: bucket,
    region,
    endpoint: bucketEndpoint(bucket, region),
    publicAccess,
    encryption,
    notices: [...publicAccessNotices(publicAccess), ...encryptionNotices(encryption, distributionArn)],
  }
}

/** The policy with this distribution's statement merged in, if the policy is still the one reviewed. */
async function reviewedMerge(
  session: OriginSession,
  bucket: string,
  region: string,
  distribution: { id: string; arn: string },
  expectedHash: string,
) {
  const current = await bucketPolicy(session, bucket, region)
  const statement = statementFor(bucket, region, distribution.id, distribution.arn)
  const merged = mergeReadStatement(current, statement)
  if (merged.action !== 'unchanged' && policyHash(current) !== expectedHash) {
    throw new KeyfrontError(
      'S3_POLICY_CHANGED',
      'The bucket policy changed after you reviewed it. Look at the plan again, then apply.',
    )
  }
  return { merged, statement }
}

function statementFor(bucket: string, region: string, distributionId: string, arn: string) {
  return readStatement(statementSid(distributionId), objectsArn(bucket, region), arn)
}

/** What becomes of the default encryption: only aws/s3 asks for a choice, and waits for one. */
function encryptionAction(
  status: EncryptionStatus,
  choice: EncryptionChoice | undefined,
): OriginPlan['encryption']['action'] {
  if (status.kind !== 'kms-aws-managed') return 'unchanged'
  return choice ?? 'choose'
}

function encryptionUndecided(bucket: string): KeyfrontError {
  return new KeyfrontError(
    'S3_AWS_MANAGED_KEY',
    `The bucket ${bucket} encrypts new files with the AWS-managed key aws/s3, which CloudFront cannot read. ` +
      'Choose: switch its default encryption to SSE-S3, or keep it and accept that those files are refused. ' +
      `Files already stored keep their encryption either way (re-encrypt them with: ${reencryptCommand(bucket)}).`,
  )
}

function signingResources({ key, publicKey, group }: EnsuredSigning): CreatedResource[] {
  return [
    {
      kind: 'public-key',
      id: publicKey.id,
      outcome: publicKey.reused ? 'reused' : 'created',
      description: `Public key ${publicKey.name}: the public half of “${key.name}” (its id is the Key-Pair-Id)`,
    },
    {
      kind: 'key-group',
      id: group.id,
      outcome: group.created ? 'created' : 'reused',
      description: `Key group ${group.name}, holding “${key.name}”${!group.created && group.keyAdded ? ' (key added now)' : ''}`,
    },
  ]
}

function distributionDescription(
  distribution: ExistingDistribution,
  bucket: string,
  behaviors: string[],
  reused: boolean,
): string {
  const who =
    behaviors.length === 0
      ? 'no signed links needed'
      : behaviors.includes(DEFAULT_BEHAVIOR)
        ? 'signed links only, on every path'
        : `signed links only under ${joinWords(behaviors)}`
  return `Distribution ${distribution.domainName} serving bucket ${bucket}${reused && behaviors.length === 0 ? '' : `: ${who}`}`
}

function distributionNotices(found: BucketDistributions, rootObject: string | undefined): OriginNotice[] {
  const notices: OriginNotice[] = []
  const existing = found.keyfront
  if (existing && rootObject !== undefined && rootObject !== existing.defaultRootObject) {
    notices.push({
      level: 'info',
      title: 'The existing distribution keeps its root object',
      message: `Keyfront already created distribution ${existing.id} for this bucket, with root object "${existing.defaultRootObject ?? 'none'}". It is reused as it is.`,
      fix: 'Change the default root object in the CloudFront console if you need another one.',
    })
  }
  if (found.others.length > 0) {
    notices.push({
      level: 'info',
      title: 'Other distributions already serve this bucket',
      message: `${found.others.map((o) => `${o.id} (${o.domainName})`).join(', ')}. Keyfront creates its own distribution and leaves those alone.`,
    })
  }
  return notices
}

/** A failure part-way says what exists already, so nobody is surprised by it (and re-running reuses it). */
function withProgress(error: unknown, done: CreatedResource[]): unknown {
  if (!(error instanceof KeyfrontError) || done.length === 0) return error
  const list = done.map((r) => `${r.kind} ${r.id}`).join(', ')
  return new KeyfrontError(
    error.code,
    `${error.message} Already in place: ${list}. Running the same step again reuses them.`,
    { cause: error },
  )
}
