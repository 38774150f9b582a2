// Keyfront's signed links against independent implementations on this machine: botocore's
// CloudFrontSigner (Python, `cryptography`) and `aws cloudfront sign` (AWS CLI v1) for RSA + SHA-1
// — resource, policy and signature byte-identical over awkward URLs — and OpenSSL's
// `dgst -verify` for ECDSA (randomised, so verified rather than compared) and SHA-256.
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromUrlSafeBase64 } from '../../../src/core/signing/policy.ts'
import type { SignedLink } from '../../../src/shared/contract/links.ts'
import { AWKWARD_URLS, EC_KEY, NOW, RSA_KEY, makeService, pem } from './fixtures.ts'

const run = promisify(execFile)
const EXPIRES = NOW + 7 * 86_400
const STARTS = NOW + 3600
const dir = mkdtempSync(join(tmpdir(), 'keyfront-oracle-'))
const pkcs8Path = join(dir, 'key.pem')
const pkcs1Path = join(dir, 'key-pkcs1.pem')

type BotoCase = { url: string; expires: number } | { url: string; policy: string } | { buildPolicy: object }

function botocore(cases: BotoCase[]): string[] {
  const result = spawnSync('python3', [join(import.meta.dirname, 'oracles', 'botocore_sign.py')], {
    input: JSON.stringify({ key: pkcs8Path, keyPairId: RSA_KEY.keyPairId, cases }),
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as string[]
}

async function awsSign(url: string, extra: string[] = []): Promise<string> {
  const args = ['cloudfront', 'sign', '--url', url, '--key-pair-id', RSA_KEY.keyPairId ?? '']
  args.push('--private-key', `file://${pkcs1Path}`, '--date-less-than', String(EXPIRES), ...extra)
  return (await run('aws', args)).stdout.trim()
}

/** The URL a signer was given, and the parameters it added (order-insensitive). */
function split(signedUrl: string, resource: string) {
  expect(signedUrl.startsWith(resource)).toBe(true)
  const added = signedUrl.slice(resource.length + 1).split('&')
  return {
    base: signedUrl.slice(0, resource.length),
    params: Object.fromEntries(added.map((p) => p.split('=') as [string, string])),
  }
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await work(items[i] as T)
      }
    }),
  )
  return out
}

describe('RSA + SHA-1 links are byte-identical to botocore and the AWS CLI', () => {
  const { links } = makeService()
  let canned: SignedLink[] = []

  beforeAll(async () => {
    writeFileSync(pkcs8Path, pem(RSA_KEY.privateKey))
    writeFileSync(pkcs1Path, RSA_KEY.privateKey.export({ type: 'pkcs1', format: 'pem' }))
    canned = await Promise.all(
      AWKWARD_URLS.map((url) => links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES })),
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('signs every awkward URL as botocore does (canned policy): same resource, policy, Expires, Signature', () => {
    const urls = botocore(canned.map((link) => ({ url: link.resource, expires: EXPIRES })))
    const policies = botocore(
      canned.map((link) => ({ buildPolicy: { resource: link.resource, expires: EXPIRES } })),
    )
    canned.forEach((link, i) => {
      const ours = split(link.signedUrl ?? '', link.resource)
      const theirs = split(urls[i] ?? '', link.resource)
      expect(ours.params).toEqual(theirs.params)
      expect(Object.keys(ours.params)).toEqual(['Expires', 'Key-Pair-Id', 'Signature'])
      expect(link.policy).toBe(policies[i])
    })
  })

  it('signs every awkward URL as `aws cloudfront sign` does', async () => {
    const outputs = await mapLimited(canned, 2, (link) => awsSign(link.resource))
    canned.forEach((link, i) => {
      expect(split(link.signedUrl ?? '', link.resource).params).toEqual(
        split(outputs[i] ?? '', link.resource).params,
      )
    })
  }, 120_000)

  it('signs the URL as the browser will send it: parsing the signed URL changes nothing', () => {
    for (const link of canned) expect(new URL(link.signedUrl ?? '').href).toBe(link.signedUrl)
    expect(canned.map((link) => link.resource)).toContain(
      'https://d111111abcdef8.cloudfront.net/reports/Q3%20report%20final.pdf',
    )
    expect(canned.map((link) => link.resource)).toContain('https://xn--bcher-kva.example/katalog.pdf')
    expect(canned.map((link) => link.resource)).toContain(
      "https://d111111abcdef8.cloudfront.net/dir/file(1)!*'~.txt",
    )
  })

  it('builds the same custom policy bytes as botocore for a start time or an IP range, and the same URL as the AWS CLI', async () => {
    const url = AWKWARD_URLS[7] ?? ''
    const withStart = await links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES, startsAt: STARTS })
    const withIp = await links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES, ipAddress: '203.0.113.0/24' })
    const [startPolicy, ipPolicy] = botocore([
      { buildPolicy: { resource: withStart.resource, expires: EXPIRES, starts: STARTS } },
      { buildPolicy: { resource: withIp.resource, expires: EXPIRES, ip: '203.0.113.0/24' } },
    ])
    expect(withStart.policy).toBe(startPolicy)
    expect(withIp.policy).toBe(ipPolicy)
    const cliStart = await awsSign(withStart.resource, ['--date-greater-than', String(STARTS)])
    const cliIp = await awsSign(withIp.resource, ['--ip-address', '203.0.113.0/24'])
    expect(split(withStart.signedUrl ?? '', withStart.resource).params).toEqual(
      split(cliStart, withStart.resource).params,
    )
    expect(split(withIp.signedUrl ?? '', withIp.resource).params).toEqual(
      split(cliIp, withIp.resource).params,
    )
  }, 60_000)

  it('signs the same custom policy (start + IP + wildcard resource) as botocore, over every awkward URL', async () => {
    const custom = await Promise.all(
      AWKWARD_URLS.map((url) =>
        links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES, startsAt: STARTS, ipAddress: '198.51.100.7' }),
      ),
    )
    const wildcard = await links.sign({
      key: RSA_KEY,
      url: AWKWARD_URLS[1] ?? '',
      resource: 'https://d111111abcdef8.cloudfront.net/reports/*',
      expiresAt: EXPIRES,
    })
    const all = [...custom, wildcard]
    const theirs = botocore(all.map((link) => ({ url: signedBase(link), policy: link.policy })))
    all.forEach((link, i) => {
      const base = signedBase(link)
      expect(split(link.signedUrl ?? '', base).params).toEqual(split(theirs[i] ?? '', base).params)
    })
    expect(JSON.parse(custom[0]?.policy ?? '')).toEqual({
      Statement: [
        {
          Resource: 'https://d111111abcdef8.cloudfront.net/plain.txt',
          Condition: {
            DateLessThan: { 'AWS:EpochTime': EXPIRES },
            DateGreaterThan: { 'AWS:EpochTime': STARTS },
            IpAddress: { 'AWS:SourceIp': '198.51.100.7/32' },
          },
        },
      ],
    })
  })
})

/** The signed URL up to the parameters Keyfront added. */
function signedBase(link: SignedLink): string {
  const url = link.signedUrl ?? ''
  return url.slice(0, url.lastIndexOf('Policy=') - 1)
}

describe('ECDSA and SHA-256 signatures verify with OpenSSL', () => {
  const { links } = makeService()
  const work = mkdtempSync(join(tmpdir(), 'keyfront-openssl-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  async function opensslVerifies(
    link: SignedLink,
    publicPem: string,
    digest: 'sha1' | 'sha256',
  ): Promise<string> {
    const signature = new URL(link.signedUrl ?? '').searchParams.get('Signature') ?? ''
    const files = { pub: join(work, 'pub.pem'), sig: join(work, 'sig.der'), data: join(work, 'policy.json') }
    writeFileSync(files.pub, publicPem)
    writeFileSync(files.sig, fromUrlSafeBase64(signature) ?? Buffer.alloc(0))
    writeFileSync(files.data, link.policy)
    const { stdout } = await run('openssl', [
      'dgst',
      `-${digest}`,
      '-verify',
      files.pub,
      '-signature',
      files.sig,
      files.data,
    ])
    return stdout.trim()
  }

  it('ECDSA P-256 + SHA-1: every awkward URL verifies with the public key (DER signature)', async () => {
    for (const url of AWKWARD_URLS) {
      const link = await links.sign({ key: EC_KEY, url, expiresAt: EXPIRES })
      expect(link.algorithm).toBe('ecdsa-sha1')
      await expect(opensslVerifies(link, pem(EC_KEY.publicKey, 'public'), 'sha1')).resolves.toBe(
        'Verified OK',
      )
    }
  })

  it('ECDSA + SHA-256 with a custom policy verifies, and the URL says Hash-Algorithm=SHA256', async () => {
    const link = await links.sign({
      key: EC_KEY,
      url: AWKWARD_URLS[4] ?? '',
      expiresAt: EXPIRES,
      startsAt: STARTS,
      hash: 'sha256',
    })
    expect(link.signedUrl?.endsWith('&Hash-Algorithm=SHA256')).toBe(true)
    await expect(opensslVerifies(link, pem(EC_KEY.publicKey, 'public'), 'sha256')).resolves.toBe(
      'Verified OK',
    )
  })

  it('RSA + SHA-256 verifies, and a SHA-1 check of the same signature fails', async () => {
    const link = await links.sign({
      key: RSA_KEY,
      url: AWKWARD_URLS[5] ?? '',
      expiresAt: EXPIRES,
      hash: 'sha256',
    })
    expect(link.algorithm).toBe('rsa-sha256')
    await expect(opensslVerifies(link, pem(RSA_KEY.publicKey, 'public'), 'sha256')).resolves.toBe(
      'Verified OK',
    )
    await expect(opensslVerifies(link, pem(RSA_KEY.publicKey, 'public'), 'sha1')).rejects.toThrow()
  })
})
