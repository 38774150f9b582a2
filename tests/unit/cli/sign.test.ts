// `keyfront sign` and `keyfront inspect` run in-process over the real core, with keys from PEM
// files (--key-file / --public-key: no keychain needed): output, stdin batches in order on the
// worker threads, the history, exit codes (0 ok, 1 refused, 2 wrong command line).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../src/core/history/history-store.ts'
import { runCli } from '../../harness/cli.ts'
import { EC_KEY, RSA_KEY, pem } from '../core/signing/fixtures.ts'

const dir = mkdtempSync(join(tmpdir(), 'keyfront-cli-sign-'))
const dataDir = join(dir, 'data')
const env = {
  KEYFRONT_DATA_DIR: dataDir,
  KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-cli-${randomBytes(4).toString('hex')}`,
}
const rsaFile = join(dir, 'rsa.pem')
const ecFile = join(dir, 'ec.pem')
const rsaPublic = join(dir, 'rsa.pub.pem')
writeFileSync(rsaFile, pem(RSA_KEY.privateKey))
writeFileSync(ecFile, pem(EC_KEY.privateKey))
writeFileSync(rsaPublic, pem(RSA_KEY.publicKey, 'public'))
// An encrypted PKCS#8 file, as `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes it.
const encryptedFile = join(dir, 'rsa-encrypted.pem')
writeFileSync(
  encryptedFile,
  RSA_KEY.privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: 'open sesame',
  }),
)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const URL_A = 'https://d111111abcdef8.cloudfront.net/reports/Q3 report.pdf'
const withFile = ['--key-file', rsaFile, '--key-pair-id', 'K2JCJMDEHXQW5F']
const cli = (argv: string[], stdin?: string) => runCli(argv, { env, ...(stdin !== undefined && { stdin }) })

function history(): HistoryStore {
  return new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
}

describe('keyfront sign', () => {
  it('prints just the signed URL on stdout, and when it works on stderr', async () => {
    const run = await cli(['sign', URL_A, ...withFile, '--expires', '7d', '--label', 'Q3'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/reports\/Q3%20report\.pdf\?Expires=\d+&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=[\w~-]+\n$/,
    )
    expect(run.stderr).toMatch(
      /Works until .*UTC, in 7 days\)\.\nSigned with key "rsa\.pem" \(Key-Pair-Id K2JCJMDEHXQW5F, rsa-sha1\)/,
    )
    const store = history()
    expect(store.list({ limit: 5 }).entries[0]).toMatchObject({
      url: URL_A,
      label: 'Q3',
      source: 'cli',
      keyPairId: 'K2JCJMDEHXQW5F',
    })
    store.close()
  })

  it('prints the whole link as JSON with --json, custom policy for --starts/--ip/--hash', async () => {
    const run = await cli([
      'sign',
      URL_A,
      ...withFile,
      '--expires',
      '2h',
      '--starts',
      '10m',
      '--ip',
      '192.0.2.0/24',
      '--hash',
      'sha256',
      '--json',
    ])
    expect(run.code).toBe(0)
    const link = JSON.parse(run.stdout) as Record<string, unknown>
    expect(link).toMatchObject({
      kind: 'url',
      canned: false,
      algorithm: 'rsa-sha256',
      ipAddress: '192.0.2.0/24',
    })
    expect(link.signedUrl).toMatch(/&Hash-Algorithm=SHA256$/)
  })

  it('prints Set-Cookie lines with --cookies and a wildcard --resource', async () => {
    const run = await cli([
      'sign',
      'https://d111111abcdef8.cloudfront.net/videos/a.mp4',
      ...withFile,
      '--expires',
      '1h',
      '--cookies',
      '--resource',
      'https://d111111abcdef8.cloudfront.net/videos/*',
    ])
    expect(run.code).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines.map((line) => line.split('=')[0])).toEqual([
      'Set-Cookie: CloudFront-Key-Pair-Id',
      'Set-Cookie: CloudFront-Signature',
      'Set-Cookie: CloudFront-Policy',
    ])
    expect(lines[2]).toMatch(
      /; Path=\/videos\/; Secure; HttpOnly; Expires=\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT$/,
    )
  })

  it('signs every URL of stdin on the worker threads, one per line, in input order (blank lines skipped)', async () => {
    const urls = Array.from(
      { length: 120 },
      (_, i) => `https://d111111abcdef8.cloudfront.net/batch/file ${i}.txt`,
    )
    const run = await cli(
      ['sign', '--key-file', ecFile, '--key-pair-id', 'K3ECDSAKEYP256', '--expires', '1d'],
      `${urls.slice(0, 60).join('\n')}\n\n${urls.slice(60).join('\r\n')}\n`,
    )
    expect(run.code).toBe(0)
    const out = run.stdout.trim().split('\n')
    expect(out).toHaveLength(120)
    out.forEach((line, i) =>
      expect(line.startsWith(`https://d111111abcdef8.cloudfront.net/batch/file%20${i}.txt?Expires=`)).toBe(
        true,
      ),
    )
    expect(run.stderr).toMatch(/^Signed 120 links in [\d.]+ s/)
    const store = history()
    expect(store.list({ limit: 500 }).entries.filter((e) => e.source === 'batch')).toHaveLength(120)
    store.close()
  })

  it('gives a batch as JSON pairs with --json', async () => {
    const run = await cli(
      ['sign', ...withFile, '--expires', '1d', '--json'],
      'https://d111111abcdef8.cloudfront.net/1.txt\nhttps://d111111abcdef8.cloudfront.net/2.txt\n',
    )
    const json = JSON.parse(run.stdout) as { links: { url: string; signedUrl: string }[] }
    expect(json.links.map((l) => l.url)).toEqual([
      'https://d111111abcdef8.cloudfront.net/1.txt',
      'https://d111111abcdef8.cloudfront.net/2.txt',
    ])
    expect(json.links[1]?.signedUrl).toMatch(/^https:\/\/d111111abcdef8\.cloudfront\.net\/2\.txt\?Expires=/)
  })

  it.each([
    [['sign', URL_A, '--expires', '1d'], /Choose the key: --key NAME, or --key-file PEM --key-pair-id ID/],
    [['sign', URL_A, '--key', 'main', ...withFile, '--expires', '1d'], /Choose one key/],
    [['sign', URL_A, '--key-file', rsaFile, '--expires', '1d'], /--key-file needs --key-pair-id/],
    [
      ['sign', URL_A, '--key', 'main', '--key-pair-id', 'K2JCJMDEHXQW5F', '--expires', '1d'],
      /--key-pair-id goes with --key-file/,
    ],
    [['sign', URL_A, ...withFile], /Say when the link stops working: --expires 7d/],
    [['sign', URL_A, ...withFile, '--expires', '1d', '--hash', 'md5'], /Allowed choices are sha1, sha256/],
    [['sign', ...withFile, '--expires', '1d'], /pipe URLs to standard input/],
  ])('exits 2 for a wrong command line: %j', async (argv, message) => {
    const run = await cli(argv)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it.each([
    ['--expires', '2027-02-31', 'February 2027 has 28 days. Check the day and the month.'],
    ['--starts', '2027-04-31T09:00', 'April 2027 has 30 days. Check the day and the month.'],
    [
      '--expires',
      '2027-01-01T25:00Z',
      'hours go from 00 to 23 (midnight at the end of a day is 00:00 of the next).',
    ],
  ])('exits 1 for %s %s, a date that does not exist, naming it (no link made)', async (option, date, why) => {
    const store = history()
    const before = store.list({ limit: 500 }).entries.length
    const run = await cli(['sign', URL_A, ...withFile, '--expires', '2037-12-01', option, date])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`keyfront: ${option} ${date} does not exist: ${why}\n`)
    expect(store.list({ limit: 500 }).entries).toHaveLength(before)
    store.close()
  })

  it('exits 2 for --cookies with a stdin batch', async () => {
    const run = await cli(['sign', ...withFile, '--expires', '1d', '--cookies'], 'https://x.example/a\n')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--cookies and --resource apply to one URL/)
  })

  it.each([
    [['sign', 'ftp://x.example/a', ...withFile, '--expires', '1d'], 'URL_INVALID'],
    [['sign', URL_A, ...withFile, '--expires', '1999-01-01'], 'EXPIRY_IN_PAST'],
    [['sign', URL_A, ...withFile, '--expires', '2040-01-01'], 'EXPIRY_TOO_LATE'],
    [['sign', URL_A, ...withFile, '--expires', '1900000000000'], 'EXPIRY_INVALID'],
    [['sign', URL_A, ...withFile, '--expires', '1d', '--ip', '2001:db8::/48'], 'IP_V6_UNSUPPORTED'],
    [
      ['sign', URL_A, '--key-file', rsaFile, '--key-pair-id', 'not-an-id', '--expires', '1d'],
      'KEY_PAIR_ID_INVALID',
    ],
    [
      [
        'sign',
        URL_A,
        '--key-file',
        join(dir, 'missing.pem'),
        '--key-pair-id',
        'K2JCJMDEHXQW5F',
        '--expires',
        '1d',
      ],
      'KEY_FILE_NOT_FOUND',
    ],
    [
      ['sign', URL_A, '--key-file', rsaPublic, '--key-pair-id', 'K2JCJMDEHXQW5F', '--expires', '1d'],
      'KEY_NOT_PRIVATE',
    ],
  ])('exits 1 with the error code for a refused request: %j', async (argv, code) => {
    const run = await cli([...argv, '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code } })
  })

  describe('--key-file with a passphrase-protected key', () => {
    const encrypted = ['--key-file', encryptedFile, '--key-pair-id', 'K2JCJMDEHXQW5F']
    const withPass = (value: string) => ({ ...env, KF_KEY_PASS: value })

    it('signs with the passphrase from --passphrase-env, the same link as the unencrypted file', async () => {
      const argv = ['sign', URL_A, '--expires', '2030-01-01T00:00Z']
      const run = await runCli([...argv, ...encrypted, '--passphrase-env', 'KF_KEY_PASS'], {
        env: withPass('open sesame'),
      })
      expect(run.code, run.stderr).toBe(0)
      // RSA PKCS#1 v1.5 signatures are deterministic: same key, same policy, same link.
      expect(run.stdout).toBe((await cli([...argv, ...withFile])).stdout)
      const checked = await cli(['inspect', run.stdout.trim(), '--public-key', rsaPublic])
      expect(checked.stdout).toMatch(/\nSignature {3}verified\n/)
    })

    it('exits 1 with KEY_WRONG_PASSPHRASE for a wrong passphrase', async () => {
      const run = await runCli(
        ['sign', URL_A, ...encrypted, '--passphrase-env', 'KF_KEY_PASS', '--expires', '1d', '--json'],
        { env: withPass('wrong one') },
      )
      expect(run.code).toBe(1)
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'KEY_WRONG_PASSPHRASE' } })
    })

    it('exits 1 with KEY_PASSPHRASE_REQUIRED naming --passphrase-env when none is given', async () => {
      const run = await cli(['sign', URL_A, ...encrypted, '--expires', '1d', '--json'])
      expect(run.code).toBe(1)
      expect(JSON.parse(run.stdout)).toMatchObject({
        error: {
          code: 'KEY_PASSPHRASE_REQUIRED',
          message: expect.stringMatching(/--passphrase-env VAR/) as unknown,
        },
      })
    })

    it.each([
      [
        ['sign', URL_A, ...encrypted, '--passphrase-env', 'KF_UNSET_VAR', '--expires', '1d'],
        /The environment variable KF_UNSET_VAR is not set\. Put the passphrase in it first/,
      ],
      [
        ['sign', URL_A, '--key', 'main', '--passphrase-env', 'KF_KEY_PASS', '--expires', '1d'],
        /--passphrase-env goes with --key-file/,
      ],
    ])('exits 2 for a wrong command line: %j', async (argv, message) => {
      const run = await cli(argv)
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(message)
    })
  })

  it('names the line of a bad URL in a stdin batch', async () => {
    const run = await cli(
      ['sign', ...withFile, '--expires', '1d'],
      'https://x.example/a\nhttps://x.example/b?Signature=1\n',
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^keyfront: Line 2: This URL already has a "Signature" parameter/)
  })
})

describe('keyfront inspect', () => {
  it('exits 0 for a link that works now, checked with --public-key', async () => {
    const signed = (await cli(['sign', URL_A, ...withFile, '--expires', '3d'])).stdout.trim()
    const run = await cli(['inspect', signed, '--public-key', rsaPublic])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^SIGNATURE AND DATES VALID\nSignature and dates are valid now: the signature checks out with the given public key/,
    )
    expect(run.stdout).toMatch(/\nSignature {3}verified\n/)
  })

  it('exits 1 for a link that would be refused, and explains why (text and --json)', async () => {
    const signed = (await cli(['sign', URL_A, ...withFile, '--expires', '3d'])).stdout.trim()
    const edited = signed.replace('Q3%20report', 'Q4%20report')
    const text = await cli(['inspect', edited, '--public-key', rsaPublic])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(
      /^CLOUDFRONT WOULD REFUSE IT \(403 AccessDenied\)\nThe signature does not match/,
    )
    const json = await cli(['inspect', edited, '--public-key', rsaPublic, '--json'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ cause: 'signature-mismatch', validNow: false })
  })

  it('exits 1 when the key is not held and no public key is given (the signature cannot be checked)', async () => {
    const signed = (await cli(['sign', URL_A, ...withFile, '--expires', '3d'])).stdout.trim()
    const run = await cli(['inspect', signed, '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ cause: 'unknown-key', signature: 'not-checked' })
  })

  it('exits 2 for --key with --public-key, and 1 for a file that is not a public key', async () => {
    expect(
      (await cli(['inspect', 'https://x.example/a', '--key', 'a', '--public-key', rsaPublic])).code,
    ).toBe(2)
    const bad = await cli([
      'inspect',
      'https://x.example/a?Expires=1',
      '--public-key',
      join(dir, 'missing.pem'),
    ])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/cannot read/)
  })
})
