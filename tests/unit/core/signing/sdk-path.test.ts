// One signing path: a batch's URLs are signed exactly as single links are (for RSA, byte for byte),
// by @aws-sdk/cloudfront-signer, and the history keeps the very policy the SDK signed. The resource
// Keyfront signs is the SDK's own encoding of the URL (asked of the SDK, never reproduced), which a
// seeded fuzz of URL characters holds to the signed URLs the SDK makes.
import { getSignedUrl } from '@aws-sdk/cloudfront-signer'
import { verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createBatchSigner } from '../../../../src/core/signing/batch.ts'
import { fromUrlSafeBase64, type LinkConditions } from '../../../../src/core/signing/policy.ts'
import { resourceOf, sdkEncodedUrl } from '../../../../src/core/signing/sdk-signer.ts'
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

/** The policy a signed URL carries (custom policies only), as the SDK signed it. */
function carriedPolicy(signedUrl: string): string | undefined {
  const encoded = new URL(signedUrl).searchParams.get('Policy')
  return encoded === null ? undefined : fromUrlSafeBase64(encoded)?.toString()
}

describe('a batch signs each URL exactly as a single link (RSA)', () => {
  for (const shape of SHAPES) {
    it(`${shape.name}: every awkward URL, and the history keeps the policy the SDK signed`, async () => {
      const { links, history } = makeService()
      const batchUrl = createBatchSigner({
        privateKey: RSA_KEY.privateKey,
        keyPairId: RSA_KEY.keyPairId ?? '',
        conditions: shape.conditions,
      })
      for (const url of AWKWARD_URLS) {
        const single = await links.sign({ key: RSA_KEY, url, ...shape.conditions })
        const signed = batchUrl(url)
        expect(signed).toBe(single.signedUrl)
        expect(resourceOf(signed)).toBe(single.resource)
        if (!single.canned) expect(carriedPolicy(signed)).toBe(single.policy)
      }
      const batch = await links.signBatch({ key: RSA_KEY, urls: AWKWARD_URLS, ...shape.conditions })
      const singles = history.entries.slice(0, AWKWARD_URLS.length)
      const batched = history.entries.slice(AWKWARD_URLS.length)
      expect(batch.signedUrls).toEqual(AWKWARD_URLS.map(batchUrl))
      expect(batched.map((e) => [e.resource, e.policy])).toEqual(singles.map((e) => [e.resource, e.policy]))
    })
  }
})

describe('ECDSA through the same path', () => {
  it('signs, in a batch, the policy the history keeps, with a DER signature that verifies (SHA-1 and SHA-256)', async () => {
    for (const shape of SHAPES) {
      const { links, history } = makeService()
      const result = await links.signBatch({ key: EC_KEY, urls: AWKWARD_URLS, ...shape.conditions })
      result.signedUrls.forEach((signed, i) => {
        const entry = history.entries[i]
        if (!entry) throw new Error('no history entry')
        if (!entry.canned) expect(carriedPolicy(signed)).toBe(entry.policy)
        const signature = fromUrlSafeBase64(new URL(signed).searchParams.get('Signature') ?? '')
        expect(
          verify(
            shape.conditions.hash,
            Buffer.from(entry.policy),
            EC_KEY.publicKey,
            signature ?? Buffer.alloc(0),
          ),
        ).toBe(true)
      })
    }
  })
})

describe('the resource is the SDK’s own encoding of the URL', () => {
  /** A small deterministic PRNG, so a failure names a reproducible case. */
  function prng(seed: number) {
    return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  }

  it('is what the SDK puts at the start of a signed URL, read back by resourceOf, and stays put when signed again (400 random paths and queries)', () => {
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
      const signed = getSignedUrl({
        url,
        keyPairId: 'K2JCJMDEHXQW5F',
        privateKey: EC_KEY.privateKey as unknown as string,
        dateLessThan: new Date(EXPIRES * 1000),
      })
      const encoded = sdkEncodedUrl(url)
      expect(resourceOf(signed), url).toBe(encoded)
      expect(sdkEncodedUrl(encoded), url).toBe(encoded)
    }
  })
})
