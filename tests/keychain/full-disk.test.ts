// A data folder on a full disk (a real tmpfs, filled to the last page, in a private mount
// namespace so nothing outlives the test): commands that need no new file still work, the ones
// that do say the disk is full and change nothing — no private key is left in the keychain
// unlisted, none is destroyed while still listed — links already signed are handed back, and once
// space is freed, deleting again finishes. Driven by full-disk-scenario.ts against the real keyring.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'

interface CliAnswer {
  code: number
  out: unknown
  stderr: string
}

const service = `Keyfront-full-${randomBytes(4).toString('hex')}`
const mountPoint = mkdtempSync(join(tmpdir(), 'keyfront-full-'))
let result: Record<string, unknown>

beforeAll(() => {
  // A mount namespace of its own: the tmpfs disappears with the child. Without root, a user
  // namespace grants the mount.
  const unshare = ['--mount', ...(process.getuid?.() === 0 ? [] : ['--map-root-user'])]
  const run = spawnSync(
    'unshare',
    [
      ...unshare,
      'sh',
      '-c',
      'mount -t tmpfs -o size=512k keyfront-full "$0" && exec "$1" "$2"',
      mountPoint,
      process.execPath,
      join(import.meta.dirname, 'full-disk-scenario.ts'),
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        KEYFRONT_DATA_DIR: join(mountPoint, 'Keyfront'),
        KEYFRONT_KEYCHAIN_SERVICE: service,
      },
      timeout: 120_000,
    },
  )
  const line = run.stdout.trim().split('\n').at(-1) ?? ''
  try {
    result = JSON.parse(line) as Record<string, unknown>
  } catch {
    throw new Error(`the full-disk scenario gave no result:\n${run.stdout}\n${run.stderr}`)
  }
}, 150_000)

afterAll(async () => {
  const keychain = createKeytarKeychain(service)
  for (const account of keychainAccounts(service)) await keychain.delete(account)
  rmSync(mountPoint, { recursive: true, force: true })
})

const answer = (step: string) => result[step] as CliAnswer
const diskFull = {
  code: 1,
  out: { error: { code: 'DISK_FULL', message: expect.stringContaining('is full') as unknown } },
}

describe('a data folder on a read-only disk', () => {
  it('still lists keys; a change and the history say the folder cannot be written, and name it', () => {
    expect(answer('readOnlyList')).toMatchObject({ code: 0, out: [{ name: 'Kept' }] })
    for (const step of ['readOnlyRename', 'readOnlyHistory']) {
      expect(answer(step), step).toMatchObject({ code: 1, out: { error: { code: 'FILE_UNWRITABLE' } } })
      expect(JSON.stringify(answer(step).out), step).toContain(mountPoint)
    }
  })
})

describe('a data folder on a full disk', () => {
  it('still lists keys: nothing but keys.json is needed for that', () => {
    expect(answer('list')).toMatchObject({ code: 0, out: [{ name: 'Kept' }] })
  })

  it('refuses a new key with "the disk is full", naming the folder, and keeps no private key for it', () => {
    expect(answer('create')).toMatchObject(diskFull)
    expect(JSON.stringify(answer('create').out)).toContain(mountPoint)
    expect((result.accountsAfterCreate as string[]).sort()).toEqual([result.keptId, 'aws:office'].sort())
  })

  it('refuses to delete a key before destroying anything: still listed, private key still there', () => {
    expect(answer('delete')).toMatchObject(diskFull)
    expect(answer('listAfterDelete')).toMatchObject({ code: 0, out: [{ name: 'Kept' }] })
    expect(result.accountsAfterDelete).toContain(result.keptId)
  })

  it('refuses to remove an access key the same way: still listed, secret still there', () => {
    expect(result.removeAccessKey).toMatchObject({ code: 'DISK_FULL' })
    expect(result.profilesAfterRemove).toEqual([{ name: 'office', kind: 'keychain', source: 'keyfront' }])
    expect(result.accountsAfterDelete).toContain('aws:office')
  })

  it('hands back a link and a batch that the history could not record, with a warning', () => {
    expect(answer('sign')).toMatchObject({
      code: 0,
      out: {
        signedUrl: expect.stringMatching(
          /^https:\/\/d111111abcdef8\.cloudfront\.net\/a\.pdf\?Expires=/,
        ) as unknown,
        warnings: [
          expect.stringMatching(/This link works, but it is not in the history: .* is full/) as unknown,
        ],
      },
    })
    expect(answer('batch')).toMatchObject({
      code: 0,
      out: {
        links: [{ signedUrl: expect.stringContaining('1.pdf?Expires=') as unknown }, {}],
        warnings: [
          expect.stringMatching(/These links work, but they are not in the history: .* is full/) as unknown,
        ],
      },
    })
  })

  it('finishes deleting once there is space again', () => {
    expect(answer('retryDelete')).toMatchObject({ code: 0, out: { name: 'Kept' } })
    expect(result.retryRemoveAccessKey).toEqual({ ok: true })
    expect(answer('listAfterRetry')).toMatchObject({ code: 0, out: [] })
    expect(result.accountsAfterRetry).toEqual([])
  })
})
