// `keyfront history` through the real CLI in-process, over a data dir holding recorded links:
// listing newest first, search and filters (--expiring too), --json, usage errors, deleting,
// exporting CSV, and what "copy" and "renew" say when the key that signed a link has been deleted.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import type { HistoryItem } from '../../../../src/shared/contract/history.ts'
import { runCli } from '../../../harness/cli.ts'
import { record, tempDir } from '../../core/history/fixtures.ts'

const NOW = Math.floor(Date.now() / 1000)

describe('keyfront history', () => {
  let dir: ReturnType<typeof tempDir>
  let env: Record<string, string>

  beforeEach(() => {
    dir = tempDir()
    env = { KEYFRONT_DATA_DIR: dir.path, KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-history-cli-${process.pid}` }
    const store = new HistoryStore({ dataDir: dir.path, clock: { now: () => Date.now() } })
    store.record([
      record({ label: 'old report', expiresAt: NOW - 3600, keyId: 'gone-key', distributionId: 'E1' }),
      record({
        label: 'for ACME, invoice 42',
        url: 'https://d1.cloudfront.net/invoices/42.pdf',
        expiresAt: NOW + 7200,
        keyId: 'gone-key',
      }),
      record({
        label: '=cmd|calc',
        url: 'https://d1.cloudfront.net/videos/launch.mp4',
        expiresAt: NOW + 86_400,
      }),
    ])
    store.close()
  })
  afterEach(() => dir.remove())

  const cli = (...argv: string[]) => runCli(argv, { env })
  const ids = (stdout: string) => (JSON.parse(stdout) as HistoryItem[]).map((item) => item.id)

  it('lists links newest first, with status, label, URL and what became of the key', async () => {
    const result = await cli('history')
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+LABEL\s+URL\s+KEY$/)
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['3', '2', '1'])
    expect(lines[2]).toMatch(/expires in 1 hour 59 minutes|expires in 2 hours/)
    expect(lines[2]).toContain('gone-key (deleted)')
    expect(lines[3]).toContain('expired')
  })

  it('searches and filters, and prints JSON with --json', async () => {
    expect(ids((await cli('history', '--search', 'acme', '--json')).stdout)).toEqual([2])
    expect(ids((await cli('history', '--search', 'LAUNCH', '--json')).stdout)).toEqual([3])
    expect(ids((await cli('history', '--active', '--json')).stdout)).toEqual([3, 2])
    expect(ids((await cli('history', '--expired', '--json')).stdout)).toEqual([1])
    expect(ids((await cli('history', '--key', 'gone-key', '--json')).stdout)).toEqual([2, 1])
    expect(ids((await cli('history', '--distribution', 'E1', '--json')).stdout)).toEqual([1])
    const [item] = JSON.parse((await cli('history', '--limit', '1', '--json')).stdout) as HistoryItem[]
    expect(item).toMatchObject({ id: 3, status: 'active', canSignAgain: false, source: 'app' })
    expect(item?.keyName).toBeUndefined()
  })

  it('says when more links exist than shown, and when none match', async () => {
    expect((await cli('history', '--limit', '2')).stdout).toContain('use --limit to see more')
    expect((await cli('history', '--search', 'no such thing')).stdout).toContain('No links found')
  })

  it('rejects a wrong command line with exit code 2', async () => {
    expect((await cli('history', '--active', '--expired')).code).toBe(2)
    expect((await cli('history', '--limit', '0')).code).toBe(2)
    expect((await cli('history', 'copy', 'abc')).code).toBe(2)
    expect((await cli('history', 'delete')).code).toBe(2)
  })

  it('explains that a link whose key was deleted cannot be made again, and until when it works', async () => {
    const result = await cli('history', 'copy', '2', '--json')
    expect(result.code).toBe(1)
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } }
    expect(error.code).toBe('LINK_NOT_REPRODUCIBLE')
    expect(error.message).toMatch(/has been deleted from Keyfront, so the link cannot be made again/)
    expect(error.message).toMatch(/still works until .* UTC if CloudFront still trusts its public key/)
    const expired = await cli('history', 'copy', '1')
    expect(expired.stderr).toMatch(/expired on .* anyway/)
  })

  it('lists only the links expiring within a duration with --expiring', async () => {
    expect(ids((await cli('history', '--expiring', '48h', '--json')).stdout)).toEqual([3, 2])
    expect(ids((await cli('history', '--expiring', '3h', '--json')).stdout)).toEqual([2])
    expect(ids((await cli('history', '--expiring', '3h', '--search', 'launch', '--json')).stdout)).toEqual([])
    for (const wrong of [
      ['--expiring', '30s'],
      ['--expiring', 'soon'],
      ['--expiring', '2h', '--expired'],
    ]) {
      const result = await cli('history', ...wrong)
      expect(result.code).toBe(2)
    }
    expect((await cli('history', '--expiring', 'soon')).stderr).toMatch(
      /--expiring takes a duration .* like 48h/,
    )
  })

  it('says how to renew a link whose key was deleted; a wrong entry number is a usage error', async () => {
    const result = await cli('history', 'renew', '2', '--json')
    expect(result.code).toBe(1)
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } }
    expect(error.code).toBe('RENEW_KEY_MISSING')
    expect(error.message).toContain('keyfront history renew 2 --key NAME')
    expect((await cli('history', 'renew', 'x')).code).toBe(2)
    expect(ids((await cli('history', '--json')).stdout)).toEqual([3, 2, 1])
  })

  it('deletes an entry, noting the link itself keeps working; a missing entry fails with exit 1', async () => {
    const result = await cli('history', 'delete', '2')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Deleted entry 2 from the history\. The link itself still works until/)
    expect(ids((await cli('history', '--json')).stdout)).toEqual([3, 1])
    const again = await cli('history', 'delete', '2', '--json')
    expect(again.code).toBe(1)
    expect(again.stdout).toContain('HISTORY_ENTRY_NOT_FOUND')
  })

  it('exports CSV without signed links, readable by its owner only', async () => {
    const file = join(dir.path, 'export.csv')
    const result = await cli('history', 'export', '--csv', file, '--active')
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(`Exported 2 links to ${file}.`)
    const lines = readFileSync(file, 'utf8').split('\r\n')
    expect(lines[0]).toBe(
      '\uFEFFid,created,label,kind,url,resource,status,starts,expires,ip_address,key_id,key_name,key_pair_id,algorithm,policy_type,policy,distribution_id,source',
    )
    expect(lines[1]).toMatch(/^3,.*,'=cmd\|calc,url,https:\/\/d1\.cloudfront\.net\/videos\/launch\.mp4,/)
    expect(lines[2]).toMatch(/^2,.*,"for ACME, invoice 42",url,/)
    expect(lines[2]).toContain(',gone-key,(deleted),')
    expect(lines).toHaveLength(4)
    expect(readFileSync(file, 'utf8')).not.toContain('Signature')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('tells, on stderr, where an unreadable history file was moved', async () => {
    writeFileSync(join(dir.path, 'history.sqlite'), 'not a database '.repeat(100))
    const result = await cli('history', '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
    expect(result.stderr).toMatch(/could not be read, so it was moved to .*history\.sqlite\.corrupt-/)
  })

  it('tells it once, from whichever command opened the history — and commands that do not need it say nothing', async () => {
    writeFileSync(join(dir.path, 'history.sqlite'), 'not a database '.repeat(100))
    const notice = /could not be read, so it was moved to .*history\.sqlite\.corrupt-/g
    expect((await cli('keys', 'list')).stderr).not.toMatch(notice)
    const deleting = await cli('history', 'delete', '1', '--json')
    expect(deleting.stdout).toContain('HISTORY_ENTRY_NOT_FOUND')
    expect(deleting.stderr.match(notice)).toHaveLength(1)
    expect((await cli('history', 'list')).stderr).toBe('')
  })

  it('leaves the signed-link column empty where a link cannot be signed again', async () => {
    const file = join(dir.path, 'signed.csv')
    const result = await cli('history', 'export', '--csv', file, '--include-signed-urls')
    expect(result.stdout).toContain('The file contains working links')
    const lines = readFileSync(file, 'utf8').split('\r\n')
    expect(lines[0]).toMatch(/,source,signed_link$/)
    expect(lines.slice(1, 4).every((line) => line.endsWith(','))).toBe(true)
  })
})
