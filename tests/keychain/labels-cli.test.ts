// Labels through the CLI with a key held in a real Secret Service: one the app's History could not
// show (over 500 characters, more than one line, control characters) is refused for one link and
// for a stdin batch, with LABEL_INVALID and exit 1, and nothing is recorded; a good one is kept and
// printed back; and `keyfront history` prints a hostile label from an older version escaped.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Keyfront } from '../../src/core/app.ts'
import { runCli } from '../harness/cli.ts'
import { createTestKeyfront } from '../harness/keyfront.ts'

const service = `Keyfront-labels-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'keyfront-labels-'))
const env = { KEYFRONT_DATA_DIR: dataDir, KEYFRONT_KEYCHAIN_SERVICE: service }
const URL_OK = 'https://d111111abcdef8.cloudfront.net/reports/q3.pdf'
/** A control character other than the line breaks the CLI prints itself. */
const hasRawControl = (text: string) =>
  /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(text.replaceAll('\n', ''))

let kf: Keyfront
const cli = (argv: string[], stdin?: string) => runCli(argv, { env, ...(stdin !== undefined && { stdin }) })
const entries = () => kf.history.list({ limit: 500 }).entries

beforeAll(async () => {
  kf = createTestKeyfront({ dataDir, keychainService: service })
  await kf.keys.create({ name: 'held', type: 'ecdsa' })
  await kf.keys.setKeyPairId('held', 'K2JCJMDEHXQW5F')
}, 60_000)

afterAll(async () => {
  for (const key of await kf.keys.list()) await kf.keys.delete(key.id)
  kf.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('keyfront sign --label with a held key', () => {
  it.each([
    ['over 500 characters', 'é'.repeat(501)],
    ['on two lines', 'first\nsecond'],
    ['with an ESC sequence', 'q3 \u001b[8mhidden'],
    ['with a C1 control', 'q3 \u009b2J'],
  ])('refuses a label %s, for one link and for a batch', async (_, label) => {
    const one = await cli(['sign', URL_OK, '--key', 'held', '--expires', '1d', '--label', label, '--json'])
    expect(one.code).toBe(1)
    expect(JSON.parse(one.stdout)).toMatchObject({ error: { code: 'LABEL_INVALID' } })
    const batch = await cli(['sign', '--key', 'held', '--expires', '1d', '--label', label], `${URL_OK}\n`)
    expect(batch.code).toBe(1)
    expect(batch.stderr).toMatch(/^keyfront: (The label|A label)/)
    expect(hasRawControl(batch.stderr)).toBe(false)
    expect(entries()).toEqual([])
  })

  it('keeps a good label, and history prints an older hostile one escaped', async () => {
    const run = await cli(['sign', URL_OK, '--key', 'held', '--expires', '1d', '--label', 'Q3 for Ana'])
    expect(run.code).toBe(0)
    expect(entries()[0]?.label).toBe('Q3 for Ana')
    const [first] = entries()
    if (!first) throw new Error('nothing recorded')
    // As an older version would have recorded it, past today's checks.
    kf.history.record([{ ...first, label: 'old \u001b]0;pwned\u0007 label' }])
    const list = await cli(['history'])
    expect(list.code).toBe(0)
    expect(hasRawControl(list.stdout)).toBe(false)
    expect(list.stdout).toContain('old \\u001b]0;pwned\\u0007 label')
    expect(list.stdout).toContain('Q3 for Ana')
  })
})
