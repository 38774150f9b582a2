// Sharing a file against moto_server (S3 and CloudFront) behind a recording proxy, on a site that
// Keyfront onboarded there: a folder of 2,500 objects read page by page; uploads of 1 KB, 20 MB
// (multipart) and a file with a non-ASCII name, compared byte for byte with what was stored; a
// cancel mid-upload that leaves no multipart upload behind; each choice when the name is taken;
// the existence check by S3 and, without S3 access, by the link (nearest names then from the paths
// in History); AccessDenied naming the permission.
import { HeadObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAwsClientFactory } from '../../../../src/core/aws/clients.ts'
import { systemClock } from '../../../../src/core/clock.ts'
import { FilesService } from '../../../../src/core/files/service.ts'
import { awsErrorXml } from '../../../harness/recording-proxy.ts'
import { BUCKET, startFilesWorld, type FilesWorld } from './files-world.ts'

let world: FilesWorld
let files: FilesService
const dir = mkdtempSync(join(tmpdir(), 'keyfront-files-'))

beforeAll(async () => {
  world = await startFilesWorld()
  files = world.keyfront.files
}, 60_000)
afterAll(async () => {
  await world.stop()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  world.proxy.requests.length = 0
  world.proxy.faults.length = 0
})

const inADay = () => Math.floor(Date.now() / 1000) + 86_400
const sha = (bytes: Uint8Array | undefined) =>
  bytes ? createHash('sha256').update(bytes).digest('hex') : 'none'

function localFile(name: string, content: string | Uint8Array): string {
  const path = join(dir, `${randomBytes(4).toString('hex')}`, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, content)
  return path
}

const denied = (match: (r: { method: string; url: string }) => boolean) =>
  world.proxy.faults.push((r) =>
    match(r) ? { status: 403, body: awsErrorXml('AccessDenied', 'Access Denied') } : undefined,
  )

describe('browsing a folder of the site', () => {
  it('reads 2,500 objects across folders a page of 1,000 at a time, folders apart from files', async () => {
    const keys = [
      ...Array.from({ length: 2300 }, (_, i) => `big/file-${String(i).padStart(4, '0')}.pdf`),
      ...Array.from({ length: 150 }, (_, i) => `big/2026/q${i}.csv`),
      ...Array.from({ length: 50 }, (_, i) => `big/old/${i}.txt`),
    ]
    for (let i = 0; i < keys.length; i += 100) {
      await Promise.all(keys.slice(i, i + 100).map((key) => world.put(key, 'x')))
    }
    world.proxy.requests.length = 0

    const first = await files.browse(world.site.distributionId, 'big')
    expect(first.folder).toBe('big/')
    expect(first.files.length + first.folders.length).toBe(1000)
    expect(first.nextCursor).toBeDefined()
    expect(first.files[0]).toMatchObject({
      path: 'big/file-0000.pdf',
      name: 'file-0000.pdf',
      size: 1,
      type: 'PDF',
      public: false,
    })

    const whole = await files.listWholeFolder(world.site.domainName, '/big/')
    expect(whole.nextCursor).toBeUndefined()
    expect(whole.folders).toEqual([
      { path: 'big/2026/', name: '2026' },
      { path: 'big/old/', name: 'old' },
    ])
    expect(whole.files).toHaveLength(2300)
    expect(new Set(whole.files.map((f) => f.path)).size).toBe(2300)
    const listings = world.proxy.requests.filter((r) => r.url.includes('list-type=2'))
    expect(listings.every((r) => r.url.includes('delimiter=%2F'))).toBe(true)
    // One page for listFolder, then three for the whole folder.
    expect(listings).toHaveLength(4)
  }, 120_000)

  it('without ListBucket: an empty page that names the permission and the bucket', async () => {
    denied((r) => r.url.includes('list-type=2'))
    const page = await files.browse(world.site.distributionId, 'reports/')
    expect(page).toMatchObject({ folder: 'reports/', folders: [], files: [] })
    expect(page.unavailable).toMatchObject({ code: 'AWS_ACCESS_DENIED', bucket: BUCKET })
    expect(page.unavailable?.message).toContain('s3:ListBucket')
  })
})

describe('uploading', () => {
  it('uploads 1 KB in one request, with its type and name for the download, byte for byte', async () => {
    const content = randomBytes(1024)
    const [done] = await files.upload({
      site: world.site.distributionId,
      files: [localFile('notes.txt', content)],
      folder: 'small',
      onConflict: 'refuse',
    })
    expect(done).toEqual({ path: 'small/notes.txt', bytes: 1024 })
    expect(sha(await world.bytesOf('small/notes.txt'))).toBe(sha(content))
    const head = await world.s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'small/notes.txt' }))
    expect(head.ContentType).toBe('text/plain; charset=utf-8')
    expect(head.ContentDisposition).toBe('attachment; filename="notes.txt"')
    expect(world.proxy.requests.some((r) => r.url.includes('uploads'))).toBe(false)
  })

  it('uploads 20 MB in parallel parts and reports progress up to the whole size', async () => {
    const content = randomBytes(20 * 1024 * 1024)
    const seen: number[] = []
    await files.upload({
      site: world.site.distributionId,
      files: [localFile('video.mp4', content)],
      folder: 'large',
      onConflict: 'refuse',
      onProgress: (_file, p) => seen.push(p.sent),
    })
    expect(sha(await world.bytesOf('large/video.mp4'))).toBe(sha(content))
    const parts = world.proxy.requests.filter((r) => r.method === 'PUT' && r.url.includes('partNumber='))
    expect(parts).toHaveLength(4) // 6 MiB parts
    expect(world.proxy.requests.some((r) => r.method === 'POST' && r.url.includes('?uploads'))).toBe(true)
    expect(seen.at(-1)).toBe(content.length)
    const head = await world.s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'large/video.mp4' }))
    expect(head.ContentType).toBe('video/mp4')
  })

  it('keeps a non-ASCII name as the key and, for the download, in filename*', async () => {
    const content = randomBytes(3000)
    const name = 'Résumé été – 2026.pdf'
    const [done] = await files.upload({
      site: world.site.distributionId,
      files: [localFile(name, content)],
      folder: 'Équipe',
      onConflict: 'refuse',
    })
    expect(done?.path).toBe(`Équipe/${name}`)
    expect(sha(await world.bytesOf(`Équipe/${name}`))).toBe(sha(content))
    const head = await world.s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: `Équipe/${name}` }))
    expect(head.ContentDisposition).toBe(
      `attachment; filename="R_sum_ _t_ _ 2026.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C3%A9t%C3%A9%20%E2%80%93%202026.pdf`,
    )
  })

  it('cancelled mid-upload, leaves no multipart upload and no file', async () => {
    const cancel = new AbortController()
    const upload = files.upload({
      site: world.site.distributionId,
      files: [localFile('huge.bin', randomBytes(48 * 1024 * 1024))],
      onConflict: 'refuse',
      signal: cancel.signal,
      onProgress: () => cancel.abort(),
    })
    await expect(upload).rejects.toMatchObject({ code: 'CANCELLED' })
    const listed = await world.s3().send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))
    expect(listed.Uploads ?? []).toEqual([])
    expect(await world.bytesOf('huge.bin')).toBeUndefined()
  })

  it('refuses a taken name and uploads nothing, replaces it when told, or keeps both with " (2)"', async () => {
    await world.put('taken/report.pdf', 'old')
    const fresh = localFile('fresh.pdf', 'fresh')
    const report = localFile('report.pdf', 'new')
    const base = { site: world.site.distributionId, folder: 'taken' }

    await expect(
      files.upload({ ...base, files: [fresh, report], onConflict: 'refuse' }),
    ).rejects.toMatchObject({
      code: 'OBJECT_EXISTS',
      message: expect.stringContaining('taken/report.pdf') as unknown,
    })
    expect(await world.bytesOf('taken/fresh.pdf')).toBeUndefined()
    expect((await world.bytesOf('taken/report.pdf'))?.toString()).toBe('old')

    const kept = await files.upload({ ...base, files: [report], onConflict: 'keep-both' })
    expect(kept.map((f) => f.path)).toEqual(['taken/report (2).pdf'])
    const again = await files.upload({ ...base, files: [report], onConflict: 'keep-both' })
    expect(again.map((f) => f.path)).toEqual(['taken/report (3).pdf'])
    expect((await world.bytesOf('taken/report.pdf'))?.toString()).toBe('old')

    await files.upload({ ...base, files: [report], onConflict: 'replace' })
    expect((await world.bytesOf('taken/report.pdf'))?.toString()).toBe('new')
  })

  it('refuses a folder, a missing file and a name S3 handles badly before sending anything', async () => {
    const site = world.site.distributionId
    const one = (path: string, folder = '') =>
      files.upload({ site, files: [path], folder, onConflict: 'refuse' })
    await expect(one(dir)).rejects.toMatchObject({ code: 'UPLOAD_NOT_A_FILE' })
    await expect(one(join(dir, 'gone.pdf'))).rejects.toMatchObject({ code: 'UPLOAD_UNREADABLE' })
    await expect(one(localFile('bad\u0007name.txt', 'x'))).rejects.toMatchObject({
      code: 'OBJECT_KEY_INVALID',
    })
    await expect(one(localFile('a.txt', 'x'), 'é'.repeat(520))).rejects.toMatchObject({
      code: 'OBJECT_KEY_INVALID',
      message: expect.stringContaining('1024') as unknown,
    })
    expect(world.proxy.requests.filter((r) => r.method === 'PUT')).toEqual([])
  })

  it('puts files in the site\'s upload folder when no folder is given, and at the top for ""', async () => {
    await world.keyfront.cloudfront.setUploadFolder(world.site.distributionId, 'inbox')
    try {
      const base = { site: world.site.distributionId, onConflict: 'refuse' as const }
      const [given] = await files.upload({ ...base, files: [localFile('default.txt', 'd')] })
      expect(given?.path).toBe('inbox/default.txt')
      const [top] = await files.upload({ ...base, files: [localFile('top.txt', 't')], folder: '' })
      expect(top?.path).toBe('top.txt')
    } finally {
      await world.keyfront.cloudfront.setUploadFolder(world.site.distributionId, '')
    }
  })

  it('uploads an empty file', async () => {
    const [done] = await files.upload({
      site: world.site.distributionId,
      files: [localFile('empty.txt', '')],
      onConflict: 'refuse',
    })
    expect(done).toEqual({ path: 'empty.txt', bytes: 0 })
    expect((await world.bytesOf('empty.txt'))?.length).toBe(0)
  })

  it('names s3:PutObject when S3 refuses the upload', async () => {
    denied((r) => r.method === 'PUT')
    await expect(
      files.upload({
        site: world.site.distributionId,
        files: [localFile('x.txt', 'x')],
        onConflict: 'refuse',
      }),
    ).rejects.toMatchObject({
      code: 'AWS_ACCESS_DENIED',
      message: expect.stringContaining('s3:PutObject') as unknown,
    })
  })
})

describe('sharing', () => {
  it('uploads, then makes one link per file on the site, each recorded in the history', async () => {
    const shared = await files.share({
      site: world.site.domainName,
      files: [localFile('a #1.pdf', 'one'), localFile('b.pdf', 'two')],
      folder: 'shared',
      onConflict: 'refuse',
      expiresAt: inADay(),
      label: 'for Ana',
    })
    expect(shared.map((f) => f.path)).toEqual(['shared/a #1.pdf', 'shared/b.pdf'])
    const [first] = shared
    const url = new URL(first?.url ?? '')
    expect(url.host).toBe(world.site.domainName)
    expect(url.pathname).toBe('/shared/a%20%231.pdf')
    expect(url.searchParams.get('Key-Pair-Id')).toBe(world.site.keyPairId)
    const entry = world.keyfront.history.get(first?.historyId ?? 0)
    expect(entry).toMatchObject({ label: 'for Ana', distributionId: world.site.distributionId })
    expect(await world.probe(first?.url ?? '')).toMatchObject({ status: 206 })
  })
})

describe('checking the file is there', () => {
  it('with S3 access: found with its size and kind, or not found with the nearest names', async () => {
    await world.put('reports/Q3 report.pdf', 'x'.repeat(2300))
    await world.put('reports/Q4 report.pdf', 'y')
    await expect(files.check(world.site.distributionId, '/reports/Q3 report.pdf')).resolves.toEqual({
      found: true,
      path: 'reports/Q3 report.pdf',
      size: 2300,
      type: 'PDF',
      how: 's3',
    })
    await expect(files.check(world.site.distributionId, 'reports/q3 report.pdf')).resolves.toEqual({
      found: false,
      path: 'reports/q3 report.pdf',
      nearest: ['reports/Q3 report.pdf', 'reports/Q4 report.pdf'],
      how: 's3',
    })
  })

  it('without S3 access: asks the signed link itself, through the edge', async () => {
    await world.put('reports/Q3 report.pdf', 'x')
    const withProbe = new FilesService({
      aws: createAwsClientFactory(),
      accounts: world.keyfront.awsAccounts,
      sites: () => world.keyfront.cloudfront.sites(),
      keys: world.keyfront.keys,
      links: world.keyfront.links,
      history: () => world.keyfront.history,
      clock: systemClock,
      probe: world.probe,
    })
    denied((r) => r.method === 'HEAD' || r.method === 'GET')
    await expect(withProbe.check(world.site.distributionId, 'reports/Q3 report.pdf')).resolves.toEqual({
      found: true,
      path: 'reports/Q3 report.pdf',
      how: 'link',
    })
    await expect(withProbe.check(world.site.distributionId, 'reports/nothing.pdf')).resolves.toEqual({
      found: false,
      path: 'reports/nothing.pdf',
      nearest: [],
      how: 'link',
    })
    expect(world.edgeRequests.slice(-2)).toEqual(['/reports/Q3%20report.pdf', '/reports/nothing.pdf'])
    // The probe links are not recorded.
    expect(world.keyfront.history.findByPolicy('', world.site.keyPairId)).toBeUndefined()
  })

  it('without S3 access: names the nearest paths that links were made for on the site', async () => {
    const withProbe = new FilesService({
      aws: createAwsClientFactory(),
      accounts: world.keyfront.awsAccounts,
      sites: () => world.keyfront.cloudfront.sites(),
      keys: world.keyfront.keys,
      links: world.keyfront.links,
      history: () => world.keyfront.history,
      clock: systemClock,
      probe: world.probe,
    })
    for (const path of ['invoices/March 2026.pdf', 'invoices/May 2026.pdf', 'media/intro.mp4']) {
      await world.keyfront.links.sign({
        key: world.site.keyId,
        url: `https://${world.site.domainName}/${path}`,
        distributionId: world.site.distributionId,
        expiresAt: inADay(),
      })
    }
    denied((r) => r.method === 'HEAD' || r.method === 'GET')
    await expect(withProbe.check(world.site.distributionId, 'invoices/Marhc 2026.pdf')).resolves.toEqual({
      found: false,
      path: 'invoices/Marhc 2026.pdf',
      nearest: ['invoices/March 2026.pdf', 'invoices/May 2026.pdf'],
      how: 'link',
    })
  })
})
