// How commands print for people, the same way everywhere: aligned tables, cells clipped to a
// width, times in UTC (a terminal's output is often pasted into tickets read elsewhere), and never
// a raw control character — labels, URLs and names from a history file, a pasted link or AWS are
// shown with visible escapes, so none can move the cursor, recolour or retitle the terminal.
import { showControlCharacters } from '../shared/plain-text.ts'
import type { CliIo } from './io.ts'

/**
 * The same io with every control character written out as an escape, except the line breaks
 * commands print themselves. The escapes are valid JSON, so `--json` output keeps its meaning.
 */
export function terminalSafe(io: CliIo): CliIo {
  const safe = (text: string) => showControlCharacters(text, { keepLineBreaks: true })
  return { ...io, stdout: (text) => io.stdout(safe(text)), stderr: (text) => io.stderr(safe(text)) }
}

/**
 * Columns padded to their widest cell, two spaces apart; the first row is the header. A cell is
 * one line: line breaks and other control characters in it are shown as escapes.
 */
export function table(cells: string[][]): string {
  const rows = cells.map((row) => row.map((cell) => showControlCharacters(cell)))
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** The text on one line (control characters as escapes), cut to `width` characters with an ellipsis. */
export function clip(text: string, width: number): string {
  const line = showControlCharacters(text)
  return line.length > width ? `${line.slice(0, width - 1)}…` : line
}

/** "2026-12-01 09:30 UTC" */
export function utcMinute(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** "2026-12-01" (in UTC) */
export function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10)
}
