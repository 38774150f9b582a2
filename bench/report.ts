// What a bench module returns, and the table `npm run bench` prints. A figure is judged against a
// reference measured in the same run on the same machine (openssl speed, say) rather than against
// an absolute number, so results mean the same on a laptop and on a loaded CI box.

export interface BenchRow {
  /** What was measured, in words. */
  name: string
  value: number
  /** `URLs/s`, `ms`, … */
  unit: string
  /** The figure this one is compared with, measured in the same run; the table shows the ratio. */
  reference?: { name: string; value: number }
  /** The goal, in words (`≥ 90% of openssl`, `≤ 1000 ms`). */
  target?: string
  /** Whether the goal was met, when the module can judge it. */
  pass?: boolean
}

function formatValue(row: BenchRow): string {
  const digits = row.value >= 100 ? 0 : row.value >= 10 ? 1 : 2
  return `${row.value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${row.unit}`
}

function formatRatio(row: BenchRow): string {
  if (!row.reference || row.reference.value === 0) return ''
  const ratio = row.value / row.reference.value
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}× ${row.reference.name}`
}

/** A plain-text table: name, value, ratio to its reference, target, ✓/✗. */
export function formatTable(rows: BenchRow[]): string {
  const cells = rows.map((row) => [
    row.name,
    formatValue(row),
    formatRatio(row),
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? '✓' : '✗',
  ])
  const header = ['measured', 'value', 'ratio', 'target', '']
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((line) => (line[i] ?? '').length)),
  )
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === 1 ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}
