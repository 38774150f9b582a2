// `keyfront sign` with what other CloudFront signers can do, run in-process over the real core
// with keys from PEM files (no keychain needed): a policy given as is (--policy FILE|-), cookies
// for a site's own domain (--cookie-domain) with their Expires, every resource form (--resource,
// or a URL holding *) with the broad ones warned about, and legacy key pairs (APKA… ids, RSA 4096)
// signed and inspected — exit codes 0, 1 and 2 as documented.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../../src/core/history/history-store.ts'
import { fromUrlSafeBase64 } from '../../../../src/core/signing/policy.ts'
import { runCli } from '../../../harness/cli.ts'
import { RSA_KEY, pem } from '../../core/signing/fixtures.ts'

const dir = mkdtempSync(join(tmpdir(), 'keyfront-cli-sign-forms-'))
const dataDir = join(dir, 'data')
const env = {
  KEYFRONT_DATA_DIR: dataDir,
  KEYFRONT_KEYCHAIN_SERVICE: `Keyfront-cli-${randomBytes(4).toString('hex')}`,
}
const rsaFile = join(dir, 'rsa.pem')
writeFileSync(rsaFile, pem(RSA_KEY.privateKey))
const legacy = generateKeyPairSync('rsa', { modulusLength: 4096 })
const legacyFile = join(dir, 'legacy-4096.pem')
const legacyPublic = join(dir, 'legacy-4096.pub.pem')
writeFileSync(legacyFile, pem(legacy.privateKey))
writeFileSync(legacyPublic, pem(legacy.publicKey, 'public'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HOST = 'https://d111111abcdef8.cloudfront.net'
const withFile = ['--key-file', rsaFile, '--key-pair-id', 'K2JCJMDEHXQW5F']
const cli = (argv: string[], stdin?: string) => runCli(argv, { env, ...(stdin !== undefined && { stdin }) })
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

function policyFile(name: string, policy: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2))
  return path
}

const policyFor = (resource: string, expires: number, extra: Record<string, unknown> = {}) => ({
  Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expires }, ...extra } }],
})

describe('keyfront sign --policy', () => {
  it('signs the policy in the file (without its whitespace) for the URL, and records it in the history', async () => {
    const expires = inAnHour()
    const file = policyFile('reports.json', policyFor(`${HOST}/reports/*`, expires))
    const run = await cli([
      'sign',
      `${HOST}/reports/q3.pdf`,
      ...withFile,
      '--policy',
      file,
      '--label',
      'team',
    ])
    expect(run.code, run.stderr).toBe(0)
    const signed = new URL(run.stdout.trim())
    expect(fromUrlSafeBase64(signed.searchParams.get('Policy') ?? '')?.toString()).toBe(
      JSON.stringify(policyFor(`${HOST}/reports/*`, expires)),
    )
    const store = new HistoryStore({ dataDir, clock: { now: () => Date.now() } })
    expect(store.list({ limit: 5 }).entries[0]).toMatchObject({
      url: `${HOST}/reports/q3.pdf`,
      resource: `${HOST}/reports/*`,
      canned: false,
      expiresAt: expires,
      label: 'team',
    })
    store.close()
  })

  it('reads the policy from standard input with --policy -', async () => {
    const policy = JSON.stringify(policyFor('*', inAnHour()))
    const run = await cli(['sign', `${HOST}/a.pdf`, ...withFile, '--policy', '-', '--json'], policy)
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ policy, resource: '*', canned: false })
    expect(run.stderr).toMatch(/It opens every file of every site that trusts this key\./)
  })

  it('makes cookies from it for a site in front of the distribution, with Domain and Expires', async () => {
    const expires = inAnHour()
    const file = policyFile('cdn.json', policyFor('https://cdn.example.com/videos/*', expires))
    const run = await cli([
      'sign',
      'https://cdn.example.com/videos/a.mp4',
      ...withFile,
      '--policy',
      file,
      '--cookies',
      '--cookie-domain',
      'example.com',
    ])
    expect(run.code, run.stderr).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines).toHaveLength(3)
    const expiresText = new Date(expires * 1000).toUTCString()
    for (const line of lines) {
      expect(line).toMatch(
        new RegExp(
          `^Set-Cookie: CloudFront-[\\w-]+=[\\w~-]+; Domain=example\\.com; Path=/videos/; Secure; HttpOnly; Expires=${expiresText}$`,
        ),
      )
    }
  })

  it.each([
    [{ Statement: [] }, 'POLICY_STATEMENT_COUNT'],
    [policyFor(`${HOST}/*`, inAnHour() * 1000), 'POLICY_TIME_IN_MILLISECONDS'],
    [policyFor(`${HOST}/*`, inAnHour(), { DateBefore: 1 }), 'POLICY_UNKNOWN_KEY'],
    [policyFor(`${HOST}/videos/*`, inAnHour()), 'RESOURCE_PATTERN_INVALID'],
    ['not json', 'POLICY_NOT_JSON'],
  ])('exits 1 with the code for a policy CloudFront would not take: %j', async (policy, code) => {
    const file = policyFile('bad.json', policy)
    const run = await cli(['sign', `${HOST}/reports/q3.pdf`, ...withFile, '--policy', file, '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code } })
  })

  it('exits 1 with POLICY_FILE_UNREADABLE for a file that cannot be read', async () => {
    const run = await cli([
      'sign',
      `${HOST}/a.pdf`,
      ...withFile,
      '--policy',
      join(dir, 'none.json'),
      '--json',
    ])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'POLICY_FILE_UNREADABLE' } })
  })

  it.each([
    [['--policy', 'p.json', '--expires', '1d'], /The policy says what --expires would: leave it out/],
    [
      ['--policy', 'p.json', '--ip', '203.0.113.7', '--resource', '*'],
      /what --ip and --resource would: leave them out/,
    ],
    [['--policy', '-'], /--policy - reads the policy from standard input: pipe it in/],
    [
      ['--expires', '1d', '--cookie-domain', 'example.com'],
      /--cookie-domain is an attribute of signed cookies: add --cookies/,
    ],
  ])('exits 2 for options that do not go together: %j', async (options, message) => {
    const run = await cli(['sign', `${HOST}/a.pdf`, ...withFile, ...options])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it('exits 2 for --policy without the URL it is for', async () => {
    const run = await cli(['sign', ...withFile, '--policy', 'p.json'], `${HOST}/a.pdf\n`)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--policy signs one link: give the URL it is for/)
  })
})

describe('keyfront sign --resource, every form CloudFront reads', () => {
  const policyOf = (signedUrl: string) =>
    JSON.parse(fromUrlSafeBase64(new URL(signedUrl).searchParams.get('Policy') ?? '')?.toString() ?? '') as {
      Statement: { Resource: string }[]
    }

  it.each([
    ['*', `${HOST}/a.pdf`, 'It opens every file of every site that trusts this key.'],
    [
      '*example.com/*',
      'https://cdn.example.com/a.pdf',
      'It opens files on every site whose address matches *example.com/*.',
    ],
  ])(
    '--resource %s: a custom policy for that pattern, and one line on stderr saying how far it reaches',
    async (resource, url, warning) => {
      const run = await cli(['sign', url, ...withFile, '--expires', '1h', '--resource', resource])
      expect(run.code, run.stderr).toBe(0)
      expect(policyOf(run.stdout.trim()).Statement[0]?.Resource).toBe(resource)
      expect(run.stderr.split('\n')).toContain(warning)
    },
  )

  it('a URL that holds * and no --resource is signed for that pattern, never as a canned policy', async () => {
    const run = await cli(['sign', `${HOST}/videos/*`, ...withFile, '--expires', '1h'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).not.toMatch(/[?&]Expires=/)
    expect(policyOf(run.stdout.trim()).Statement[0]?.Resource).toBe(`${HOST}/videos/*`)
    expect(run.stderr).toMatch(/The \* in the URL is a wildcard: this opens every file whose address matches/)
  })

  it('a pattern that is none of the forms exits 1, naming the forms', async () => {
    const run = await cli([
      'sign',
      `${HOST}/a.pdf`,
      ...withFile,
      '--expires',
      '1h',
      '--resource',
      'd111111abcdef8.cloudfront.net/*',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/A resource is \* \(every file\), a pattern that starts with https:\/\//)
  })

  it('a cookie domain the files are not under exits 1 with COOKIE_DOMAIN_INVALID, before signing', async () => {
    const run = await cli([
      'sign',
      'https://cdn.example.com/a.pdf',
      ...withFile,
      '--expires',
      '1h',
      '--cookies',
      '--cookie-domain',
      'example.org',
      '--json',
    ])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: {
        code: 'COOKIE_DOMAIN_INVALID',
        message: expect.stringMatching(
          /^Cookies for example\.org are never sent to cdn\.example\.com/,
        ) as unknown,
      },
    })
  })
})

describe('keyfront sign and inspect with a legacy key pair', () => {
  const legacyId = 'APKAEIBAERJR2EXAMPLE'

  it('signs with an RSA 4096 key and its APKA… id, says it is legacy, and the inspector says so too', async () => {
    const run = await cli([
      'sign',
      `${HOST}/old.pdf`,
      '--key-file',
      legacyFile,
      '--key-pair-id',
      legacyId,
      '--expires',
      '1h',
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/Legacy key pair \(trusted signer\): CloudFront key groups replace these/)
    const inspected = await cli(['inspect', run.stdout.trim(), '--public-key', legacyPublic])
    expect(inspected.code).toBe(0)
    expect(inspected.stdout).toMatch(/\nKey-Pair-Id +APKAEIBAERJR2EXAMPLE \(legacy key pair\)\n/)
    expect(inspected.stdout).toMatch(/\nSignature {3}verified\n/)
    expect(inspected.stdout).toMatch(/Note: APKAEIBAERJR2EXAMPLE is a legacy CloudFront key pair/)
  })

  it('refuses the RSA 4096 key with a key group’s K… id', async () => {
    const run = await cli([
      'sign',
      `${HOST}/old.pdf`,
      '--key-file',
      legacyFile,
      '--key-pair-id',
      'K2JCJMDEHXQW5F',
      '--expires',
      '1h',
      '--json',
    ])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'KEY_PAIR_ID_KIND_MISMATCH' } })
  })

  it('names an unknown legacy Key-Pair-Id as such in the verdict', async () => {
    const run = await cli([
      'sign',
      `${HOST}/old.pdf`,
      '--key-file',
      legacyFile,
      '--key-pair-id',
      legacyId,
      '--expires',
      '1h',
    ])
    const inspected = await cli(['inspect', run.stdout.trim()])
    expect(inspected.code).toBe(1)
    expect(inspected.stdout).toMatch(
      /APKAEIBAERJR2EXAMPLE, a legacy key pair, so it cannot check the signature/,
    )
  })
})
