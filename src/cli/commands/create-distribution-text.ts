// How `keyfront cloudfront create-distribution` prints a plan and its result for people to read:
// who will be able to open the files, what will be created or reused, the bucket-policy diff,
// warnings with their fixes (and the two ways on for an aws/s3 bucket), and at the end every
// resource with its id and the command that continues.
import { AWS_MANAGED_KEY, reencryptCommand } from '../../shared/aws-managed-key.ts'
import {
  DEFAULT_BEHAVIOR,
  type BucketInspection,
  type OriginNotice,
  type OriginPlan,
  type OriginResult,
} from '../../shared/contract/origin.ts'
import { USUAL_DEPLOY_TIME } from '../../shared/deployment-time.ts'
import { foldUnchanged } from '../../shared/policy-diff.ts'

const ENCRYPTION: Record<BucketInspection['encryption']['kind'], string> = {
  none: 'none configured',
  'sse-s3': 'SSE-S3 (Amazon S3 managed keys)',
  'kms-aws-managed': 'SSE-KMS with the AWS-managed key aws/s3',
  'kms-customer': 'SSE-KMS with a customer-managed key',
  unknown: 'could not be read',
}

const PUBLIC_ACCESS: Record<BucketInspection['publicAccess']['state'], string> = {
  blocked: 'all public access blocked',
  partial: 'partly blocked',
  off: 'not blocked',
  unknown: 'could not be read',
}

const behaviorName = (selector: string) => (selector === DEFAULT_BEHAVIOR ? 'every path (default)' : selector)

export function describePlan(plan: OriginPlan): string {
  const { bucket, accessControl, distribution, bucketPolicy } = plan
  const lines = [
    `Bucket ${bucket.name} (${bucket.region})`,
    `  origin endpoint: ${bucket.endpoint}`,
    `  public access:   ${PUBLIC_ACCESS[bucket.publicAccess.state]}`,
    `  encryption:      ${ENCRYPTION[bucket.encryption.kind]}${bucket.encryption.kind === 'kms-customer' ? ` (${bucket.encryption.kmsKeyId ?? ''})` : ''}`,
    '',
    'Who can open the files:',
    `  ${plan.signing.summary}`,
    '',
    'Plan:',
    ...signingLines(plan),
    accessControl.action === 'create'
      ? `  create  origin access control ${accessControl.name} (S3, SigV4, always sign)`
      : `  reuse   origin access control ${accessControl.name} (${accessControl.id ?? ''})`,
    distribution.existing
      ? `  reuse   distribution ${distribution.existing.id} (${distribution.existing.domainName}, ${distribution.existing.status})`
      : `  create  distribution "${distribution.comment}": viewers redirected to HTTPS, CachingOptimized cache policy, ` +
        `root object ${distribution.defaultRootObject ?? 'none'}, IPv6 off`,
    ...plan.signing.behaviors.map(behaviorLine),
    {
      create: '  create  bucket policy with one statement letting the distribution read objects',
      add: '  add     one statement to the bucket policy letting the distribution read objects',
      unchanged: '  keep    bucket policy: it already lets the distribution read objects',
    }[bucketPolicy.action],
    ...encryptionLines(plan),
  ]
  if (plan.signing.openWarning) lines.push('', `Warning: ${plan.signing.openWarning}`)
  if (bucketPolicy.action !== 'unchanged') {
    lines.push('', 'Bucket policy change (+ added, - removed):')
    for (const line of foldUnchanged(bucketPolicy.diff)) {
      lines.push(line.op === 'fold' ? `  … ${line.count} unchanged lines …` : `${line.op} ${line.text}`)
    }
    if (!distribution.existing)
      lines.push('(NEWDISTRIBUTION stands for the id CloudFront gives the new distribution.)')
  }
  if (plan.notices.length) lines.push('', ...plan.notices.map(describeNotice))
  return `${lines.join('\n')}\n`
}

function behaviorLine(behavior: OriginPlan['signing']['behaviors'][number]): string {
  const name = behaviorName(behavior.selector)
  switch (behavior.action) {
    case 'create':
      return `  create  behavior ${name}: only signed links, from the first request`
    case 'restrict':
      return `  restrict ${name}: only signed links`
    case 'unchanged':
      return `  keep    ${name}: accepts only signed links already`
  }
}

function signingLines({ signing }: OriginPlan): string[] {
  const { key, publicKey, keyGroup } = signing
  if (!key || !publicKey || !keyGroup) return []
  return [
    publicKey.action === 'upload'
      ? `  upload  public key ${publicKey.name} (the public half of "${key.name}")`
      : `  reuse   public key ${publicKey.id ?? ''} (the public half of "${key.name}")`,
    {
      create: `  create  key group ${keyGroup.name} holding it`,
      'add-key': `  add     it to key group ${keyGroup.name}`,
      none: `  reuse   key group ${keyGroup.name}, which holds it already`,
    }[keyGroup.action],
  ]
}

function encryptionLines(plan: OriginPlan): string[] {
  switch (plan.encryption.action) {
    case 'switch-to-sse-s3':
      return ['  switch  default encryption to SSE-S3, for new files (stored files keep theirs)']
    case 'keep':
      return ['  keep    default encryption aws/s3: files encrypted with it will be refused']
    case 'choose':
      return ['  choose  what to do about the aws/s3 encryption (see below)']
    case 'unchanged':
      return []
  }
}

/** The two ways on for a bucket that encrypts with aws/s3, with the option that takes each. */
export function encryptionChoices(bucket: string): string {
  return [
    `For the aws/s3 encryption, add one of:`,
    `  --switch-to-sse-s3  ${AWS_MANAGED_KEY.switchLabel}. ${AWS_MANAGED_KEY.switchDetail} ${AWS_MANAGED_KEY.reencryptHint}`,
    `                        ${reencryptCommand(bucket)}`,
    `  --keep-encryption   ${AWS_MANAGED_KEY.keepLabel}. ${AWS_MANAGED_KEY.keepDetail}`,
  ].join('\n')
}

export function describeResult(result: OriginResult): string {
  const { distribution, signing } = result
  const width = Math.max(...result.resources.map((r) => r.id.length))
  const lines = [
    `Created. Distribution ${distribution.id} (${distribution.domainName}) is ${distribution.status === 'Deployed' ? 'deployed' : `deploying: ${USUAL_DEPLOY_TIME}`}.`,
    '',
    'Resources (nothing is ever deleted automatically):',
    ...result.resources.map((r) => `  ${r.outcome.padEnd(8)} ${r.id.padEnd(width)}  ${r.description}`),
    '',
  ]
  if (signing.coverage === 'none') {
    lines.push(
      'Anyone who knows its address can open every file. To require signed links:',
      `  ${result.next}`,
    )
  } else {
    lines.push(
      `Only links signed with the key (Key-Pair-Id ${signing.keyPairId ?? ''}) open ${signing.coverage === 'all' ? 'its files' : `files under ${signing.restrictedPaths.join(', ')}`}.`,
      'Once it is deployed, make a link:',
      `  ${result.next}`,
    )
  }
  const warnings = result.notices.filter((n) => n.level === 'warning')
  if (warnings.length) lines.push('', ...warnings.map(describeNotice))
  return `${lines.join('\n')}\n`
}

function describeNotice(notice: OriginNotice): string {
  const lines = [`${notice.level === 'warning' ? 'Warning' : 'Note'}: ${notice.title}`, `  ${notice.message}`]
  if (notice.fix) lines.push(`  Fix: ${notice.fix}`)
  if (notice.snippet) lines.push(...notice.snippet.split('\n').map((l) => `    ${l}`))
  return lines.join('\n')
}
