// The signing forms Keyfront shares with other CloudFront signers, checked against the same
// independent implementations as oracle.test.ts: every documented resource form (`*`, host
// patterns, path wildcards, a URL that holds `*` itself), a custom policy given as is, cookies
// for each, and legacy key pairs (APKA… ids, RSA 1024/2048/4096) — byte-identical to botocore and
// `aws cloudfront sign` with RSA + SHA-1; ECDSA verified with `openssl dgst -verify`.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadKeyFile } from '../../../../src/core/signing/key-file.ts'
import type { SignedLink } from '../../../../src/shared/contract/links.ts'
import { EC_KEY, NOW, RSA_KEY, makeService, pem } from './fixtures.ts'
import {
  awsSign,
  botocore,
  keyFiles,
  mapLimited,
  opensslVerifies,
  split,
  type OracleKey,
} from './oracles/oracles.ts'

const EXPIRES = NOW + 7 * 86_400
const STARTS = NOW + 3600
const IP = '203.0.113.0/24'
const HOST = 'https://d111111abcdef8.cloudfront.net'
const dir = mkdtempSync(join(tmpdir(), 'keyfront-oracle-forms-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const rsa = keyFiles(dir, 'rsa', RSA_KEY.privateKey, RSA_KEY.keyPairId ?? '')
const { links } = makeService()

/** The signed URL up to the parameters the signer added (`?` or `&` after it). */
function baseOf(signedUrl: string): string {
  return signedUrl.slice(0, signedUrl.search(/[?&](?:Policy|Expires)=/))
}

/** A cookie set's values under the names URL parameters have, to compare with a signed URL's. */
function cookieParams(link: SignedLink): Record<string, string> {
  return Object.fromEntries(
    (link.cookies ?? []).map((cookie) => [cookie.name.replace(/^CloudFront-/, ''), cookie.value]),
  )
}

/** [URL the link is for, resource pattern]: each form CloudFront documents for a custom policy. */
const FORMS: [string, string][] = [
  [`${HOST}/reports/q3.pdf`, '*'],
  ['https://cdn.example.com/media/a.mp4', '*example.com/*'],
  ['https://cdn.example.com/media/a.mp4', 'https://*.example.com/*'],
  [`${HOST}/videos/intro.mp4`, '*://d111111abcdef8.cloudfront.net/*'],
  [`${HOST}/2026/report-7.pdf`, `${HOST}/*/report-?.pdf`],
  [`${HOST}/reports/Q3%20report.pdf?lang=en`, `${HOST}/reports/*`],
]

describe('every resource form, RSA + SHA-1, against botocore and the AWS CLI', () => {
  it.each(FORMS)(
    'for %s, resource %s: policy bytes as botocore builds them, the same Policy, Signature and Key-Pair-Id',
    async (url, resource) => {
      const link = await links.sign({ key: RSA_KEY, url, resource, expiresAt: EXPIRES })
      expect(link).toMatchObject({ canned: false, resource })
      const [policy] = botocore(rsa, [{ buildPolicy: { resource, expires: EXPIRES } }])
      expect(link.policy).toBe(policy)
      const base = baseOf(link.signedUrl ?? '')
      const [theirs] = botocore(rsa, [{ url: base, policy: link.policy }])
      expect(split(link.signedUrl ?? '', base).params).toEqual(split(theirs ?? '', base).params)
    },
  )

  it('the AWS CLI, given each pattern as its URL and an IP range, signs the very same policy and signature', async () => {
    const ours = await Promise.all(
      FORMS.map(([url, resource]) =>
        links.sign({ key: RSA_KEY, url, resource, expiresAt: EXPIRES, ipAddress: IP }),
      ),
    )
    const cli = await mapLimited(FORMS, 2, ([, resource]) =>
      awsSign(rsa, resource, EXPIRES, ['--ip-address', IP]),
    )
    ours.forEach((link, i) => {
      const resource = FORMS[i]?.[1] ?? ''
      expect(split(link.signedUrl ?? '', baseOf(link.signedUrl ?? '')).params).toEqual(
        split(cli[i] ?? '', resource).params,
      )
    })
  }, 120_000)

  it.each(FORMS)(
    'cookies for %s, resource %s: the values botocore signs for that policy',
    async (url, resource) => {
      const link = await links.sign({ key: RSA_KEY, url, resource, expiresAt: EXPIRES, cookies: true })
      const [theirs] = botocore(rsa, [{ url, policy: link.policy }])
      expect(cookieParams(link)).toEqual(split(theirs ?? '', url).params)
    },
  )
})

describe('a URL that holds * is signed for the pattern it is (custom policy), never canned', () => {
  const starUrls = [`${HOST}/videos/*`, 'https://*.example.com/media/*.mp4', `${HOST}/dir/file(1)!*'~.txt`]

  it.each(starUrls)('%s: the policy botocore builds for it, signed alike', async (url) => {
    const link = await links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES })
    expect(link.canned).toBe(false)
    expect(link.signedUrl).toMatch(/[?&]Policy=/)
    expect(link.resource).toBe(url)
    expect(link.warnings.join(' ')).toContain('The * in the URL is a wildcard')
    const [policy, signed] = botocore(rsa, [
      { buildPolicy: { resource: url, expires: EXPIRES } },
      { url, policy: link.policy },
    ])
    expect(link.policy).toBe(policy)
    expect(split(link.signedUrl ?? '', url).params).toEqual(split(signed ?? '', url).params)
  })

  it('the AWS CLI signs the same URL with a start time or an IP range (its custom policy) identically', async () => {
    const url = starUrls[0] ?? ''
    const withIp = await links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES, ipAddress: IP })
    const withStart = await links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES, startsAt: STARTS })
    const [cliIp, cliStart] = await Promise.all([
      awsSign(rsa, url, EXPIRES, ['--ip-address', IP]),
      awsSign(rsa, url, EXPIRES, ['--date-greater-than', String(STARTS)]),
    ])
    expect(split(withIp.signedUrl ?? '', url).params).toEqual(split(cliIp, url).params)
    expect(split(withStart.signedUrl ?? '', url).params).toEqual(split(cliStart, url).params)
  }, 60_000)

  it('as cookies: the values the AWS CLI signs for it', async () => {
    const url = starUrls[0] ?? ''
    const link = await links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES, ipAddress: IP, cookies: true })
    expect(cookieParams(link)).toEqual(
      split(await awsSign(rsa, url, EXPIRES, ['--ip-address', IP]), url).params,
    )
    expect(link.cookies?.[0]?.setCookie).toMatch(/; Path=\/videos\/; Secure; HttpOnly; Expires=/)
  }, 60_000)

  it('each URL of a batch that holds * is signed so too', async () => {
    const url = starUrls[0] ?? ''
    const batch = await links.signBatch({
      key: RSA_KEY,
      urls: [url, `${HOST}/plain.txt`],
      expiresAt: EXPIRES,
    })
    const single = await links.sign({ key: RSA_KEY, url, expiresAt: EXPIRES })
    const [signed] = botocore(rsa, [{ url, policy: single.policy }])
    expect(batch.signedUrls[0]).toBe(single.signedUrl)
    expect(split(batch.signedUrls[0] ?? '', url).params).toEqual(split(signed ?? '', url).params)
    expect(batch.signedUrls[1]).toMatch(/\?Expires=/)
  })
})

describe('a custom policy given as is', () => {
  const url = `${HOST}/reports/q3.pdf`

  it('botocore’s own policy (start and IP in its order) is signed byte for byte as botocore signs it', async () => {
    const [policy] = botocore(rsa, [
      { buildPolicy: { resource: `${HOST}/reports/*`, expires: EXPIRES, starts: STARTS, ip: IP } },
    ])
    const link = await links.signPolicy({ key: RSA_KEY, url, policy: policy ?? '' })
    expect(link.policy).toBe(policy)
    expect(link).toMatchObject({ canned: false, startsAt: STARTS, expiresAt: EXPIRES, ipAddress: IP })
    const [theirs] = botocore(rsa, [{ url, policy: policy ?? '' }])
    expect(split(link.signedUrl ?? '', url).params).toEqual(split(theirs ?? '', url).params)
    const cookies = await links.signPolicy({ key: RSA_KEY, url, policy: policy ?? '', cookies: true })
    expect(cookieParams(cookies)).toEqual(split(theirs ?? '', url).params)
  })

  it('a policy written over several lines is signed without its whitespace, keys in the order given', async () => {
    const pretty = JSON.stringify(
      {
        Statement: [
          {
            Resource: '*',
            Condition: { IpAddress: { 'AWS:SourceIp': IP }, DateLessThan: { 'AWS:EpochTime': EXPIRES } },
          },
        ],
      },
      null,
      2,
    )
    const link = await links.signPolicy({ key: RSA_KEY, url, policy: pretty })
    expect(link.policy).toBe(JSON.stringify(JSON.parse(pretty)))
    const [theirs] = botocore(rsa, [{ url, policy: link.policy }])
    expect(split(link.signedUrl ?? '', url).params).toEqual(split(theirs ?? '', url).params)
    // The AWS CLI builds {Resource, Condition: {DateLessThan, IpAddress}}: the same policy, once reordered.
    const reordered = await links.signPolicy({
      key: RSA_KEY,
      url,
      policy: `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}},"IpAddress":{"AWS:SourceIp":"${IP}"}}}]}`,
    })
    expect(split(reordered.signedUrl ?? '', url).params).toEqual(
      split(await awsSign(rsa, '*', EXPIRES, ['--ip-address', IP]), '*').params,
    )
  }, 60_000)
})

describe('legacy key pairs (APKA… ids): RSA 1024, 2048 and 4096, read from files as `--key-file` does', () => {
  const legacy = ([1024, 2048, 4096] as const).map((bits, i) => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits })
    const keyPairId = `APKAEIBAERJR2EXAMPL${i}`
    return { bits, files: keyFiles(dir, `legacy-${bits}`, privateKey, keyPairId) }
  })

  it.each(legacy)(
    'RSA $bits: canned and custom links and cookies, as botocore and the AWS CLI sign them',
    async ({ files }) => {
      const key = await loadKeyFile(files.pkcs8Path, files.keyPairId)
      const url = `${HOST}/old/report.pdf`
      const canned = await links.sign({ key, url, expiresAt: EXPIRES })
      const custom = await links.sign({ key, url, expiresAt: EXPIRES, ipAddress: IP })
      const cookies = await links.sign({
        key,
        url,
        resource: `${HOST}/old/*`,
        expiresAt: EXPIRES,
        cookies: true,
      })
      expect(canned.warnings.join(' ')).toMatch(/Legacy key pair/)
      const [botoCanned, botoCookies] = botocore(files, [
        { url, expires: EXPIRES },
        { url, policy: cookies.policy },
      ])
      expect(split(canned.signedUrl ?? '', url).params).toEqual(split(botoCanned ?? '', url).params)
      expect(cookieParams(cookies)).toEqual(split(botoCookies ?? '', url).params)
      const [cliCanned, cliCustom] = await Promise.all([
        awsSign(files, url, EXPIRES),
        awsSign(files, url, EXPIRES, ['--ip-address', IP]),
      ])
      expect(split(canned.signedUrl ?? '', url).params).toEqual(split(cliCanned, url).params)
      expect(split(custom.signedUrl ?? '', url).params).toEqual(split(cliCustom, url).params)
    },
    60_000,
  )

  it('an APKA… id with an ECDSA key, and a K… id with an RSA 4096 key, are refused', async () => {
    const ecFile = join(dir, 'ec.pem')
    writeFileSync(ecFile, pem(EC_KEY.privateKey))
    await expect(loadKeyFile(ecFile, 'APKAEIBAERJR2EXAMPLE')).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_KIND_MISMATCH',
    })
    const big = legacy[2]?.files as OracleKey
    await expect(loadKeyFile(big.pkcs8Path, 'K2JCJMDEHXQW5F')).rejects.toMatchObject({
      code: 'KEY_PAIR_ID_KIND_MISMATCH',
      message: expect.stringMatching(/RSA 4096, so it can only be a legacy key pair/) as unknown,
    })
  })
})

describe('ECDSA P-256 signatures of the new forms verify with OpenSSL', () => {
  const publicPem = pem(EC_KEY.publicKey, 'public')
  const verified = (signature: string, policy: string) =>
    opensslVerifies(dir, signature, policy, publicPem, 'sha1')

  it('resource *, a host pattern and a URL holding *, as links and as cookies', async () => {
    const signed = await Promise.all([
      links.sign({ key: EC_KEY, url: `${HOST}/a.pdf`, resource: '*', expiresAt: EXPIRES }),
      links.sign({
        key: EC_KEY,
        url: 'https://cdn.example.com/a.pdf',
        resource: '*example.com/*',
        expiresAt: EXPIRES,
      }),
      links.sign({ key: EC_KEY, url: `${HOST}/videos/*`, expiresAt: EXPIRES }),
    ])
    for (const link of signed) {
      const signature = new URLSearchParams((link.signedUrl ?? '').split('?').pop()).get('Signature') ?? ''
      await expect(verified(signature, link.policy)).resolves.toBe('Verified OK')
    }
    const cookies = await links.sign({
      key: EC_KEY,
      url: `${HOST}/videos/*`,
      expiresAt: EXPIRES,
      cookies: true,
    })
    await expect(verified(cookieParams(cookies).Signature ?? '', cookies.policy)).resolves.toBe('Verified OK')
  })

  it('a policy given as is, as a link and as cookies', async () => {
    const policy = `{"Statement":[{"Resource":"${HOST}/*","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}},"DateGreaterThan":{"AWS:EpochTime":${STARTS}}}}]}`
    const link = await links.signPolicy({ key: EC_KEY, url: `${HOST}/x.pdf`, policy })
    const cookies = await links.signPolicy({ key: EC_KEY, url: `${HOST}/x.pdf`, policy, cookies: true })
    await expect(
      verified(new URL(link.signedUrl ?? '').searchParams.get('Signature') ?? '', policy),
    ).resolves.toBe('Verified OK')
    await expect(verified(cookieParams(cookies).Signature ?? '', policy)).resolves.toBe('Verified OK')
  })
})
