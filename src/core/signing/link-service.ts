// Temporary links: signs one URL or cookie set (with conditions, or a custom policy given as is),
// or a batch of URLs (on worker threads, or as requests to AWS KMS for a key it holds) — all
// through @aws-sdk/cloudfront-signer (sdk-signer.ts's linkMaker) —
// records every link in the history — what is needed to sign it again, never the signature —
// signs a history entry again, and inspects a link (its live test is inspect/live-test.ts, called
// by main). Everything is checked before the keychain is opened.
import type { SignedAgain, LinkRecord } from '../../shared/contract/history.ts'
import { LEGACY_KEY_HINT, isLegacyKeyPairId } from '../../shared/contract/key-facts.ts'
import { MAX_BATCH_URLS } from '../../shared/contract/link-facts.ts'
import type { BatchResult, HashChoice, InspectReport, SignedLink } from '../../shared/contract/links.ts'
import { KeyfrontError, isKeyfrontError } from '../../shared/errors.ts'
import { checkLabel } from '../../shared/plain-text.ts'
import { broadResourceWarning, wildcardOf } from '../../shared/resource-pattern.ts'
import type { Clock } from '../clock.ts'
import type { HistoryLookup, HistoryRecorder } from '../history/recorder.ts'
import type { KeyDirectory, SigningKey, SigningKeySource } from '../keys/signing-key.ts'
import type { BatchRunOptions } from './batch.ts'
import { checkConditions, checkResourcePattern } from './conditions.ts'
import { checkCookieDomain, toSetCookies } from './cookies.ts'
import { readGivenPolicy } from './given-policy.ts'
import type { InspectInput } from './inspect/inspect.ts'
import { heldKeyFor } from './key-file.ts'
import { cannedPolicy, customPolicy, isCanned, signatureAlgorithm, type LinkConditions } from './policy.ts'
import { linkMaker, resourceOf } from './sdk-signer.ts'
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

/** What one link (URL or cookie set) is, apart from its conditions. */
interface OneLinkInput {
  key: KeyChoice
  url: string
  cookies?: boolean
  /** For cookies: their Domain attribute (checkCookieDomain). */
  cookieDomain?: string
  label?: string
  /** The distribution the URL belongs to, when known (a site chosen in New link): for the history. */
  distributionId?: string
}

export interface SignInput extends ConditionsInput, OneLinkInput {
  /** A pattern the link may open instead of exactly `url`; a `url` holding `*` is its own pattern. */
  resource?: string
}

/** A custom policy given as is (`keyfront sign --policy`): its conditions are the link's. */
export interface SignPolicyInput extends OneLinkInput {
  /** The policy's JSON, checked against CloudFront's grammar (given-policy.ts). */
  policy: string
  hash?: HashChoice
}

/** A link ready to sign: its URL and resource, conditions and the policy they make. */
interface PreparedLink {
  url: string
  resource: string
  conditions: LinkConditions
  /** The resource pattern, when the policy opens more than the URL. */
  pattern: string | undefined
  canned: boolean
  policy: string
  /** The policy string handed to the SDK; undefined lets the SDK build the same JSON itself. */
  given: string | undefined
  warnings: string[]
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
    // A URL holding `*` is signed for the pattern it is (custom policy), never as a canned policy
    // that would cover only a literal `*`.
    const wildcard = wildcardOf({ url: resource, resource: input.resource })
    const pattern = wildcard === undefined ? undefined : checkResourcePattern(wildcard, resource)
    const canned = isCanned(conditions, pattern)
    const policy = canned
      ? cannedPolicy(resource, conditions.expiresAt)
      : customPolicy(pattern ?? resource, conditions)
    const fromUrl = pattern !== undefined && !input.resource?.trim()
    return this.#signOne(input, {
      url,
      resource,
      conditions,
      pattern,
      canned,
      policy,
      // A pattern's policy is signed as built here; otherwise the SDK builds the same JSON itself.
      given: pattern === undefined ? undefined : policy,
      warnings: fromUrl
        ? [`The * in the URL is a wildcard: this opens every file whose address matches ${pattern}.`]
        : [],
    })
  }

  /**
   * Signs a custom policy given as is: checked against CloudFront's grammar, its times and IP range
   * as any link's, its Resource covering the URL; then signed without whitespace, keys in the
   * order given, and recorded like any custom-policy link.
   */
  async signPolicy(input: SignPolicyInput): Promise<SignedLink> {
    checkLabel(input.label)
    const given = readGivenPolicy(input.policy)
    const conditions = checkConditions(
      {
        expiresAt: given.expiresAt,
        hash: input.hash ?? 'sha1',
        ...(given.startsAt !== undefined && { startsAt: given.startsAt }),
        ...(given.ipAddress !== undefined && { ipAddress: given.ipAddress }),
      },
      this.#deps.clock.now(),
    )
    const { input: url, resource } = prepareUrl(input.url)
    const pattern = checkResourcePattern(given.resource, resource)
    return this.#signOne(input, {
      url,
      resource,
      conditions,
      pattern: pattern === resource ? undefined : pattern,
      canned: false,
      policy: given.text,
      given: given.text,
      warnings: [],
    })
  }

  /** Signs one prepared link as a URL or cookies, records it, and says what is worth knowing. */
  async #signOne(input: OneLinkInput, link: PreparedLink): Promise<SignedLink> {
    const { resource, pattern, given } = link
    const kind = input.cookies ? 'cookies' : 'url'
    const domain =
      kind === 'cookies' && input.cookieDomain?.trim()
        ? checkCookieDomain(input.cookieDomain, pattern ?? resource)
        : undefined
    const key = await this.#key(input.key)
    const conditions = forKey(link.conditions, key)
    const signing = linkMaker(key, key.keyPairId, conditions)
    const signedUrl = kind === 'url' ? await signing.url(resource, given) : undefined
    if (signedUrl) checkSignedLength(signedUrl)
    const cookies =
      kind === 'cookies'
        ? toSetCookies(await signing.cookies(resource, given), {
            resource: pattern ?? resource,
            expiresAt: conditions.expiresAt,
            domain,
          })
        : undefined
    const record = this.#record(
      key,
      conditions,
      { kind, url: link.url, resource: pattern ?? resource, policy: link.policy, canned: link.canned },
      input.label,
    )
    const distribution = input.distributionId ? { distributionId: input.distributionId } : {}
    const unrecorded = this.#recordInHistory([{ ...record, ...distribution, source: this.#deps.source }])
    const broad = pattern === undefined ? undefined : broadResourceWarning(pattern)
    return {
      ...record,
      ...(signedUrl && { signedUrl }),
      ...(cookies && { cookies }),
      keyName: key.name,
      warnings: [
        ...(broad ? [broad] : []),
        ...link.warnings,
        ...warningsFor(conditions, kind, domain),
        ...(isLegacyKeyPairId(key.keyPairId) ? [LEGACY_KEY_HINT] : []),
        ...unrecorded,
      ],
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
    const checked = this.#conditions(input)
    const key = await this.#key(input.key)
    const conditions = forKey(checked, key)
    // Batches and the inspector load with their first use: one link needs neither.
    const started = performance.now()
    const signed = await this.#signAll(key, conditions, input.urls, options)
    const elapsedMs = performance.now() - started
    const distribution = input.distributionId ? { distributionId: input.distributionId } : {}
    const unrecorded = this.#recordInHistory(
      signed.map((signedUrl, i): LinkRecord => {
        const resource = resourceOf(signedUrl)
        // As each URL was signed (createBatchSigner): a URL holding `*` with a custom policy.
        const canned = isCanned(conditions, wildcardOf({ url: resource }))
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
      warnings: unrecorded,
    }
  }

  /** A batch's URLs in order: on worker threads with a key held here, as requests with a KMS key. */
  async #signAll(
    key: ReadyKey,
    conditions: LinkConditions,
    urls: readonly string[],
    options: BatchRunOptions,
  ): Promise<string[]> {
    if (key.custody === 'kms') {
      const { signRemotely } = await import('./remote-batch.ts')
      return signRemotely(linkMaker(key, key.keyPairId, conditions), conditions, urls, options)
    }
    const { signInWorkers } = await import('./batch.ts')
    return signInWorkers({ privateKey: key.privateKey, keyPairId: key.keyPairId, conditions }, urls, options)
  }

  /**
   * Records signed links in the history. Links already signed are the user's work: when the
   * history cannot take them (a full disk, a read-only folder), they are still handed back, with
   * a warning saying they are not in the history.
   */
  #recordInHistory(entries: LinkRecord[]): string[] {
    try {
      this.#deps.history.record(entries)
      return []
    } catch (error) {
      if (!isKeyfrontError(error)) throw error
      const what = entries.length === 1 ? 'This link works, but it is' : 'These links work, but they are'
      return [`${what} not in the history: ${error.message}`]
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
      (key.custody === 'keychain' || hash === 'sha256') &&
      (record.canned
        ? cannedPolicy(resource, record.expiresAt) === record.policy
        : /[*?]/.test(record.resource) || record.resource === resource)
    if (!reproducible) {
      throw new KeyfrontError(
        'LINK_NOT_REPRODUCIBLE',
        'This history entry cannot be signed again exactly (its key or URL no longer match). Make a new link instead.',
      )
    }
    const signing = linkMaker(key, record.keyPairId, { expiresAt: record.expiresAt, hash })
    const policy = record.canned ? undefined : record.policy
    return record.kind === 'url'
      ? { kind: 'url', url: await signing.url(resource, policy) }
      : {
          kind: 'cookies',
          cookies: toSetCookies(await signing.cookies(resource, policy), {
            resource: record.resource,
            expiresAt: record.expiresAt,
          }),
        }
  }

  async inspect(input: InspectInput): Promise<InspectReport> {
    const { inspectLink } = await import('./inspect/inspect.ts')
    return inspectLink(this.#deps, input)
  }

  #conditions(input: ConditionsInput): LinkConditions {
    checkLabel(input.label)
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

/** KMS has no SHA-1: a key it holds always signs with SHA-256 (`Hash-Algorithm=SHA256`). */
function forKey(conditions: LinkConditions, key: SigningKey): LinkConditions {
  return key.custody === 'kms' ? { ...conditions, hash: 'sha256' } : conditions
}

function missingKeyPairId(name: string): KeyfrontError {
  return new KeyfrontError(
    'KEY_PAIR_ID_MISSING',
    `The key "${name}" has no Key-Pair-Id yet, so CloudFront could not check links signed with it. Upload its public key to CloudFront, or enter the ID CloudFront gave it (Keys screen, or "keyfront keys set-id").`,
  )
}

function warningsFor(
  conditions: LinkConditions,
  kind: 'url' | 'cookies',
  domain: string | undefined,
): string[] {
  const warnings: string[] = []
  if (conditions.ipAddress) {
    warnings.push(
      `Only viewers whose IP address is in ${conditions.ipAddress} can open it. Viewers on IPv6 are refused when the distribution has IPv6 turned on.`,
    )
  }
  if (kind === 'cookies' && domain === undefined) {
    warnings.push(
      'The cookies have no Domain attribute, so they belong to the host that sets them. If that host is not the distribution’s own, give a cookie domain (Advanced options, or --cookie-domain).',
    )
  }
  return warnings
}
