// `keyfront files`, `keyfront upload` and the existence check of `keyfront sign --site`, run
// in-process over the real core: the site's key in the real Secret Service, S3 and CloudFront in
// moto_server (behind the recording proxy), on a site Keyfront onboarded there. Exit codes and
// JSON as documented: 0 done, 1 OBJECT_EXISTS / FILE_NOT_FOUND (nothing uploaded or recorded), 2 usage.
// Without --to, upload uses the site's upload folder.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../harness/cli.ts'
import { startFilesWorld, type FilesWorld } from '../unit/core/files/files-world.ts'

const service = `Keyfront-files-cli-${randomBytes(4).toString('hex')}`
const dir = mkdtempSync(join(tmpdir(), 'keyfront-files-cli-'))
let world: FilesWorld
let env: Record<string, string>

beforeAll(async () => {
  world = await startFilesWorld({ keychainService: service })
  env = { KEYFRONT_DATA_DIR: world.dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
}, 60_000)
afterAll(async () => {
  await world.stop()
  rmSync(dir, { recursive: true, force: true })
})

const cli = (...argv: string[]) => runCli(argv, { env })
const json = <T>(stdout: string) => JSON.parse(stdout) as T
const historyCount = () => world.keyfront.history.list({ limit: 500 }).entries.length

function localFile(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('keyfront files', () => {
  it('lists a folder: sub-folders, then files with key, size and time', async () => {
    await world.put('docs/guide.pdf', 'x'.repeat(2300))
    await world.put('docs/2026/plan.txt', 'p')
    const run = await cli('files', '--site', world.site.domainName, 'docs', '--json')
    expect(run.code, run.stderr).toBe(0)
    const listed = json<{ folders: string[]; files: { key: string; size: number; modified: string }[] }>(
      run.stdout,
    )
    expect(listed.folders).toEqual(['docs/2026/'])
    expect(listed.files).toMatchObject([{ key: 'docs/guide.pdf', size: 2300 }])
    expect(Number.isNaN(Date.parse(listed.files[0]?.modified ?? ''))).toBe(false)

    const text = await cli('files', '--site', world.site.domainName, 'docs')
    expect(text.stdout).toContain('2026/\nguide.pdf  2.3 KB  PDF')
  })
})

describe('keyfront upload', () => {
  it('uploads each file and prints one link per file, recorded in the history', async () => {
    const a = localFile('a.txt', 'alpha')
    const b = localFile('b.txt', 'beta')
    const run = await cli(
      'upload',
      a,
      b,
      '--site',
      world.site.domainName,
      '--to',
      'inbox',
      '--expires',
      '1d',
      '--label',
      'L',
      '--json',
    )
    expect(run.code, run.stderr).toBe(0)
    const out = json<{ key: string; bytes: number; url: string; historyId: number }[]>(run.stdout)
    expect(out.map((f) => [f.key, f.bytes])).toEqual([
      ['inbox/a.txt', 5],
      ['inbox/b.txt', 4],
    ])
    expect(out[0]?.url).toMatch(
      new RegExp(
        `^https://${world.site.domainName}/inbox/a\\.txt\\?Expires=\\d+&Key-Pair-Id=${world.site.keyPairId}&Signature=`,
      ),
    )
    expect(world.keyfront.history.get(out[1]?.historyId ?? 0)).toMatchObject({ label: 'L' })
    expect((await world.bytesOf('inbox/b.txt'))?.toString()).toBe('beta')
  })

  it("without --to, puts the files in the site's upload folder", async () => {
    await world.keyfront.cloudfront.setUploadFolder(world.site.distributionId, '/drop box')
    try {
      const run = await cli(
        'upload',
        localFile('d.txt', 'delta'),
        '--site',
        world.site.domainName,
        '--expires',
        '1d',
        '--json',
      )
      expect(run.code, run.stderr).toBe(0)
      expect(json<{ key: string }[]>(run.stdout).map((f) => f.key)).toEqual(['drop box/d.txt'])
      expect((await world.bytesOf('drop box/d.txt'))?.toString()).toBe('delta')
    } finally {
      await world.keyfront.cloudfront.setUploadFolder(world.site.distributionId, '')
    }
  })

  it('stops with OBJECT_EXISTS when a name is taken, uploading nothing; --keep-both adds " (2)"', async () => {
    await world.put('inbox2/c.txt', 'old')
    const c = localFile('c.txt', 'new')
    const d = localFile('d.txt', 'dee')
    const before = historyCount()
    const refused = await cli(
      'upload',
      d,
      c,
      '--site',
      world.site.domainName,
      '--to',
      'inbox2',
      '--expires',
      '1d',
      '--json',
    )
    expect(refused.code).toBe(1)
    expect(json<{ error: { code: string } }>(refused.stdout).error.code).toBe('OBJECT_EXISTS')
    expect(await world.bytesOf('inbox2/d.txt')).toBeUndefined()
    expect(historyCount()).toBe(before)

    const kept = await cli(
      'upload',
      c,
      '--site',
      world.site.domainName,
      '--to',
      'inbox2',
      '--keep-both',
      '--expires',
      '1d',
      '--json',
    )
    expect(kept.code, kept.stderr).toBe(0)
    expect(json<{ key: string }[]>(kept.stdout)[0]?.key).toBe('inbox2/c (2).txt')
    expect((await world.bytesOf('inbox2/c.txt'))?.toString()).toBe('old')
  })

  it('is a usage error to ask for both --replace and --keep-both, or to leave out --expires', async () => {
    const e = localFile('e.txt', 'e')
    expect(
      (await cli('upload', e, '--site', world.site.domainName, '--replace', '--keep-both', '--expires', '1d'))
        .code,
    ).toBe(2)
    expect((await cli('upload', e, '--site', world.site.domainName)).code).toBe(2)
  })
})

describe('keyfront sign --site checks the file is there', () => {
  it('signs a file that is there, saying so', async () => {
    await world.put('reports/Q3 report.pdf', 'x'.repeat(2300))
    const run = await cli('sign', '--site', world.site.domainName, 'reports/Q3 report.pdf', '--expires', '1d')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('File found · 2.3 KB PDF.')
    expect(run.stdout).toMatch(/^https:\/\/.*Q3%20report\.pdf\?Expires=/)
  })

  it('refuses a path with no file (exit 1, FILE_NOT_FOUND, nothing recorded), naming the nearest', async () => {
    const before = historyCount()
    const run = await cli(
      'sign',
      '--site',
      world.site.domainName,
      'reports/q3 report.pdf',
      '--expires',
      '1d',
      '--json',
    )
    expect(run.code).toBe(1)
    const { error } = json<{ error: { code: string; message: string } }>(run.stdout)
    expect(error.code).toBe('FILE_NOT_FOUND')
    expect(error.message).toContain('"reports/Q3 report.pdf"')
    expect(historyCount()).toBe(before)
  })

  it('signs without checking with --no-check', async () => {
    const before = historyCount()
    const run = await cli(
      'sign',
      '--site',
      world.site.domainName,
      'reports/later.pdf',
      '--expires',
      '1d',
      '--no-check',
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).not.toContain('File found')
    expect(historyCount()).toBe(before + 1)
  })
})
