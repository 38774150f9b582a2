// Shows a policy diff the way people review it: changed lines with a few unchanged lines around
// them, and long unchanged stretches folded into "… N unchanged lines", so an added statement is
// visible at once even in a long policy. Used by the app and the CLI alike.
import type { DiffLine } from './contract/origin.ts'

export type FoldedLine = DiffLine | { op: 'fold'; count: number }

export function foldUnchanged(lines: DiffLine[], context = 3): FoldedLine[] {
  const near = lines.map((_, i) =>
    lines.slice(Math.max(0, i - context), i + context + 1).some((line) => line.op !== ' '),
  )
  const folded: FoldedLine[] = []
  for (let i = 0; i < lines.length;) {
    if (near[i]) {
      folded.push(lines[i] as DiffLine)
      i++
      continue
    }
    let end = i
    while (end < lines.length && !near[end]) end++
    // Folding one line saves nothing: show it.
    if (end - i === 1) folded.push(lines[i] as DiffLine)
    else folded.push({ op: 'fold', count: end - i })
    i = end
  }
  return folded
}
