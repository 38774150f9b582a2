// Keyfront's signed links against independent implementations on this machine: botocore's
// CloudFrontSigner (Python, `cryptography`) and `aws cloudfront sign` (AWS CLI v1) for RSA + SHA-1
// — resource, policy and signature byte-identical over awkward URLs, for canned policies and for
// custom policies of one condition; JSON-equal (another key order) when a start and an IP range
// are combined — and OpenSSL's `dgst -verify` for ECDSA (randomised, so verified rather than
// compared) and SHA-256. The forms added since (wildcard resources, policies given as is, legacy
// key pairs) are in oracle-forms.test.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignedLink } from '../../../../src/shared/contract/links.ts'
import { AWKWARD_URLS, EC_KEY, NOW, RSA_KEY, makeService, pem } from './fixtures.ts'
import {
  awsSign as cliSign,
  botocore as boto,
  keyFiles,
  mapLimited,
  opensslVerifies,
  split,
} from './oracles/oracles.ts'

const EXPIRES = NOW + 7 * 86_400
const STARTS = NOW + 3600
const dir = mkdtempSync(join(tmpdir(), 'keyfront-oracle-'))
const key = keyFiles(dir, 'key', RSA_KEY.privateKey, RSA_KEY.keyPairId ?? '')
const botocore = (cases: Parameters<typeof boto>[1]) => boto(key, cases)
const awsSign = (url: string, extra: string[] = []) => cliSign(key, url, EXPIRES, extra)
/** The corpus without its URL holding `*`, which is signed as the pattern it is (oracle-forms). */
const CANNED_URLS = AWKWARD_URLS.filter((url) => !url.includes('*'))

describe('RSA + SHA-1 links are byte-identical to botocore and the AWS CLI', () => {
  const { links } = makeService()
  let canned: SignedLink[] = []

  beforeAll(async () => {
    canned = await Promise.all(
      CANNED_URLS.map((url) => links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES })),
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

  it('with a start and an IP range together, botocore orders the conditions otherwise: the policies are JSON-equal, not byte-equal', async () => {
    const url = AWKWARD_URLS[7] ?? ''
    const both = await links.sign({
      key: RSA_KEY,
      url,
      expiresAt: EXPIRES,
      startsAt: STARTS,
      ipAddress: '203.0.113.0/24',
    })
    const [theirs] = botocore([
      { buildPolicy: { resource: both.resource, expires: EXPIRES, starts: STARTS, ip: '203.0.113.0/24' } },
    ])
    expect(JSON.parse(both.policy)).toEqual(JSON.parse(theirs ?? ''))
    expect(both.policy).not.toBe(theirs)
    expect(Object.keys(conditionOf(both.policy))).toEqual(['DateLessThan', 'DateGreaterThan', 'IpAddress'])
    expect(Object.keys(conditionOf(theirs ?? ''))).toEqual(['DateLessThan', 'IpAddress', 'DateGreaterThan'])
  })

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

  /** OpenSSL's verdict on a signed URL's Signature over the policy Keyfront recorded for it. */
  const verifies = (link: SignedLink, publicPem: string, digest: 'sha1' | 'sha256') =>
    opensslVerifies(
      work,
      new URL(link.signedUrl ?? '').searchParams.get('Signature') ?? '',
      link.policy,
      publicPem,
      digest,
    )

  it('ECDSA P-256 + SHA-1: every awkward URL verifies with the public key (DER signature)', async () => {
    for (const url of AWKWARD_URLS) {
      const link = await links.sign({ key: EC_KEY, url, expiresAt: EXPIRES })
      expect(link.algorithm).toBe('ecdsa-sha1')
      await expect(verifies(link, pem(EC_KEY.publicKey, 'public'), 'sha1')).resolves.toBe('Verified OK')
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
    await expect(verifies(link, pem(EC_KEY.publicKey, 'public'), 'sha256')).resolves.toBe('Verified OK')
  })

  it('RSA + SHA-256 verifies, and a SHA-1 check of the same signature fails', async () => {
    const link = await links.sign({
      key: RSA_KEY,
      url: AWKWARD_URLS[5] ?? '',
      expiresAt: EXPIRES,
      hash: 'sha256',
    })
    expect(link.algorithm).toBe('rsa-sha256')
    await expect(verifies(link, pem(RSA_KEY.publicKey, 'public'), 'sha256')).resolves.toBe('Verified OK')
    await expect(verifies(link, pem(RSA_KEY.publicKey, 'public'), 'sha1')).rejects.toThrow()
  })
})

/** The Condition of a policy's one statement, keys in the order they were written. */
function conditionOf(policy: string): object {
  return (JSON.parse(policy) as { Statement: { Condition: object }[] }).Statement[0]?.Condition ?? {}
}
