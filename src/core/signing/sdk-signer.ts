// Keyfront's one signing path: every signed URL and cookie set — a single link, each URL of a batch,
// a history entry signed again — comes from @aws-sdk/cloudfront-signer (pinned 3.1166.0), AWS's own
// implementation, so Keyfront keeps no copy of its URL encoding or query building.
//
// Two of the SDK's pitfalls are handled here: dates go in as Date objects (a number would be read
// as milliseconds), and the key goes in as a KeyObject parsed once per thread — the SDK's types say
// string | Buffer, but node:crypto accepts a KeyObject, and a PEM string would be parsed again on
// every call (`npm run bench` shows what that costs).
//
// A key held by AWS KMS signs through the same calls: the SDK builds the URL or cookies with a
// stand-in key, then the stand-in's signature is replaced by the one KMS makes over the very policy
// bytes the SDK put in them (linkMaker). Only the signature step differs; the policy, its encoding
// and the query are the SDK's in both cases.
import { getSignedCookies, getSignedUrl, type CloudfrontSignInput } from '@aws-sdk/cloudfront-signer'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { SigningKey } from '../keys/signing-key.ts'
import { cannedPolicy, fromUrlSafeBase64, urlSafeBase64, type LinkConditions } from './policy.ts'

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

/** The key made for the purpose: it signs nothing anyone uses. */
function standInKey(): KeyObject {
  return (encodingKey ??= generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)
}

export function sdkEncodedUrl(url: string): string {
  const signed = getSignedUrl({
    url,
    policy: '{}',
    keyPairId: 'K',
    privateKey: standInKey() as unknown as string,
  })
  return signed.slice(0, signed.lastIndexOf('Policy=') - 1)
}

/** Signs a URL or a cookie set with one key and set of conditions; async because KMS is. */
export interface LinkMaker {
  url(url: string, policy?: string, signal?: AbortSignal): Promise<string>
  cookies(resource: string, policy?: string): Promise<Record<string, string>>
}

/** The one way links are signed: with the private key here, or by KMS (see the top of this file). */
export function linkMaker(key: SigningKey, keyPairId: string, conditions: LinkConditions): LinkMaker {
  if (key.custody === 'keychain') {
    const signer: LinkSigner = { privateKey: key.privateKey, keyPairId, conditions }
    return {
      url: (url, policy) => Promise.resolve(createUrlSigner(signer, policy)(url)),
      cookies: (resource, policy) => Promise.resolve(signCookies(signer, resource, policy)),
    }
  }
  const standIn: LinkSigner = { privateKey: standInKey(), keyPairId, conditions }
  return {
    async url(url, policy, signal) {
      const draft = createUrlSigner(standIn, policy)(url)
      const resource = resourceOf(draft)
      const query = new URLSearchParams(draft.slice(resource.length + 1))
      const signed = cannedOrGiven(resource, query.get('Expires'), query.get('Policy'))
      const signature = urlSafeBase64(await key.sign(signed, signal))
      return `${resource}${draft.charAt(resource.length)}${replaceSignature(query, signature)}`
    },
    async cookies(resource, policy) {
      const draft = signCookies(standIn, resource, policy)
      const signed = cannedOrGiven(resource, draft['CloudFront-Expires'], draft['CloudFront-Policy'])
      return { ...draft, 'CloudFront-Signature': urlSafeBase64(await key.sign(signed)) }
    },
  }
}

/** The bytes the SDK signed: the policy it sent, or the canned policy its Expires stands for. */
function cannedOrGiven(
  resource: string,
  expires: string | null | undefined,
  policy: string | null | undefined,
): Buffer {
  if (policy) {
    const bytes = fromUrlSafeBase64(policy)
    if (bytes) return bytes
  }
  return Buffer.from(cannedPolicy(resource, Number(expires)))
}

/** The SDK's query with another signature, parameters in the SDK's order and encoding. */
function replaceSignature(query: URLSearchParams, signature: string): string {
  // Every value the SDK adds is digits or CloudFront's base64 alphabet: no encoding to redo.
  return [...query.entries()]
    .map(([name, value]) => `${name}=${name === 'Signature' ? signature : value}`)
    .join('&')
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
