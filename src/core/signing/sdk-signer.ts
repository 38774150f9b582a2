// Single links go through @aws-sdk/cloudfront-signer (pinned 3.1166.0), AWS's own implementation.
// Two of its pitfalls are handled here: dates go in as Date objects (a number would be read as
// milliseconds), and the key goes in as a parsed KeyObject — its types say string | Buffer, but
// node:crypto accepts a KeyObject and the SDK would otherwise re-parse the PEM on every call.
import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer'
import type { KeyObject } from 'node:crypto'
import type { HashChoice } from '../../shared/contract/links.ts'

/** What gets signed: a canned policy (the SDK builds it from the URL and expiry), or our JSON. */
export type PolicyChoice = { canned: true; expiresAt: number } | { canned: false; policy: string }

export interface SdkSignInput {
  /** The resource URL, already in its final encoding (the SDK's encoding leaves it unchanged). */
  url: string
  policy: PolicyChoice
  privateKey: KeyObject
  keyPairId: string
  hash: HashChoice
}

function sdkArguments(input: SdkSignInput) {
  const common = {
    url: input.url,
    keyPairId: input.keyPairId,
    privateKey: input.privateKey as unknown as string,
    algorithm: input.hash === 'sha256' ? ('SHA256' as const) : ('SHA1' as const),
  }
  return input.policy.canned
    ? { ...common, dateLessThan: new Date(input.policy.expiresAt * 1000) }
    : { ...common, policy: input.policy.policy }
}

export function sdkSignUrl(input: SdkSignInput): string {
  return getSignedUrl(sdkArguments(input))
}

/** The cookie names and values (CloudFront-Expires or -Policy, -Signature, -Key-Pair-Id, -Hash-Algorithm). */
export function sdkSignCookies(input: SdkSignInput): Record<string, string> {
  const cookies: Record<string, string | number | undefined> = { ...getSignedCookies(sdkArguments(input)) }
  return Object.fromEntries(
    Object.entries(cookies)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([name, value]) => [name, String(value)]),
  )
}
