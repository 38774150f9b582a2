// Where an export goes: `keyfront history export --csv` never replaces a file, follows a symbolic
// link (dangling or not) or changes the mode of someone else's target unless told to with --force,
// and then replaces the link itself; a folder as the path gets its own message; an export that
// fails half-way leaves the old file as it was. In the app, the save dialog has already asked: an
// overwritten file ends up owner-only, and the renderer can suggest only a bare file name.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Keyfront } from '../../../../src/core/app.ts'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import { createHandlerTable } from '../../../../src/main/ipc/handlers.ts'
import type { SaveFileRequest } from '../../../../src/main/ipc/ports.ts'
import { createRouter } from '../../../../src/main/ipc/router.ts'
import { runCli } from '../../../harness/cli.ts'
import { createTestKeyfront } from '../../../harness/keyfront.ts'
import { record, tempDir } from './fixtures.ts'

const NOW = Math.floor(Date.now() / 1000)
const OLD = 'what was there before\n'

describe('keyfront history export --csv', () => {
  let dir: ReturnType<typeof tempDir>
  let out: ReturnType<typeof tempDir>
  let env: Record<string, string>

  beforeEach(() => {
    dir = tempDir()
    out = tempDir()
    env = { KEYFRONT_DATA_DIR: dir.path, KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-export-${process.pid}` }
    const store = new HistoryStore({ dataDir: dir.path, clock: { now: () => Date.now() } })
    store.record([record({ label: 'report', expiresAt: NOW + 3600, keyId: 'k-held' })])
    store.close()
  })
  afterEach(() => {
    dir.remove()
    out.remove()
  })

  const exportTo = (...argv: string[]) => runCli(['history', 'export', '--csv', ...argv, '--json'], { env })
  const errorOf = (stdout: string) =>
    (JSON.parse(stdout) as { error: { code: string; message: string } }).error

  it('refuses an existing file, and replaces it with --force: owner-only, the old content gone', async () => {
    const file = join(out.path, 'links.csv')
    writeFileSync(file, OLD, { mode: 0o644 })
    const refused = await exportTo(file)
    expect(refused.code).toBe(1)
    expect(errorOf(refused.stdout)).toMatchObject({
      code: 'FILE_EXISTS',
      message: expect.stringMatching(/already exists.*--force/) as unknown,
    })
    expect(readFileSync(file, 'utf8')).toBe(OLD)
    expect((await exportTo(file, '--force')).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toContain('report')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(out.path)).toEqual(['links.csv'])
  })

  it('never writes through a symbolic link: the target stays as it was, --force replaces the link itself', async () => {
    const target = join(out.path, 'target.txt')
    writeFileSync(target, OLD, { mode: 0o644 })
    const link = join(out.path, 'link.csv')
    symlinkSync(target, link)
    expect(errorOf((await exportTo(link)).stdout)).toMatchObject({
      code: 'FILE_EXISTS',
      message: expect.stringContaining('symbolic link') as unknown,
    })
    expect((await exportTo(link, '--force')).code).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe(OLD)
    expect(statSync(target).mode & 0o777).toBe(0o644)
    expect(lstatSync(link).isSymbolicLink()).toBe(false)
    expect(readFileSync(link, 'utf8')).toContain('report')
  })

  it('never creates the file a dangling symbolic link points at', async () => {
    const target = join(out.path, 'elsewhere.csv')
    const link = join(out.path, 'dangling.csv')
    symlinkSync(target, link)
    expect(errorOf((await exportTo(link)).stdout)).toMatchObject({ code: 'FILE_EXISTS' })
    expect(existsSync(target)).toBe(false)
    expect(readlinkSync(link)).toBe(target)
  })

  it('says so when the path is a folder', async () => {
    const folder = join(out.path, 'reports')
    mkdirSync(folder)
    for (const argv of [[folder], [folder, '--force']]) {
      const result = await exportTo(...argv)
      expect(result.code).toBe(1)
      expect(errorOf(result.stdout)).toMatchObject({
        code: 'FILE_IS_FOLDER',
        message: expect.stringContaining(`${folder} is a folder`) as unknown,
      })
    }
  })

  it('leaves the old file as it was when the export fails half-way', async () => {
    // A held key whose private key is not in the keychain: signing the link again fails mid-export.
    writeFileSync(
      join(dir.path, 'keys.json'),
      JSON.stringify({
        version: 1,
        keys: [
          {
            id: 'k-held',
            name: 'Held',
            type: 'rsa',
            fingerprint: 'AA',
            createdAt: 1,
            publicKey: 'AA==',
            uploads: [{ keyPairId: 'K2JCJMDEHXQW5F', recordedAt: 1 }],
          },
        ],
      }),
    )
    const file = join(out.path, 'links.csv')
    writeFileSync(file, OLD, { mode: 0o600 })
    const failed = await exportTo(file, '--force', '--include-signed-urls')
    expect(failed.code).toBe(1)
    expect(readFileSync(file, 'utf8')).toBe(OLD)
    expect(readdirSync(out.path)).toEqual(['links.csv'])
  })
})

describe('exports from the app', () => {
  let dir: ReturnType<typeof tempDir>
  let kf: Keyfront
  let dialogs: SaveFileRequest[]
  let chosen: string

  beforeEach(() => {
    dir = tempDir()
    dialogs = []
    chosen = join(dir.path, 'chosen.csv')
    kf = createTestKeyfront({ dataDir: dir.path, keychainService: `Keyfront-export-ipc-${process.pid}` })
    kf.history.record([record({ label: 'report', expiresAt: NOW + 3600 })])
  })
  afterEach(() => {
    kf.close()
    dir.remove()
  })

  function dispatch(channel: string, request: unknown): Promise<unknown> {
    const ports = {
      openExternal: async () => {},
      chooseSavePath: async (request: SaveFileRequest) => {
        dialogs.push(request)
        return chosen
      },
      emit: () => {},
    }
    return createRouter(createHandlerTable(kf, ports))(channel, request)
  }

  it('replace a file the save dialog confirmed, leaving it owner-only', async () => {
    writeFileSync(chosen, OLD, { mode: 0o644 })
    expect(await dispatch('history.export', { includeSignedUrls: false })).toMatchObject({ ok: true })
    expect(readFileSync(chosen, 'utf8')).toContain('report')
    expect(statSync(chosen).mode & 0o777).toBe(0o600)
    writeFileSync(chosen, OLD)
    chmodSync(chosen, 0o644)
    const text = 'url,signed_url,expires_at\n'
    expect(await dispatch('links.saveOutput', { defaultName: 'links.csv', text })).toEqual({
      ok: true,
      value: { path: chosen },
    })
    expect(readFileSync(chosen, 'utf8')).toBe(text)
    expect(statSync(chosen).mode & 0o777).toBe(0o600)
  })

  it('offer the renderer’s suggestion as a bare file name, never a path', async () => {
    for (const defaultName of ['../../.bashrc.csv', '/etc/cron.d/links.txt', '..\\..\\startup\\links.txt']) {
      await dispatch('links.saveOutput', { defaultName, text: 'x' })
    }
    expect(dialogs.map((dialog) => dialog.defaultName)).toEqual(['.bashrc.csv', 'links.txt', 'links.txt'])
  })
})
