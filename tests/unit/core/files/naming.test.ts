// The pure parts of sharing a file: the stored Content-Disposition (RFC 6266 with filename* for
// non-ASCII names) and Content-Type, paths ↔ keys under an origin path, "Keep both" names, which
// paths a site restricts, which origins are S3 buckets, nearest names, and reading a live answer.
import { describe, expect, it } from 'vitest'
import { contentTypeFor, typeLabelFor } from '../../../../src/core/files/content-type.ts'
import { contentDisposition } from '../../../../src/core/files/disposition.ts'
import { checkFromLiveAnswer, nearestNames } from '../../../../src/core/files/existence.ts'
import {
  checkKey,
  folderOf,
  keepBothPath,
  keyOfPath,
  pathOfKey,
} from '../../../../src/core/files/object-keys.ts'
import { isRestricted } from '../../../../src/core/files/restricted.ts'
import { s3OriginOf } from '../../../../src/core/files/site-origin.ts'
import { formatSize } from '../../../../src/shared/file-size.ts'

describe('Content-Disposition', () => {
  it('names a plain file with filename only', () => {
    expect(contentDisposition('Q3 report.pdf')).toBe('attachment; filename="Q3 report.pdf"')
  })
  it('adds filename* (UTF-8, percent-encoded) for a non-ASCII name, with an ASCII fallback', () => {
    expect(contentDisposition('Übersicht €.pdf')).toBe(
      `attachment; filename="_bersicht _.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%E2%82%AC.pdf`,
    )
  })
  it('escapes quotes and backslashes in the fallback', () => {
    expect(contentDisposition('say "hi"\\.txt')).toBe(
      `attachment; filename="say \\"hi\\"\\\\.txt"; filename*=UTF-8''say%20%22hi%22%5C.txt`,
    )
  })
})

describe('Content-Type', () => {
  it('comes from the extension, any case; unknown ones are binary', () => {
    expect(contentTypeFor('a/b/Report.PDF')).toBe('application/pdf')
    expect(contentTypeFor('photo.jpeg')).toBe('image/jpeg')
    expect(contentTypeFor('archive.unknownext')).toBe('application/octet-stream')
    expect(contentTypeFor('.bashrc')).toBe('application/octet-stream')
    expect(typeLabelFor('deck.pptx')).toBe('PowerPoint')
    expect(typeLabelFor('data.parquet')).toBe('PARQUET')
    expect(typeLabelFor('README')).toBe('File')
  })
})

describe('paths and keys', () => {
  it('puts a site path under the origin path and back', () => {
    expect(folderOf('/reports/2026/')).toBe('reports/2026/')
    expect(folderOf(' / ')).toBe('')
    expect(keyOfPath({ originPath: 'media' }, '/a/b.pdf')).toBe('media/a/b.pdf')
    expect(keyOfPath({ originPath: '' }, 'a/b.pdf')).toBe('a/b.pdf')
    expect(pathOfKey({ originPath: 'media' }, 'media/a/b.pdf')).toBe('a/b.pdf')
  })
  it('refuses control characters and keys over 1,024 bytes', () => {
    expect(() => checkKey('a\tb.txt')).toThrow(expect.objectContaining({ code: 'OBJECT_KEY_INVALID' }))
    expect(() => checkKey('é'.repeat(513))).toThrow(expect.objectContaining({ code: 'OBJECT_KEY_INVALID' }))
    expect(() => checkKey('é'.repeat(512))).not.toThrow()
  })
  it('finds the first free "name (n).ext" to keep both', async () => {
    const taken = new Set(['r/report (2).pdf'])
    await expect(keepBothPath('r/report.pdf', async (p) => taken.has(p))).resolves.toBe('r/report (3).pdf')
    await expect(keepBothPath('notes', async () => false)).resolves.toBe('notes (2)')
  })
})

describe('restricted paths', () => {
  it('a restricted default behavior covers every path', () => {
    expect(isRestricted({ restrictedPaths: ['*'] }, 'anything.txt')).toBe(true)
  })
  it('matches CloudFront path patterns with * and ?, with or without the leading slash', () => {
    const site = { restrictedPaths: ['/private/*', 'docs/??.pdf'] }
    expect(isRestricted(site, 'private/a/b.pdf')).toBe(true)
    expect(isRestricted(site, 'docs/q3.pdf')).toBe(true)
    expect(isRestricted(site, 'docs/q10.pdf')).toBe(false)
    expect(isRestricted(site, 'public/a.pdf')).toBe(false)
    expect(isRestricted(site, 'Private/a.pdf')).toBe(false)
  })
})

describe('S3 origins', () => {
  it('recognises the endpoints CloudFront uses for buckets', () => {
    expect(s3OriginOf('team-files.s3.eu-west-1.amazonaws.com')).toEqual({
      bucket: 'team-files',
      region: 'eu-west-1',
    })
    expect(s3OriginOf('team.files.s3.amazonaws.com')).toEqual({ bucket: 'team.files' })
    expect(s3OriginOf('old-bucket.s3-us-west-2.amazonaws.com')).toEqual({
      bucket: 'old-bucket',
      region: 'us-west-2',
    })
    expect(s3OriginOf('site.s3-website-us-east-1.amazonaws.com')).toEqual({
      bucket: 'site',
      region: 'us-east-1',
    })
    expect(s3OriginOf('cn-bucket.s3.cn-north-1.amazonaws.com.cn')).toEqual({
      bucket: 'cn-bucket',
      region: 'cn-north-1',
    })
  })
  it('knows other origins are not buckets', () => {
    expect(s3OriginOf('www.example.com')).toBeUndefined()
    expect(s3OriginOf('my-alb-123.us-east-1.elb.amazonaws.com')).toBeUndefined()
  })
})

describe('nearest names and live answers', () => {
  it('offers close names, nearest first, ignoring case', () => {
    expect(nearestNames('q3 report.pdf', ['Q3 report.pdf', 'Q4 report.pdf', 'budget.xlsx'])).toEqual([
      'Q3 report.pdf',
      'Q4 report.pdf',
    ])
    expect(nearestNames('x.pdf', ['completely-different.doc'])).toEqual([])
  })
  it('reads the ranged GET: found, missing (404 or an S3 403), or cannot tell', () => {
    const answer = { statusText: '', explanation: 'why', elapsedMs: 1 }
    expect(checkFromLiveAnswer('a', { ...answer, status: 206, answeredBy: 'cloudfront' }).found).toBe(true)
    expect(checkFromLiveAnswer('a', { ...answer, status: 416, answeredBy: 'cloudfront' }).found).toBe(true)
    expect(checkFromLiveAnswer('a', { ...answer, status: 404, answeredBy: 'origin' }).found).toBe(false)
    expect(checkFromLiveAnswer('a', { ...answer, status: 403, answeredBy: 'origin' }).found).toBe(false)
    expect(checkFromLiveAnswer('a', { ...answer, status: 403, answeredBy: 'cloudfront' }).found).toBe(
      'unknown',
    )
  })
})

describe('file sizes', () => {
  it('reads as people write them', () => {
    expect(formatSize(0)).toBe('0 bytes')
    expect(formatSize(1)).toBe('1 byte')
    expect(formatSize(2300)).toBe('2.3 KB')
    expect(formatSize(2_300_000)).toBe('2.3 MB')
    expect(formatSize(150_000_000)).toBe('150 MB')
  })
})
