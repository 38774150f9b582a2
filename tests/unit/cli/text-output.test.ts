// The CLI never prints a raw control character — labels and URLs from the history, a pasted link,
// text echoed in an error all show visible escapes, tables keep one line per row, and `--json`
// keeps its meaning — and it refuses to record a label the app could not show. In-process over the
// real core with a key file (no keychain needed).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { clip, table } from '../../../src/cli/format.ts'
import { HistoryStore } from '../../../src/core/history/history-store.ts'
import { runCli, type CliRun } from '../../harness/cli.ts'
import { record } from '../core/history/fixtures.ts'
import { RSA_KEY, pem } from '../core/signing/fixtures.ts'

const dir = mkdtempSync(join(tmpdir(), 'keyfront-cli-text-'))
const dataDir = join(dir, 'data')
const env = {
  KEYFRONT_DATA_DIR: dataDir,
  KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-cli-text-${randomBytes(4).toString('hex')}`,
}
const keyFile = join(dir, 'rsa.pem')
writeFileSync(keyFile, pem(RSA_KEY.privateKey))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const URL_OK = 'https://d111111abcdef8.cloudfront.net/report.pdf'
const withFile = ['--key-file', keyFile, '--key-pair-id', 'K2JCJMDEHXQW5F']
const cli = (argv: string[], stdin?: string) => runCli(argv, { env, ...(stdin !== undefined && { stdin }) })
/** A control character other than the line breaks the CLI prints itself. */
const hasRawControl = (text: string) =>
  /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(text.replaceAll('\n', ''))

function expectNoRawControl(run: CliRun): void {
  expect(hasRawControl(run.stdout)).toBe(false)
  expect(hasRawControl(run.stderr)).toBe(false)
}

describe('tables and clipped cells', () => {
  it('show control characters as escapes, one line per row', () => {
    const text = table([
      ['NAME', 'LABEL'],
      ['a\u001b[2J', 'two\nlines\tand a tab'],
    ])
    expect(text.split('\n')).toEqual(['NAME        LABEL', 'a\\u001b[2J  two\\nlines\\tand a tab'])
    expect(clip('\u001b[31mred', 8)).toBe('\\u001b[…')
  })
})

describe('labels from the command line', () => {
  it.each([
    ['over 500 characters', 'x'.repeat(501), /a label holds at most 500/],
    ['with a line break', 'one\ntwo', /one line of text/],
    ['with an ESC sequence', '\u001b]0;owned\u0007Invoice', /control character \(\\u001b, character 1\)/],
  ])('refuses a label %s (exit 1, LABEL_INVALID), recording nothing', async (_, label, message) => {
    const text = await cli(['sign', URL_OK, ...withFile, '--expires', '1d', '--label', label])
    expect(text.code).toBe(1)
    expect(text.stderr).toMatch(message)
    expectNoRawControl(text)
    const json = await cli(['sign', URL_OK, ...withFile, '--expires', '1d', '--label', label, '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'LABEL_INVALID' } })
    const batch = await cli(
      ['sign', ...withFile, '--expires', '1d', '--label', label, '--json'],
      `${URL_OK}\n`,
    )
    expect(JSON.parse(batch.stdout)).toMatchObject({ error: { code: 'LABEL_INVALID' } })
    const store = new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
    expect(store.list({ limit: 500 }).entries.filter((entry) => entry.label === label.trim())).toEqual([])
    store.close()
  })

  it('refuses a URL with a control character (exit 1, URL_CONTROL_CHARACTER)', async () => {
    const run = await cli(['sign', `${URL_OK}\u001b[2J`, ...withFile, '--expires', '1d', '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'URL_CONTROL_CHARACTER' } })
  })
})

describe('what the history holds from before, printed', () => {
  const hostile = 'Report\u001b[2J\u001b]0;pwned\u0007\nsecond line\u009b31m'
  const store = new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
  store.record([
    record({ label: hostile, url: `${URL_OK}?v=\u001b[5m`, expiresAt: Math.floor(Date.now() / 1000) + 3600 }),
  ])
  store.close()

  it('history: the table shows escapes, one line per entry', async () => {
    const run = await cli(['history', '--search', 'Report'])
    expect(run.code).toBe(0)
    expectNoRawControl(run)
    const lines = run.stdout.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('Report\\u001b[2J\\u001b]0;pwned\\u…  ')
    expect(lines[1]).toContain('report.pdf?v=\\u001b[5m')
  })

  it('history --json: no raw control character, the same label once parsed', async () => {
    const run = await cli(['history', '--search', 'Report', '--json'])
    expectNoRawControl(run)
    expect((JSON.parse(run.stdout) as { label: string }[])[0]?.label).toBe(hostile)
  })
})

describe('text echoed back', () => {
  it('inspect of a pasted link with control characters in it', async () => {
    const run = await cli(['inspect', `${URL_OK}?a=\u001b[2J\u009b0m&Expires=1&Signature=x&Key-Pair-Id=K1`])
    expect(run.code).toBe(1)
    expectNoRawControl(run)
    expect(run.stdout).toContain('a=\\u001b[2J\\u009b0m')
  })

  it('an error message that quotes what was typed', async () => {
    const run = await cli(['history', 'copy', '\u001b[2J7'])
    expect(run.code).toBe(2)
    expectNoRawControl(run)
    expect(run.stderr).toContain('"\\u001b[2J7" is not a history entry number')
  })
})
