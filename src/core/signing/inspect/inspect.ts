// The link inspector: takes a signed URL or signed cookies apart, checks each thing CloudFront
// checks — Key-Pair-Id, signature encoding, policy, signature against the held key's public key,
// resource, start and expiry — and names the first that fails as the cause of a 403. When the
// signature fails it looks for the form the link had when it was signed (a re-encoding that
// verifies, or the history entry with that policy) to show where the link was changed.
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { isLegacyKeyPairId } from '../../../shared/contract/key-facts.ts'
import type { InspectReport, VerdictCause } from '../../../shared/contract/links.ts'
import { KeyfrontError } from '../../../shared/errors.ts'
import type { Clock } from '../../clock.ts'
import type { HistoryLookup } from '../../history/recorder.ts'
import type { KeyDirectory, SigningKeySource } from '../../keys/signing-key.ts'
import { matchesResource } from '../conditions.ts'
import { cannedPolicy, fromUrlSafeBase64 } from '../policy.ts'
import { describeDifference, signedFormCandidates } from './difference.ts'
import { parseSigned, readPolicy, type PolicyFacts, type SignedParts } from './parse.ts'
import { cloudFrontCode, verdictSentence } from './verdict.ts'

export interface InspectDeps {
  keys: SigningKeySource & Pick<KeyDirectory, 'publicKeyPem'>
  history: HistoryLookup
  clock: Clock
}

export interface InspectInput {
  input: string
  /** For cookies: the URL they are sent with. */
  url?: string
  /** A held key (id or name) to check with, instead of the one the Key-Pair-Id names. */
  key?: string
  /** A public key to check with (`keyfront inspect --public-key PEM`). */
  publicKey?: KeyObject
}

interface Verifier {
  held?: { id: string; name: string }
  publicKey?: KeyObject
  keyPairIdOfKey?: string
}

export async function inspectLink(deps: InspectDeps, request: InspectInput): Promise<InspectReport> {
  const nowMs = deps.clock.now()
  const parts = parseSigned(request.input, request.url)
  const notes: string[] = []
  const hashAlgorithm = parts.hashAlgorithm === 'SHA256' ? 'SHA256' : 'SHA1'
  if (parts.hashAlgorithm !== undefined && parts.hashAlgorithm !== 'SHA256') {
    notes.push(
      `Hash-Algorithm=${parts.hashAlgorithm} is not one CloudFront knows (only SHA256, or none for SHA-1).`,
    )
  }
  const legacy = parts.keyPairId !== undefined && isLegacyKeyPairId(parts.keyPairId)
  if (legacy) {
    notes.push(
      `${parts.keyPairId} is a legacy CloudFront key pair (trusted signers), not a key group’s public key: it works only where the distribution still trusts the AWS account that owns it. Key groups replace these.`,
    )
  }
  const policy = policyOf(parts)
  const signatureBytes = parts.signature === undefined ? undefined : fromUrlSafeBase64(parts.signature)
  const verifier = await findVerifier(deps.keys, request, parts.keyPairId)
  if (verifier.keyPairIdOfKey && parts.keyPairId && verifier.keyPairIdOfKey !== parts.keyPairId) {
    notes.push(
      `The link names Key-Pair-Id ${parts.keyPairId}, but key "${verifier.held?.name}" has ${verifier.keyPairIdOfKey}: CloudFront checks the signature with the key ${parts.keyPairId} names.`,
    )
  }
  const digest = hashAlgorithm === 'SHA256' ? 'sha256' : 'sha1'
  const verifies = (text: string) =>
    verifier.publicKey !== undefined &&
    signatureBytes !== undefined &&
    safeVerify(digest, text, verifier.publicKey, signatureBytes)

  let signature: InspectReport['signature'] = 'not-checked'
  let difference: InspectReport['difference']
  if (policy.text !== undefined && signatureBytes !== undefined && verifier.publicKey) {
    signature = verifies(policy.text) ? 'verified' : 'mismatch'
  }
  const kpid = parts.keyPairId ?? ''
  if (signature === 'mismatch' && policy.canned && parts.requestUrl && policy.facts) {
    const expiresAt = policy.facts.expiresAt
    const original = signedFormCandidates(parts.requestUrl).find((form) =>
      verifies(cannedPolicy(form, expiresAt)),
    )
    if (original) {
      const record = deps.history.findByPolicy(cannedPolicy(original, expiresAt), kpid)
      difference = describeDifference(
        original,
        parts.requestUrl,
        record ? 'history' : 'encoding',
        record?.label,
      )
    }
  }
  if (
    signature === 'mismatch' &&
    !difference &&
    policy.text &&
    deps.history.findByPolicy(policy.text, kpid)
  ) {
    notes.push(
      'Keyfront signed exactly this policy with this Key-Pair-Id, so the Signature part itself was changed (or cut) after signing.',
    )
  }
  const resource = policy.facts?.resource
  const resourceMatches =
    policy.canned ||
    resource === undefined ||
    !parts.requestUrl ||
    matchesResource(resource, parts.requestUrl)
  if (!resourceMatches && resource && parts.requestUrl && !/[*?]/.test(resource) && !difference) {
    const record = policy.text ? deps.history.findByPolicy(policy.text, kpid) : undefined
    difference = describeDifference(resource, parts.requestUrl, record ? 'history' : 'policy', record?.label)
  }
  const facts = policy.facts
  if (facts?.ipAddress) {
    notes.push(
      `Works only for viewers whose IP address is in ${facts.ipAddress} (Keyfront cannot check yours). Viewers on IPv6 are refused when the distribution has IPv6 turned on.`,
    )
  }
  if (!policy.canned && facts && resource === undefined) {
    notes.push('The policy has no Resource: it opens every file of every distribution that trusts this key.')
  }
  if (parts.kind === 'cookies' && !parts.requestUrl && resource) {
    notes.push(`These cookies work for URLs matching ${resource}.`)
  }
  const cause = causeOf({
    parts,
    signatureBytes,
    policyProblem: policy.problem,
    signature,
    resourceMatches,
    facts,
    nowMs,
    verifier,
  })
  const code = cloudFrontCode(cause)
  return {
    kind: parts.kind,
    ...(parts.requestUrl !== undefined && { requestUrl: parts.requestUrl }),
    ...(policy.canned !== undefined && { canned: policy.canned }),
    ...(policy.text !== undefined && { policy: policy.text }),
    ...(resource !== undefined && { resource }),
    ...(parts.keyPairId !== undefined && { keyPairId: parts.keyPairId }),
    ...(verifier.held && { heldKey: verifier.held }),
    hashAlgorithm,
    ...(verifier.publicKey && {
      signatureAlgorithm:
        `${verifier.publicKey.asymmetricKeyType === 'ec' ? 'ecdsa' : 'rsa'}-${digest}` as const,
    }),
    ...(facts?.startsAt !== undefined && { startsAt: facts.startsAt }),
    ...(facts !== undefined && { expiresAt: facts.expiresAt }),
    ...(facts?.ipAddress !== undefined && { ipAddress: facts.ipAddress }),
    signature,
    cause,
    validNow: cause === 'valid',
    verdict: verdictSentence(cause, {
      nowMs,
      keyPairId: parts.keyPairId,
      legacy,
      keyName: verifier.held?.name,
      expiresAt: facts?.expiresAt,
      startsAt: facts?.startsAt,
      resource,
      policyProblem: policy.problem,
      difference,
    }),
    notes,
    ...(difference && { difference }),
    ...(code && { cloudFrontCode: code }),
    checkedAt: Math.floor(nowMs / 1000),
  }
}

interface PolicyReading {
  canned?: boolean
  text?: string
  facts?: PolicyFacts
  problem?: string
}

function policyOf(parts: SignedParts): PolicyReading {
  if (parts.policy !== undefined) {
    const read = readPolicy(parts.policy)
    return 'problem' in read ? { canned: false, problem: read.problem } : { canned: false, ...read }
  }
  if (parts.expires === undefined) return { problem: 'it has neither an Expires nor a Policy parameter' }
  if (!/^\d{1,10}$/.test(parts.expires))
    return { canned: true, problem: 'Expires is not a time in epoch seconds' }
  const expiresAt = Number(parts.expires)
  if (!parts.requestUrl) {
    throw new KeyfrontError(
      'INVALID_INPUT',
      'These cookies have a canned policy, which covers one URL only. Give the URL they are sent with to check them.',
    )
  }
  return {
    canned: true,
    text: cannedPolicy(parts.requestUrl, expiresAt),
    facts: { resource: parts.requestUrl, expiresAt },
  }
}

async function findVerifier(
  keys: InspectDeps['keys'],
  request: InspectInput,
  keyPairId: string | undefined,
): Promise<Verifier> {
  if (request.publicKey) return { publicKey: request.publicKey }
  const list = await keys.list()
  const ref = request.key?.trim().toLowerCase()
  const summary = request.key
    ? list.find((key) => key.id === request.key || key.name.toLowerCase() === ref)
    : list.find((key) => key.keyPairId === keyPairId || key.uploads.some((u) => u.keyPairId === keyPairId))
  if (request.key && !summary) {
    throw new KeyfrontError(
      'KEY_NOT_FOUND',
      'Keyfront has no key with that name or id. List the keys to see their names.',
    )
  }
  if (!summary || (!request.key && !keyPairId)) return {}
  return {
    held: { id: summary.id, name: summary.name },
    publicKey: createPublicKey(await keys.publicKeyPem(summary.id)),
    ...(request.key && summary.keyPairId && { keyPairIdOfKey: summary.keyPairId }),
  }
}

function safeVerify(digest: string, text: string, key: KeyObject, signature: Buffer): boolean {
  try {
    return verify(digest, Buffer.from(text), key, signature)
  } catch {
    return false
  }
}

function causeOf(state: {
  parts: SignedParts
  signatureBytes: Buffer | undefined
  policyProblem: string | undefined
  signature: InspectReport['signature']
  resourceMatches: boolean
  facts: PolicyFacts | undefined
  nowMs: number
  verifier: Verifier
}): VerdictCause {
  const { parts, facts, nowMs } = state
  if (!parts.keyPairId) return 'missing-key-pair-id'
  if (parts.signature === undefined) return 'missing-signature'
  if (!state.signatureBytes) return 'malformed-signature'
  if (state.policyProblem || !facts) return 'malformed-policy'
  if (state.signature === 'mismatch') return 'signature-mismatch'
  if (!state.resourceMatches) return 'resource-mismatch'
  if (nowMs >= facts.expiresAt * 1000) return 'expired'
  if (facts.startsAt !== undefined && nowMs <= facts.startsAt * 1000) return 'not-yet-valid'
  if (state.signature !== 'verified') return 'unknown-key'
  return 'valid'
}
