// Who can read Keyfront's data: under the usual umask 022, the data folder is its owner's only
// (0700) and so are the history database with its -wal and -shm and the JSON files (0600) — for a
// new folder, and for one an earlier version left readable by every local user. Run in a child
// process, since a test worker may not change its umask.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyfront-modes-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `script` under umask 022 with `open(dataDir)` (the core over that folder, history opened) and `modes(dataDir)`. */
function underUmask022(script: string): Record<string, string> {
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `process.umask(0o022)
      import { readdirSync, statSync } from 'node:fs'
      import { join } from 'node:path'
      import { createLocalServices } from './src/core/local-services.ts'
      import { SignedSites } from './src/core/cloudfront/signed-sites.ts'
      const dir = ${JSON.stringify(dir)}
      const open = async (dataDir) => {
        const local = createLocalServices({ dataDir, keychain: {}, clock: { now: () => Date.now() }, source: 'cli', version: '0' })
        local.history.list({ limit: 1 })
        await new SignedSites(dataDir).remember({ distributionId: 'E1', domainName: 'd1.cloudfront.net', aliases: [],
          keyId: 'k', keyPairId: 'K2JCJMDEHXQW5F', keyGroupId: 'g', keyGroupName: 'signers', restrictedPaths: ['*'],
          accountId: '123456789012', onboardedAt: 1 })
        return local
      }
      const mode = (path) => (statSync(path).mode & 0o777).toString(8)
      const modes = (dataDir) => Object.fromEntries([['.', mode(dataDir)], ...readdirSync(dataDir).map((name) => [name, mode(join(dataDir, name))])])
      ${script}`,
    ],
    { encoding: 'utf8' },
  )
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout) as Record<string, string>
}

const OWNER_ONLY = {
  '.': '700',
  'history.sqlite': '600',
  'history.sqlite-wal': '600',
  'history.sqlite-shm': '600',
  'signed-sites.json': '600',
}

describe('file modes under umask 022', () => {
  it('a new data folder and everything in it are readable by their owner only', () => {
    const modes = underUmask022(`
      const local = await open(join(dir, 'Keyfront'))
      console.log(JSON.stringify(modes(join(dir, 'Keyfront'))))
      local.close()`)
    expect(modes).toEqual(OWNER_ONLY)
  })

  it('a folder and history left readable by an earlier version are narrowed when opened', () => {
    const modes = underUmask022(`
      import { mkdirSync } from 'node:fs'
      import { DatabaseSync } from 'node:sqlite'
      const dataDir = join(dir, 'Keyfront')
      mkdirSync(dataDir, { mode: 0o755 })
      const old = new DatabaseSync(join(dataDir, 'history.sqlite'))
      old.exec('PRAGMA journal_mode = WAL')
      old.exec('CREATE TABLE t (x)')
      const before = modes(dataDir)
      const local = await open(dataDir)
      console.log(JSON.stringify({ before, after: modes(dataDir) }))
      local.close()
      old.close()`)
    expect(modes.before).toMatchObject({ '.': '755', 'history.sqlite': '644', 'history.sqlite-wal': '644' })
    expect(modes.after).toEqual(OWNER_ONLY)
  })
})
