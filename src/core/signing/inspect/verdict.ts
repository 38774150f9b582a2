// The inspector's verdict: one plain sentence naming why CloudFront would answer 403 (or that the
// link works), what CloudFront's own error code would be, and what to do about it.
import type { UrlDifference, VerdictCause } from '../../../shared/contract/links.ts'
import { describeFromNow, formatUtc } from '../../../shared/expiry.ts'

export interface VerdictFacts {
  nowMs: number
  keyPairId?: string
  /** The Key-Pair-Id names a legacy key pair (`APKA…`), trusted per AWS account, not per key group. */
  legacy?: boolean
  keyName?: string
  expiresAt?: number
  startsAt?: number
  resource?: string
  policyProblem?: string
  difference?: UrlDifference
}

const CLOUDFRONT_CODES: Partial<Record<VerdictCause, string>> = {
  'missing-key-pair-id': 'MissingKey',
  'malformed-signature': 'MalformedSignature',
  'malformed-policy': 'MalformedPolicy',
  'unknown-key': 'InvalidKey',
  'signature-mismatch': 'AccessDenied',
  'resource-mismatch': 'AccessDenied',
  expired: 'AccessDenied',
  'not-yet-valid': 'AccessDenied',
}

export function cloudFrontCode(cause: VerdictCause): string | undefined {
  return CLOUDFRONT_CODES[cause]
}

/** A changed part of a URL in words: spaces and nothing are hard to see in quotes. */
function shown(part: string): string {
  if (part === '') return 'nothing'
  if (part === ' ') return 'a space'
  return `“${part}”`
}

const when = (epoch: number, nowMs: number) => `${describeFromNow(epoch, nowMs)} (${formatUtc(epoch)})`

export function verdictSentence(cause: VerdictCause, facts: VerdictFacts): string {
  const { nowMs } = facts
  switch (cause) {
    case 'valid':
      return `Signature and dates are valid now: the signature checks out with ${facts.keyName ? `key "${facts.keyName}"` : 'the given public key'}, and it stops working ${when(facts.expiresAt ?? 0, nowMs)}.`
    case 'missing-key-pair-id':
      return 'The link has no Key-Pair-Id, so CloudFront answers 403 MissingKey. Copy the whole link again, or sign a new one with a key that has a Key-Pair-Id.'
    case 'missing-signature':
      return 'The link has no Signature: it was cut short or never signed. Copy the whole link again, or sign a new one.'
    case 'malformed-signature':
      return 'The Signature is not in CloudFront’s encoding (letters, digits, - _ ~), so CloudFront answers 403 MalformedSignature. Something changed the link on the way: copy the original again.'
    case 'malformed-policy':
      return `The policy cannot be read (${facts.policyProblem ?? 'it is damaged'}), so CloudFront answers 403 MalformedPolicy. Copy the original link again, or sign a new one.`
    case 'signature-mismatch':
      return facts.difference
        ? `The link was changed after it was signed — where it had ${shown(facts.difference.signedPart)} it now has ${shown(facts.difference.currentPart)} — so its signature no longer matches and CloudFront answers 403 Access Denied. Use the link exactly as it was made (copy it again from History).`
        : `The signature does not match this link, so CloudFront answers 403 Access Denied: the link was edited or re-encoded after signing, or it was signed with another key than "${facts.keyName ?? facts.keyPairId ?? ''}". Copy the original again, or sign a new one.`
    case 'resource-mismatch':
      return `The policy allows ${facts.resource ?? 'another resource'}, which does not cover this URL, so CloudFront answers 403 Access Denied. Open a URL the policy covers, or sign a link for this one.`
    case 'expired':
      return `The link expired ${when(facts.expiresAt ?? 0, nowMs)}, so CloudFront answers 403 Access Denied. Make a new link with a later expiry.`
    case 'not-yet-valid':
      return `The link starts working only ${when(facts.startsAt ?? 0, nowMs)}; until then CloudFront answers 403 Access Denied.`
    case 'unknown-key':
      if (facts.legacy) {
        return `Keyfront holds no key with Key-Pair-Id ${facts.keyPairId ?? ''}, a legacy key pair, so it cannot check the signature. If the distribution does not trust the AWS account that owns that key pair, CloudFront answers 403 InvalidKey (“Unknown Key”). Import the key with that Key-Pair-Id, or inspect with its public key.`
      }
      return `Keyfront holds no key with Key-Pair-Id ${facts.keyPairId ?? ''}, so it cannot check the signature. If that Key-Pair-Id is not in a key group the distribution trusts, CloudFront answers 403 InvalidKey (“Unknown Key”). Import the key, or inspect with its public key.`
  }
}
