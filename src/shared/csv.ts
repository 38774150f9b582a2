// The one way Keyfront writes CSV (History export in core, a batch's links in the renderer):
// RFC 4180 quoting, and cells a spreadsheet would run as a formula made inert.

/**
 * One cell. Quoted when it holds a comma, quote or line break. Text starting with = + - @, a tab
 * or a carriage return is what spreadsheets evaluate (a label "=HYPERLINK(…)", say): it gets a
 * leading apostrophe, which they show as plain text, as OWASP advises for CSV injection.
 */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record's cells, without its line ending (each file keeps its own). */
export function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(',')
}
