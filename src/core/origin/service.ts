// OriginService: serve a private S3 bucket through a new CloudFront distribution in one step.
// plan() reads everything and changes nothing; apply() converges on the plan — it reuses the origin
// access control, distribution and policy statement an earlier run created, never deletes anything,
// and changes the bucket policy only if it still is the one the user reviewed.
import { PutBucketPolicyCommand } from '@aws-sdk/client-s3'
import type {
  ApplyRequest,
  BucketInspection,
  BucketSummary,
  CreatedResource,
  OriginNotice,
  OriginPlan,
  OriginResult,
  PlanRequest,
} from '../../shared/contract/origin.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { AwsAccounts } from '../aws/accounts.ts'
import type { AwsClientFactory } from '../aws/clients.ts'
import { findAccessControl, findOrCreateAccessControl } from './access-control.ts'
import { awsCall } from './aws-call.ts'
import { encryptionNotices, publicAccessNotices } from './bucket-checks.ts'
import { mergeReadStatement, policyHash, readStatement } from './bucket-policy.ts'
import { bucketPolicy, bucketRegion, encryptionOf, listBuckets, publicAccessOf, s3Call } from './buckets.ts'
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

export interface OriginServiceDeps {
  aws: AwsClientFactory
  /** Resolves a profile to client options (and says who it is, for the plan's ARN). */
  accounts: Pick<AwsAccounts, 'clientOptions' | 'whoami'>
}

/** What to serve: the bucket, its region when known, and an optional default root object. */
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
  plan(target: Target, profile?: string): Promise<OriginPlan> {
    return this.#session(profile, async (session) => {
      const region = target.region ?? (await bucketRegion(session, target.bucket))
      const cf = session.cloudFront()
      const name = accessControlName(target.bucket)
      const [accessControl, distributions, policy] = await Promise.all([
        findAccessControl(cf, name),
        findBucketDistributions(cf, target.bucket, region),
        bucketPolicy(session, target.bucket, region),
      ])
      const existing = distributions.keyfront
      const arn = existing?.arn ?? placeholderDistributionArn(region, await this.#accountId(profile))
      const bucket = await inspect(session, target.bucket, region, arn)
      const statement = statementFor(target.bucket, region, existing?.id ?? NEW_DISTRIBUTION_ID, arn)
      const merged = mergeReadStatement(policy, statement)
      return {
        bucket,
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

  /** Creates (or reuses) the origin access control and distribution, then merges the policy statement. */
  apply(request: Target & Pick<ApplyRequest, 'expectedPolicyHash'>, profile?: string): Promise<OriginResult> {
    return this.#session(profile, async (session) => {
      const { bucket } = request
      const region = request.region ?? (await bucketRegion(session, bucket))
      const cf = session.cloudFront()
      // Read-only first: refuse before creating anything when the policy is not the one reviewed.
      const found = await findBucketDistributions(cf, bucket, region)
      const planned = found.keyfront ?? {
        id: NEW_DISTRIBUTION_ID,
        arn: placeholderDistributionArn(region, undefined),
      }
      await reviewedMerge(session, bucket, region, planned, request.expectedPolicyHash)
      const resources: CreatedResource[] = []
      try {
        const oac = await findOrCreateAccessControl(cf, accessControlName(bucket), bucket)
        resources.push({
          kind: 'origin-access-control',
          id: oac.id,
          outcome: oac.created ? 'created' : 'reused',
          description: `Origin access control ${oac.name} (S3, SigV4, always sign)`,
        })
        const { created, ...distribution } = found.keyfront
          ? { ...found.keyfront, created: false }
          : await createDistribution(
              cf,
              distributionConfig({ bucket, region, accessControlId: oac.id, rootObject: request.rootObject }),
              bucket,
              region,
            )
        resources.push({
          kind: 'distribution',
          id: distribution.id,
          outcome: created ? 'created' : 'reused',
          description: `Distribution ${distribution.domainName} serving bucket ${bucket}`,
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
        const inspection = await inspect(session, bucket, region, distribution.arn)
        return { distribution, resources, notices: inspection.notices, next: nextCommand(distribution.id) }
      } catch (error) {
        throw withProgress(error, resources)
      }
    })
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
