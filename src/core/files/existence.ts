// Is the file a link points to there? With S3 access, HeadObject says (and, when it is not, the
// folder's listing gives the nearest names). Without it, the link itself is asked for its first
// byte (a ranged GET through CloudFront, which needs no AWS access at all) and the answer read;
// the nearest names then come from the paths History holds for the site (the service's part).
import { HeadObjectCommand } from '@aws-sdk/client-s3'
import type { FileCheck } from '../../shared/contract/files.ts'
import type { LiveTestResult } from '../../shared/contract/links.ts'
import { awsErrorName } from '../origin/aws-call.ts'
import type { OriginSession } from '../origin/session.ts'
import { typeLabelFor } from './content-type.ts'
import { keyOfPath, type SiteBucket } from './object-keys.ts'
import { s3Error } from './s3-call.ts'

const NEAREST_MAX = 3

/** HeadObject of the path's key: found with size and kind, or not found (nearest names: the caller's). */
export async function headFile(
  session: OriginSession,
  where: SiteBucket,
  path: string,
): Promise<{ found: true; size: number; type: string } | { found: false }> {
  try {
    const out = await session
      .s3(where.region)
      .send(new HeadObjectCommand({ Bucket: where.bucket, Key: keyOfPath(where, path) }))
    return { found: true, size: out.ContentLength ?? 0, type: typeLabelFor(path) }
  } catch (error) {
    if (awsErrorName(error) === 'NotFound' || awsErrorName(error) === 'NoSuchKey') return { found: false }
    // HeadObject is authorised as s3:GetObject.
    throw s3Error(error, session, 'GetObject', where.bucket)
  }
}

/** What CloudFront's answer to the ranged GET of a freshly signed link says about the file. */
export function checkFromLiveAnswer(path: string, answer: LiveTestResult): FileCheck {
  if (answer.status === 200 || answer.status === 206 || answer.status === 416) {
    // 416: the file is there and empty (a zero-byte file has no byte 0 to send).
    return { found: true, path, how: 'link' }
  }
  // S3 answers a missing key with 404, or with 403 AccessDenied when CloudFront may not list the
  // bucket (origin access control grants s3:GetObject only) — either way the signature passed.
  if (answer.status === 404 || (answer.status === 403 && answer.answeredBy === 'origin')) {
    return { found: false, path, nearest: [], how: 'link' }
  }
  return {
    found: 'unknown',
    path,
    reason: `CloudFront answered ${answer.status} ${answer.statusText}: ${answer.explanation}`,
  }
}

/**
 * Up to three of `names` close to `name` (edit distance, ignoring case), nearest first: names in a
 * folder, or whole paths on the site.
 */
export function nearestNames(name: string, names: readonly string[]): string[] {
  const wanted = name.toLowerCase()
  const limit = Math.max(2, Math.floor(wanted.length / 3))
  return names
    .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, NEAREST_MAX)
    .map(({ candidate }) => candidate)
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = row
  }
  return previous[b.length] ?? 0
}
