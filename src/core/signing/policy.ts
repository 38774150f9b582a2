// CloudFront policies as the exact bytes that get signed, and the encodings around them. The JSON
// matches what @aws-sdk/cloudfront-signer 3.1166 builds (key order DateLessThan, DateGreaterThan,
// IpAddress), so a policy Keyfront builds and one the SDK builds are the same string.
import type { KeyType } from '../../shared/contract/keys.ts'
import type { SignatureAlgorithm } from '../../shared/contract/history.ts'
import type { HashChoice } from '../../shared/contract/links.ts'

/** When and from where a link works. Epoch seconds. */
export interface LinkConditions {
  expiresAt: number
  startsAt?: number
  /** `a.b.c.d/n`, already normalised. */
  ipAddress?: string
  hash: HashChoice
}

export function cannedPolicy(resource: string, expiresAt: number): string {
  return `{"Statement":[{"Resource":${JSON.stringify(resource)},"Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`
}

export function customPolicy(resource: string, conditions: LinkConditions): string {
  const condition: Record<string, unknown> = { DateLessThan: { 'AWS:EpochTime': conditions.expiresAt } }
  if (conditions.startsAt !== undefined) condition.DateGreaterThan = { 'AWS:EpochTime': conditions.startsAt }
  if (conditions.ipAddress !== undefined) condition.IpAddress = { 'AWS:SourceIp': conditions.ipAddress }
  return JSON.stringify({ Statement: [{ Resource: resource, Condition: condition }] })
}

/** A canned policy is possible when only the expiry is set and the resource is the URL itself. */
export function isCanned(conditions: LinkConditions, pattern: string | undefined): boolean {
  return conditions.startsAt === undefined && conditions.ipAddress === undefined && pattern === undefined
}

/** Standard base64, then `+`→`-`, `=`→`_`, `/`→`~` (CloudFront's URL-safe alphabet). */
export function urlSafeBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/[+=/]/g, (c) => (c === '+' ? '-' : c === '=' ? '_' : '~'))
}

/** The inverse; undefined when the text holds characters outside that alphabet. */
export function fromUrlSafeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9\-_~]+$/.test(text)) return undefined
  return Buffer.from(
    text.replace(/[-_~]/g, (c) => (c === '-' ? '+' : c === '_' ? '=' : '/')),
    'base64',
  )
}

export function signatureAlgorithm(type: KeyType, hash: HashChoice): SignatureAlgorithm {
  return `${type}-${hash}`
}
