// Keyfront's one signing path: every signed URL and cookie set — a single link, each URL of a batch,
// a history entry signed again — comes from @aws-sdk/cloudfront-signer (pinned 3.1166.0), AWS's own
// implementation, so Keyfront keeps no copy of its URL encoding or query building.
//
// Two of the SDK's pitfalls are handled here: dates go in as Date objects (a number would be read
// as milliseconds), and the key goes in as a KeyObject parsed once per thread — the SDK's types say
// string | Buffer, but node:crypto accepts a KeyObject, and a PEM string would be parsed again on
// every call (`npm run bench` shows what that costs).
import { getSignedCookies, getSignedUrl, type CloudfrontSignInput } from '@aws-sdk/cloudfront-signer'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { LinkConditions } from './policy.ts'

/** A parsed private key, its Key-Pair-Id, and when and from where the links work. */
export interface LinkSigner {
  privateKey: KeyObject
  keyPairId: string
  conditions: LinkConditions
}

/**
 * The SDK's arguments. With `policy` (a resource pattern's, or a history entry's exactly as stored)
 * the SDK signs that string; without it, the SDK builds the policy from the URL and the conditions:
 * canned when only the expiry is set, custom with a start or an IP range (the same JSON as
 * policy.ts builds, which the history keeps).
 */
function sdkArguments(signer: LinkSigner, url: string, policy?: string): CloudfrontSignInput {
  const { conditions } = signer
  const common = {
    url,
    keyPairId: signer.keyPairId,
    privateKey: signer.privateKey as unknown as string,
    algorithm: conditions.hash === 'sha256' ? ('SHA256' as const) : ('SHA1' as const),
  }
  if (policy !== undefined) return { ...common, policy }
  return {
    ...common,
    dateLessThan: new Date(conditions.expiresAt * 1000),
    ...(conditions.startsAt !== undefined && { dateGreaterThan: new Date(conditions.startsAt * 1000) }),
    ...(conditions.ipAddress !== undefined && { ipAddress: conditions.ipAddress }),
  }
}

/**
 * A function that signs URLs with one key and set of conditions: one link's, or every URL of a
 * batch on a worker thread (the arguments are built once, not per URL).
 */
export function createUrlSigner(signer: LinkSigner, policy?: string): (url: string) => string {
  const template = sdkArguments(signer, '', policy)
  return (url) => getSignedUrl({ ...template, url })
}

/**
 * The cookie names and values (CloudFront-Expires or -Policy, -Signature, -Key-Pair-Id,
 * -Hash-Algorithm). The SDK puts `resource` into the policy as given: pass it already encoded.
 */
export function signCookies(signer: LinkSigner, resource: string, policy?: string): Record<string, string> {
  const cookies: Record<string, string | number | undefined> = {
    ...getSignedCookies(sdkArguments(signer, resource, policy)),
  }
  return Object.fromEntries(
    Object.entries(cookies)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([name, value]) => [name, String(value)]),
  )
}

/**
 * The URL as the SDK encodes it into a signed URL: what a policy's resource must hold. The SDK
 * does not export its encoding, only signed URLs that begin with it, so this signs an empty policy
 * with a key made for the purpose (once per thread, never used for anything else) and keeps the
 * part before the parameters the SDK added. An ECDSA signature costs ~40 µs.
 */
let encodingKey: KeyObject | undefined

export function sdkEncodedUrl(url: string): string {
  encodingKey ??= generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
  const signed = getSignedUrl({
    url,
    policy: '{}',
    keyPairId: 'K',
    privateKey: encodingKey as unknown as string,
  })
  return signed.slice(0, signed.lastIndexOf('Policy=') - 1)
}

/**
 * The resource a signed URL was made for: everything before the parameters the SDK added. A URL to
 * sign never carries an Expires or Policy parameter of its own (url.ts refuses them), so the first
 * one is the SDK's.
 */
export function resourceOf(signedUrl: string): string {
  const at = signedUrl.search(/[?&](?:Expires|Policy)=/)
  return at === -1 ? signedUrl : signedUrl.slice(0, at)
}
