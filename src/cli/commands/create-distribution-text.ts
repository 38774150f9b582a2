// How `keyfront cloudfront create-distribution` prints a plan and its result for people to read:
// what will be created or reused, the bucket-policy diff, warnings with their fixes, and at the end
// every resource with its id and the command that continues.
import type {
  BucketInspection,
  OriginNotice,
  OriginPlan,
  OriginResult,
} from '../../shared/contract/origin.ts'
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

export function describePlan(plan: OriginPlan): string {
  const { bucket, accessControl, distribution, bucketPolicy } = plan
  const lines = [
    `Bucket ${bucket.name} (${bucket.region})`,
    `  origin endpoint: ${bucket.endpoint}`,
    `  public access:   ${PUBLIC_ACCESS[bucket.publicAccess.state]}`,
    `  encryption:      ${ENCRYPTION[bucket.encryption.kind]}${bucket.encryption.kind === 'kms-customer' ? ` (${bucket.encryption.kmsKeyId ?? ''})` : ''}`,
    '',
    'Plan:',
    accessControl.action === 'create'
      ? `  create  origin access control ${accessControl.name} (S3, SigV4, always sign)`
      : `  reuse   origin access control ${accessControl.name} (${accessControl.id ?? ''})`,
    distribution.existing
      ? `  reuse   distribution ${distribution.existing.id} (${distribution.existing.domainName}, ${distribution.existing.status})`
      : `  create  distribution "${distribution.comment}": viewers redirected to HTTPS, CachingOptimized cache policy, ` +
        `root object ${distribution.defaultRootObject ?? 'none'}, IPv6 off`,
    {
      create: '  create  bucket policy with one statement letting the distribution read objects',
      add: '  add     one statement to the bucket policy letting the distribution read objects',
      unchanged: '  keep    bucket policy: it already lets the distribution read objects',
    }[bucketPolicy.action],
  ]
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

export function describeResult(result: OriginResult): string {
  const { distribution } = result
  const width = Math.max(...result.resources.map((r) => r.id.length))
  const lines = [
    `Done. Distribution ${distribution.id} (${distribution.domainName}) is ${distribution.status === 'Deployed' ? 'deployed' : 'deploying'}.`,
    '',
    'Resources (nothing is ever deleted automatically):',
    ...result.resources.map((r) => `  ${r.outcome.padEnd(8)} ${r.id.padEnd(width)}  ${r.description}`),
    '',
    'Next, restrict it to signed links:',
    `  ${result.next}`,
  ]
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
