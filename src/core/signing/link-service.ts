// Temporary links: signs one URL or cookie set (through @aws-sdk/cloudfront-signer) or a batch of
// URLs (on worker threads, with the SDK-identical hot path), records every link in the history —
// what is needed to sign it again, never the signature — signs a history entry again, and
// inspects or live-tests a link. Everything is checked before the keychain is opened.
import type { SignedAgain, LinkRecord } from '../../shared/contract/history.ts'
import {
  MAX_BATCH_URLS,
  type BatchResult,
  type HashChoice,
  type InspectReport,
  type LiveTestResult,
  type SignedLink,
} from '../../shared/contract/links.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import type { Clock } from '../clock.ts'
import type { HistoryLookup, HistoryRecorder } from '../history/recorder.ts'
import type { KeyDirectory, SigningKey, SigningKeySource } from '../keys/signing-key.ts'
import { signInWorkers, type BatchRunOptions } from './batch.ts'
import { checkConditions, checkResourcePattern } from './conditions.ts'
import { toSetCookies } from './cookies.ts'
import { inspectLink, type InspectInput } from './inspect/inspect.ts'
import { heldKeyFor } from './key-file.ts'
import { testLive } from './inspect/live-test.ts'
import { cannedPolicy, customPolicy, isCanned, signatureAlgorithm, type LinkConditions } from './policy.ts'
import { sdkSignCookies, sdkSignUrl, type SdkSignInput } from './sdk-signer.ts'
import { checkSignedLength, prepareUrl } from './url.ts'

export interface LinkServiceDeps {
  /** KeyService: signing keys, and public keys for the inspector (without opening the keychain). */
  keys: SigningKeySource & Pick<KeyDirectory, 'publicKeyPem'>
  history: HistoryRecorder & HistoryLookup
  clock: Clock
  source: 'app' | 'cli'
}

/** A held key's id or name, or a key read from a file (`--key-file`). */
export type KeyChoice = string | SigningKey

export interface ConditionsInput {
  key: KeyChoice
  expiresAt: number
  startsAt?: number
  ipAddress?: string
  hash?: HashChoice
  label?: string
}

export interface SignInput extends ConditionsInput {
  url: string
  resource?: string
  cookies?: boolean
  /** The distribution the URL belongs to, when known (a site chosen in New link): for the history. */
  distributionId?: string
}

export interface BatchInput extends ConditionsInput {
  urls: readonly string[]
  /** The distribution every URL belongs to, when known (a site chosen for the batch): for the history. */
  distributionId?: string
}

type ReadyKey = SigningKey & { keyPairId: string }

export class LinkService {
  readonly #deps: LinkServiceDeps

  constructor(deps: LinkServiceDeps) {
    this.#deps = deps
  }

  async sign(input: SignInput): Promise<SignedLink> {
    const conditions = this.#conditions(input)
    const { input: url, resource } = prepareUrl(input.url)
    const pattern = input.resource?.trim() ? checkResourcePattern(input.resource, resource) : undefined
    const key = await this.#key(input.key)
    const canned = isCanned(conditions, pattern)
    const policy = canned
      ? cannedPolicy(resource, conditions.expiresAt)
      : customPolicy(pattern ?? resource, conditions)
    const sdkInput = sdkArguments(key, resource, canned, policy, conditions)
    const kind = input.cookies ? 'cookies' : 'url'
    const signedUrl = kind === 'url' ? sdkSignUrl(sdkInput) : undefined
    if (signedUrl) checkSignedLength(signedUrl)
    const cookies =
      kind === 'cookies' ? toSetCookies(sdkSignCookies(sdkInput), pattern ?? resource) : undefined
    const record = this.#record(
      key,
      conditions,
      { kind, url, resource: pattern ?? resource, policy, canned },
      input.label,
    )
    const distribution = input.distributionId ? { distributionId: input.distributionId } : {}
    this.#deps.history.record([{ ...record, ...distribution, source: this.#deps.source }])
    return {
      ...record,
      ...(signedUrl && { signedUrl }),
      ...(cookies && { cookies }),
      keyName: key.name,
      warnings: warningsFor(conditions, kind),
    }
  }

  /** Signs every URL with the same conditions; the key is read once. Output in input order. */
  async signBatch(input: BatchInput, options: BatchRunOptions = {}): Promise<BatchResult> {
    if (input.urls.length === 0) {
      throw new KeyfrontError('BATCH_EMPTY', 'There are no URLs to sign. Give one URL per line.')
    }
    if (input.urls.length > MAX_BATCH_URLS) {
      throw new KeyfrontError(
        'BATCH_TOO_LARGE',
        `A batch can hold up to ${MAX_BATCH_URLS.toLocaleString('en-US')} URLs; this one has ${input.urls.length.toLocaleString('en-US')}. Split it into smaller batches.`,
      )
    }
    const conditions = this.#conditions(input)
    const key = await this.#key(input.key)
    const started = performance.now()
    const signed = await signInWorkers(
      { privateKey: key.privateKey, keyPairId: key.keyPairId, conditions },
      input.urls,
      options,
    )
    const elapsedMs = performance.now() - started
    const canned = isCanned(conditions, undefined)
    const marker = canned ? `Expires=${conditions.expiresAt}&Key-Pair-Id=` : 'Policy='
    const distribution = input.distributionId ? { distributionId: input.distributionId } : {}
    this.#deps.history.record(
      signed.map((signedUrl, i) => {
        const resource = signedUrl.slice(0, signedUrl.lastIndexOf(marker) - 1)
        const policy = canned
          ? cannedPolicy(resource, conditions.expiresAt)
          : customPolicy(resource, conditions)
        const url = (input.urls[i] ?? '').trim()
        return {
          ...this.#record(key, conditions, { kind: 'url', url, resource, policy, canned }, input.label),
          ...distribution,
          source: 'batch',
        }
      }),
    )
    return {
      signedUrls: signed,
      keyPairId: key.keyPairId,
      algorithm: signatureAlgorithm(key.type, conditions.hash),
      expiresAt: conditions.expiresAt,
      elapsedMs,
    }
  }

  /** Signs a history entry's policy again, exactly as stored: for RSA keys, the very same link. */
  async signAgain(record: LinkRecord): Promise<SignedAgain> {
    const held = heldKeyFor(record.keyId, await this.#deps.keys.list())
    const key = await this.#key(held?.id ?? record.keyId)
    const [type, hash] = record.algorithm.split('-') as [string, HashChoice]
    const { resource } = prepareUrl(record.url)
    const reproducible =
      type === key.type &&
      (record.canned
        ? cannedPolicy(resource, record.expiresAt) === record.policy
        : /[*?]/.test(record.resource) || record.resource === resource)
    if (!reproducible) {
      throw new KeyfrontError(
        'LINK_NOT_REPRODUCIBLE',
        'This history entry cannot be signed again exactly (its key or URL no longer match). Make a new link instead.',
      )
    }
    const input: SdkSignInput = {
      url: resource,
      policy: record.canned
        ? { canned: true, expiresAt: record.expiresAt }
        : { canned: false, policy: record.policy },
      privateKey: key.privateKey,
      keyPairId: record.keyPairId,
      hash,
    }
    return record.kind === 'url'
      ? { kind: 'url', url: sdkSignUrl(input) }
      : { kind: 'cookies', cookies: toSetCookies(sdkSignCookies(input), record.resource) }
  }

  inspect(input: InspectInput): Promise<InspectReport> {
    return inspectLink(this.#deps, input)
  }

  testLive(input: { input: string; url?: string }): Promise<LiveTestResult> {
    return testLive(input)
  }

  #conditions(input: ConditionsInput): LinkConditions {
    return checkConditions(
      {
        expiresAt: input.expiresAt,
        hash: input.hash ?? 'sha1',
        ...(input.startsAt !== undefined && { startsAt: input.startsAt }),
        ...(input.ipAddress !== undefined && { ipAddress: input.ipAddress }),
      },
      this.#deps.clock.now(),
    )
  }

  /** Loads the key (once) after making sure it can sign links at all. */
  async #key(choice: KeyChoice): Promise<ReadyKey> {
    if (typeof choice === 'string') {
      const name = choice.trim().toLowerCase()
      const listed = (await this.#deps.keys.list()).find(
        (k) => k.id === choice || k.name.toLowerCase() === name,
      )
      if (listed && !listed.keyPairId) throw missingKeyPairId(listed.name)
    }
    const key = typeof choice === 'string' ? await this.#deps.keys.loadSigningKey(choice) : choice
    if (!key.keyPairId) throw missingKeyPairId(key.name)
    return key as ReadyKey
  }

  #record(
    key: ReadyKey,
    conditions: LinkConditions,
    link: Pick<LinkRecord, 'kind' | 'url' | 'resource' | 'policy' | 'canned'>,
    label: string | undefined,
  ): Omit<LinkRecord, 'source'> {
    return {
      ...link,
      keyId: key.id,
      keyPairId: key.keyPairId,
      algorithm: signatureAlgorithm(key.type, conditions.hash),
      ...(conditions.startsAt !== undefined && { startsAt: conditions.startsAt }),
      expiresAt: conditions.expiresAt,
      ...(conditions.ipAddress !== undefined && { ipAddress: conditions.ipAddress }),
      ...(label?.trim() && { label: label.trim() }),
    }
  }
}

function sdkArguments(
  key: ReadyKey,
  resource: string,
  canned: boolean,
  policy: string,
  conditions: LinkConditions,
): SdkSignInput {
  return {
    url: resource,
    policy: canned ? { canned: true, expiresAt: conditions.expiresAt } : { canned: false, policy },
    privateKey: key.privateKey,
    keyPairId: key.keyPairId,
    hash: conditions.hash,
  }
}

function missingKeyPairId(name: string): KeyfrontError {
  return new KeyfrontError(
    'KEY_PAIR_ID_MISSING',
    `The key "${name}" has no Key-Pair-Id yet, so CloudFront could not check links signed with it. Upload its public key to CloudFront, or enter the ID CloudFront gave it (Keys screen, or "keyfront keys set-id").`,
  )
}

function warningsFor(conditions: LinkConditions, kind: 'url' | 'cookies'): string[] {
  const warnings: string[] = []
  if (conditions.ipAddress) {
    warnings.push(
      `Only viewers whose IP address is in ${conditions.ipAddress} can open it. Viewers on IPv6 are refused when the distribution has IPv6 turned on.`,
    )
  }
  if (kind === 'cookies') {
    warnings.push(
      'The cookies have no Domain attribute: add Domain=your-distribution-domain if the site that sets them is not the distribution’s own domain.',
    )
  }
  return warnings
}
