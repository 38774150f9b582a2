// Lists of URLs in and out of the batch panel: one per line, or a CSV file (the column named
// "url", else the first column); out as lines or as CSV with the original URL beside each link,
// written by the CSV writer History export uses too (src/shared/csv.ts).
import { csvRow } from '../../../../shared/csv.ts'

export function urlsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      rows.push([...row, field])
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

export function urlsFromCsv(text: string): string[] {
  const rows = parseCsv(text)
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase()) ?? []
  const named = header.indexOf('url')
  const column = named === -1 ? 0 : named
  return rows
    .slice(named === -1 ? 0 : 1)
    .map((row) => (row[column] ?? '').trim())
    .filter((cell) => cell !== '')
}

export function toCsv(urls: string[], signedUrls: string[], expiresAtUtc: string): string {
  const lines = urls.map((url, i) => csvRow([url, signedUrls[i] ?? '', expiresAtUtc]))
  return `url,signed_url,expires_at\n${lines.join('\n')}\n`
}
