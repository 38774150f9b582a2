// The batch hot path must produce exactly what @aws-sdk/cloudfront-signer produces: the same URL
// encoding, policy, parameters and (RSA, deterministic) signature. These tests hold it to that,
// over the awkward corpus, every condition shape, and a seeded fuzz of URL characters.
import { getSignedUrl } from '@aws-sdk/cloudfront-signer'
import { verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createUrlSigner } from '../../../src/core/signing/fast-signer.ts'
import {
  cannedPolicy,
  customPolicy,
  fromUrlSafeBase64,
  type LinkConditions,
} from '../../../src/core/signing/policy.ts'
import { encodeResourceUrl, prepareUrl } from '../../../src/core/signing/url.ts'
import { AWKWARD_URLS, EC_KEY, NOW, RSA_KEY, makeService } from './fixtures.ts'

const EXPIRES = NOW + 86_400
const SHAPES: { name: string; conditions: LinkConditions }[] = [
  { name: 'canned, SHA-1', conditions: { expiresAt: EXPIRES, hash: 'sha1' } },
  { name: 'canned, SHA-256', conditions: { expiresAt: EXPIRES, hash: 'sha256' } },
  { name: 'custom with start', conditions: { expiresAt: EXPIRES, startsAt: NOW + 60, hash: 'sha1' } },
  { name: 'custom with IP', conditions: { expiresAt: EXPIRES, ipAddress: '192.0.2.0/24', hash: 'sha256' } },
  {
    name: 'custom with start and IP',
    conditions: { expiresAt: EXPIRES, startsAt: NOW + 60, ipAddress: '192.0.2.9/32', hash: 'sha1' },
  },
]

describe('the batch hot path is byte-identical to the SDK (RSA)', () => {
  for (const shape of SHAPES) {
    it(`${shape.name}: every awkward URL`, async () => {
      const { links } = makeService()
      const fast = createUrlSigner({
        privateKey: RSA_KEY.privateKey,
        keyPairId: RSA_KEY.keyPairId ?? '',
        conditions: shape.conditions,
      })
      for (const url of AWKWARD_URLS) {
        const viaSdk = await links.sign({ key: RSA_KEY, url, ...shape.conditions })
        expect(fast(url)).toBe(viaSdk.signedUrl)
      }
    })
  }

  it('matches the SDK given the raw URL too, wherever the URL needs no host or dot-segment normalising', () => {
    const fast = createUrlSigner({
      privateKey: RSA_KEY.privateKey,
      keyPairId: RSA_KEY.keyPairId ?? '',
      conditions: SHAPES[0]!.conditions,
    })
    const raw = AWKWARD_URLS.filter((url) => !/D111|\/\.\/|bücher|:8080/.test(url))
    expect(raw.length).toBeGreaterThan(10)
    for (const url of raw) {
      const sdk = getSignedUrl({
        url,
        keyPairId: RSA_KEY.keyPairId ?? '',
        privateKey: RSA_KEY.privateKey as unknown as string,
        dateLessThan: new Date(EXPIRES * 1000),
      })
      expect(fast(url)).toBe(sdk)
    }
  })
})

describe('encodeResourceUrl reproduces the SDK encoding', () => {
  /** A small deterministic PRNG, so a failure names a reproducible case. */
  function prng(seed: number) {
    return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  }

  it('agrees with the SDK on 400 random paths and queries of tricky characters, and is idempotent', () => {
    const random = prng(42)
    const alphabet = [
      ...'aZ09-_.~!*\'()/ %+=&;,@:$?#[]"<>^`{|}\\é日😀',
      '%2f',
      '%E2%82%AC',
      '%zz',
      '%',
      '&&',
      '==',
    ]
    const pick = () => alphabet[Math.floor(random() * alphabet.length)] ?? ''
    for (let n = 0; n < 400; n++) {
      const length = 1 + Math.floor(random() * 24)
      const tail = Array.from({ length }, pick).join('').replace(/#/g, '')
      const url = `https://d111111abcdef8.cloudfront.net/${tail}`
      const sdk = getSignedUrl({
        url,
        keyPairId: 'K2JCJMDEHXQW5F',
        privateKey: EC_KEY.privateKey as unknown as string,
        dateLessThan: new Date(EXPIRES * 1000),
      })
      const encoded = encodeResourceUrl(url)
      expect(sdk.slice(0, sdk.lastIndexOf('Expires=') - 1), url).toBe(encoded)
      expect(encodeResourceUrl(encoded)).toBe(encoded)
    }
  })
})

describe('the hot path with ECDSA', () => {
  it('signs the same policy the SDK would, with a DER signature that verifies (SHA-1 and SHA-256)', () => {
    for (const shape of SHAPES) {
      const fast = createUrlSigner({
        privateKey: EC_KEY.privateKey,
        keyPairId: EC_KEY.keyPairId ?? '',
        conditions: shape.conditions,
      })
      for (const url of AWKWARD_URLS) {
        const signed = fast(url)
        const resource = prepareUrl(url).resource
        const params = new URLSearchParams(signed.slice(resource.length + 1))
        const canned = shape.conditions.startsAt === undefined && shape.conditions.ipAddress === undefined
        const policy = canned ? cannedPolicy(resource, EXPIRES) : customPolicy(resource, shape.conditions)
        if (!canned) expect(fromUrlSafeBase64(params.get('Policy') ?? '')?.toString()).toBe(policy)
        const signature = fromUrlSafeBase64(params.get('Signature') ?? '') ?? Buffer.alloc(0)
        expect(verify(shape.conditions.hash, Buffer.from(policy), EC_KEY.publicKey, signature)).toBe(true)
      }
    }
  })
})
