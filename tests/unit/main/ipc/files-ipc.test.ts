// The files channels through the same router main registers, over the real core and moto_server:
// a folder page keeps every field the browser shows (paths, sizes, dates, kinds, public marks,
// the next cursor), a bad request is refused before AWS is called, and no S3 access is an answer.
// Uploads take only files chosen in main's dialog (by token), report bytes as task.progress, ask
// before a name is reused, stop on cancel leaving no parts, and confirm links of over a year.
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DesktopPorts } from '../../../../src/main/ipc/ports.ts'
import type { Emit } from '../../../../src/main/ipc/router.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import { createRouter, type Dispatch } from '../../../../src/main/ipc/router.ts'
import type { ChosenFile, FolderPage, SharedFile } from '../../../../src/shared/contract/files.ts'
import { awsErrorXml } from '../../../harness/recording-proxy.ts'
import { BUCKET, startFilesWorld, type FilesWorld } from '../../core/files/files-world.ts'

let world: FilesWorld
let dispatch: Dispatch
const dir = mkdtempSync(join(tmpdir(), 'keyfront-files-ipc-'))
/** What the next open dialog "chooses", and every progress event main sent. */
let nextChosen: string[] = []
let confirmAnswer = true
const progress: { task: string; done: number; total?: number }[] = []
let onProgress: (task: string) => void = () => {}

beforeAll(async () => {
  world = await startFilesWorld()
  const emit: Emit = (event, payload) => {
    if (event !== 'task.progress') return
    const p = payload as { task: string; done: number; total?: number }
    progress.push(p)
    onProgress(p.task)
  }
  const ports: DesktopPorts = {
    openExternal: async () => {},
    chooseSavePath: async () => undefined,
    chooseFiles: async () => nextChosen,
    confirm: async () => confirmAnswer,
    emit,
  }
  dispatch = createRouter(createHandlerTable(world.keyfront, ports))
  await world.put('reports/Q3 report.pdf', 'x'.repeat(2300))
  await world.put('reports/2026/a.txt', 'a')
}, 60_000)
afterAll(async () => {
  await world.stop()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  world.proxy.faults.length = 0
  world.proxy.requests.length = 0
})

describe('files.browse', () => {
  it('answers a folder page with everything the browser shows', async () => {
    const answer = await dispatch('files.browse', {
      distributionId: world.site.distributionId,
      folder: 'reports',
    })
    expect(answer.ok).toBe(true)
    const page = (answer as { value: FolderPage }).value
    expect(page.folders).toEqual([{ path: 'reports/2026/', name: '2026' }])
    expect(page.files).toEqual([
      {
        path: 'reports/Q3 report.pdf',
        name: 'Q3 report.pdf',
        size: 2300,
        modified: expect.any(Number) as unknown,
        type: 'PDF',
        public: false,
      },
    ])
  })

  it('refuses a malformed request before calling AWS', async () => {
    const answer = await dispatch('files.browse', { distributionId: 'not an id', folder: '' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(world.proxy.requests).toEqual([])
  })

  it('answers "unavailable" with the bucket when S3 refuses the listing', async () => {
    world.proxy.faults.push((r) =>
      r.url.includes('list-type=2')
        ? { status: 403, body: awsErrorXml('AccessDenied', 'Access Denied') }
        : undefined,
    )
    const answer = await dispatch('files.browse', { distributionId: world.site.distributionId, folder: '' })
    expect(answer).toMatchObject({
      ok: true,
      value: { files: [], unavailable: { code: 'AWS_ACCESS_DENIED', bucket: 'shared-files' } },
    })
  })
})

function localFile(name: string, content: string | Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

async function choose(...paths: string[]): Promise<ChosenFile[]> {
  nextChosen = paths
  const answer = await dispatch('files.choose', undefined)
  return (answer as { value: { files: ChosenFile[] } }).value.files
}

const inADay = () => Math.floor(Date.now() / 1000) + 86_400
const share = (task: string, files: ChosenFile[], more: Record<string, unknown> = {}) =>
  dispatch('files.share', {
    task,
    site: world.site.domainName,
    files: files.map((f) => f.token),
    folder: 'inbox',
    onConflict: 'refuse',
    expiresAt: inADay(),
    ...more,
  })

describe('uploading files chosen in main’s dialog', () => {
  it('hands the page tokens, names and sizes only, and skips a folder', async () => {
    const files = await choose(localFile('a.txt', 'alpha'), dir)
    expect(files).toEqual([{ token: expect.any(String) as unknown, name: 'a.txt', size: 5 }])
    expect(JSON.stringify(files)).not.toContain(dir)
  })

  it('takes dropped paths the same way: files get tokens, a folder is left out', async () => {
    const answer = await dispatch('files.dropped', { paths: [localFile('dropped.txt', 'd'), dir] })
    expect(answer).toEqual({
      ok: true,
      value: { files: [{ token: expect.any(String) as unknown, name: 'dropped.txt', size: 1 }] },
    })
  })

  it('uploads by token, reports bytes, and answers one link per file', async () => {
    const files = await choose(localFile('b.txt', 'beta'), localFile('c.txt', 'gamma'))
    progress.length = 0
    const answer = await share('t-ok', files, { label: 'for Ana' })
    expect(answer.ok).toBe(true)
    const shared = (answer as { value: { files: SharedFile[] } }).value.files
    expect(shared.map((f) => [f.path, f.bytes])).toEqual([
      ['inbox/b.txt', 4],
      ['inbox/c.txt', 5],
    ])
    expect(shared[0]?.url).toContain(`https://${world.site.domainName}/inbox/b.txt?Expires=`)
    expect(progress.at(-1)).toEqual({ task: 't-ok', done: 9, total: 9 })
  })

  it('refuses a token it did not hand out, before anything is sent', async () => {
    const answer = await share('t-forged', [{ token: '/etc/passwd', name: 'passwd', size: 1 }])
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(world.proxy.requests.filter((r) => r.method === 'PUT')).toEqual([])
  })

  it('asks before reusing a name: OBJECT_EXISTS, then keep both', async () => {
    const files = await choose(localFile('d.txt', 'new'))
    await world.put('inbox/d.txt', 'old')
    await expect(share('t-taken', files)).resolves.toMatchObject({
      ok: false,
      error: { code: 'OBJECT_EXISTS' },
    })
    const kept = await share('t-kept', files, { onConflict: 'keep-both' })
    expect(kept).toMatchObject({ ok: true, value: { files: [{ path: 'inbox/d (2).txt' }] } })
  })

  it('stops on cancel and leaves no parts behind', async () => {
    const files = await choose(localFile('big.bin', randomBytes(40 * 1024 * 1024)))
    onProgress = (task) => void dispatch('files.cancelShare', { task })
    try {
      await expect(share('t-cancel', files)).resolves.toMatchObject({
        ok: false,
        error: { code: 'CANCELLED' },
      })
    } finally {
      onProgress = () => {}
    }
    const listed = await world.s3().send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))
    expect(listed.Uploads ?? []).toEqual([])
  })

  it('makes links of over a year only after main’s own dialog says yes', async () => {
    const files = await choose(localFile('e.txt', 'e'))
    confirmAnswer = false
    const later = Math.floor(Date.now() / 1000) + 2 * 365 * 86_400
    try {
      await expect(share('t-long', files, { expiresAt: later })).resolves.toMatchObject({
        ok: false,
        error: { code: 'CANCELLED' },
      })
    } finally {
      confirmAnswer = true
    }
    expect(await world.bytesOf('inbox/e.txt')).toBeUndefined()
  })
})
