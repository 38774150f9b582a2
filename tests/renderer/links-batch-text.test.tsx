// The batch panel's lists: URLs from pasted lines or a CSV file (the "url" column, quoted fields
// with commas and line breaks), and CSV output a spreadsheet reads back unchanged.
import { describe, expect, it } from 'vitest'
import {
  parseCsv,
  toCsv,
  urlsFromCsv,
  urlsFromLines,
} from '../../src/renderer/src/features/links/batch-text.ts'

describe('batch lists', () => {
  it('takes one URL per line, trimmed, skipping blank lines (any line ending)', () => {
    expect(urlsFromLines(' https://a.example/1 \r\n\nhttps://a.example/2\n  \n')).toEqual([
      'https://a.example/1',
      'https://a.example/2',
    ])
  })

  it('reads the column named url from a CSV file, whatever its position and case', () => {
    const csv =
      'name,URL,size\n"Report, Q3",https://a.example/q3 report.pdf,12\nPlain,https://a.example/b,3\n'
    expect(urlsFromCsv(csv)).toEqual(['https://a.example/q3 report.pdf', 'https://a.example/b'])
  })

  it('reads the first column of a CSV file without a url header, keeping its first row', () => {
    expect(urlsFromCsv('https://a.example/1,x\r\nhttps://a.example/2,y')).toEqual([
      'https://a.example/1',
      'https://a.example/2',
    ])
  })

  it('parses quoted fields with quotes, commas and line breaks', () => {
    expect(parseCsv('a,"b ""c"", d","e\nf"\n1,2,3')).toEqual([
      ['a', 'b "c", d', 'e\nf'],
      ['1', '2', '3'],
    ])
  })

  it('writes no cell a spreadsheet would run as a formula (the CSV writer History export uses too)', () => {
    const csv = toCsv(['=HYPERLINK("https://evil.example")', '@SUM(A1)'], ['+1', '-1'], '\tnote')
    expect(parseCsv(csv).slice(1)).toEqual([
      ['\'=HYPERLINK("https://evil.example")', "'+1", "'\tnote"],
      ["'@SUM(A1)", "'-1", "'\tnote"],
    ])
  })

  it('writes CSV that parses back to the same cells', () => {
    const urls = ['https://a.example/x,y.pdf', 'https://a.example/"quoted".pdf']
    const signed = ['https://a.example/x%2Cy.pdf?Expires=1', 'https://a.example/%22quoted%22.pdf?Expires=1']
    const rows = parseCsv(toCsv(urls, signed, '2026-12-01 09:00:00 UTC'))
    expect(rows[0]).toEqual(['url', 'signed_url', 'expires_at'])
    expect(rows.slice(1)).toEqual([
      [urls[0], signed[0], '2026-12-01 09:00:00 UTC'],
      [urls[1], signed[1], '2026-12-01 09:00:00 UTC'],
    ])
  })
})
