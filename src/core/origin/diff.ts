// A line diff of two bucket policies, for people to review before the policy is changed. Both
// sides are pretty-printed first, so a policy S3 stores on one line still reads statement by statement.
import type { DiffLine } from '../../shared/contract/origin.ts'

export function policyDiff(before: string | undefined, after: string): DiffLine[] {
  return lineDiff(before === undefined ? [] : pretty(before), pretty(after))
}

function pretty(policy: string): string[] {
  return JSON.stringify(JSON.parse(policy), null, 2).split('\n')
}

/** Longest-common-subsequence diff; policies are at most 20 KB, so the quadratic table is small. */
export function lineDiff(a: string[], b: string[]): DiffLine[] {
  const rows = a.length + 1
  const cols = b.length + 1
  const common = new Uint32Array(rows * cols)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * cols + j] =
        a[i] === b[j]
          ? (common[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(common[(i + 1) * cols + j] ?? 0, common[i * cols + j + 1] ?? 0)
    }
  }
  const lines: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ op: ' ', text: a[i++] ?? '' })
      j++
    } else if (
      j < b.length &&
      (i === a.length || (common[i * cols + j + 1] ?? 0) >= (common[(i + 1) * cols + j] ?? 0))
    ) {
      lines.push({ op: '+', text: b[j++] ?? '' })
    } else {
      lines.push({ op: '-', text: a[i++] ?? '' })
    }
  }
  return lines
}
