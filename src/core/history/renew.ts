// Renewing a link of the history ("Make a new link like this…", `keyfront history renew`): the same
// file, key, label and conditions, signed for as long again as the original worked — or until a
// time chosen — and recorded as a new entry that names the one it renews. The old entry is left as
// it was. Signing goes through LinkService, with a recorder that stamps the renewal on the record.
import type { SignedSite } from '../../shared/contract/cloudfront.ts'
import type { HistoryEntry } from '../../shared/contract/history.ts'
import type { KeySummary } from '../../shared/contract/keys.ts'
import type { RenewalDraft, RenewedLink, RenewRequest } from '../../shared/contract/renewal.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { siteAddresses } from '../../shared/site-link.ts'
import type { Clock } from '../clock.ts'
import { heldKeyFor, isKeyFileId } from '../signing/key-file.ts'
import { LinkService, type LinkServiceDeps } from '../signing/link-service.ts'
import type { HistoryStore } from './history-store.ts'

export interface RenewalDeps {
  /** The history, opened on first use. */
  history(): HistoryStore
  keys: LinkServiceDeps['keys']
  clock: Clock
  source: 'app' | 'cli'
  /** The sites onboarded from this computer (signed-sites.json; no AWS call). */
  sites(): Promise<SignedSite[]>
}

const MINUTE = 60

/** Seconds rounded to whole minutes: recording a link takes a moment after it is signed. */
function wholeMinutes(seconds: number): number {
  return Math.round(seconds / MINUTE) * MINUTE
}

/** How long the original worked, from its signing to its expiry; at least a minute. */
export function originalDuration(entry: Pick<HistoryEntry, 'createdAt' | 'expiresAt'>): number {
  return Math.max(MINUTE, wholeMinutes(entry.expiresAt - entry.createdAt / 1000))
}

/** The hash the original's signature used (`rsa-sha256` → `sha256`). */
function hashOf(entry: Pick<HistoryEntry, 'algorithm'>): 'sha1' | 'sha256' {
  return entry.algorithm.endsWith('sha256') ? 'sha256' : 'sha1'
}

/** How long after its signing the original started, when it had a start time. */
function startsAfter(entry: HistoryEntry): number | undefined {
  return entry.startsAt === undefined ? undefined : wholeMinutes(entry.startsAt - entry.createdAt / 1000)
}

/** The site a link was made for — by the distribution recorded, else by the URL's host — and the path on it. */
export function siteOfLink(
  entry: Pick<HistoryEntry, 'url' | 'distributionId'>,
  sites: readonly SignedSite[],
): RenewalDraft['site'] {
  let url: URL
  try {
    url = new URL(entry.url)
  } catch {
    return undefined
  }
  const host = url.hostname.toLowerCase()
  const answersOn = (site: SignedSite) =>
    siteAddresses(site).some((address) => address.toLowerCase() === host)
  const site =
    entry.distributionId === undefined
      ? sites.find(answersOn)
      : sites.find((known) => known.distributionId === entry.distributionId && answersOn(known))
  if (!site) return undefined
  return { distributionId: site.distributionId, address: url.hostname, path: readablePath(url) }
}

/** A wildcard resource: `*` anywhere, or `?` where the URL has no query for it to be part of. */
function opensMoreThanItsUrl(entry: Pick<HistoryEntry, 'url' | 'resource'>): boolean {
  return entry.resource.includes('*') || (entry.resource.includes('?') && !entry.url.includes('?'))
}

/** The path and query as people write them: `reports/Q3 results.pdf`, not `%20`. */
function readablePath(url: URL): string {
  const path = `${url.pathname}${url.search}`.replace(/^\//, '')
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

export class Renewals {
  readonly #deps: RenewalDeps

  constructor(deps: RenewalDeps) {
    this.#deps = deps
  }

  /** What the renew form starts with; nothing is signed. */
  async draft(id: number): Promise<RenewalDraft> {
    const entry = this.#deps.history().get(id)
    const [keys, sites] = await Promise.all([this.#deps.keys.list(), this.#deps.sites()])
    const site = siteOfLink(entry, sites)
    const held = heldKeyFor(entry.keyId, keys)
    const durationSeconds = originalDuration(entry)
    const after = startsAfter(entry)
    const draft: RenewalDraft = {
      from: entry.id,
      kind: entry.kind,
      url: entry.url,
      durationSeconds,
      expiresAt: this.#nowSeconds() + durationSeconds,
      hash: hashOf(entry),
    }
    if (site) draft.site = site
    if (!entry.canned && opensMoreThanItsUrl(entry)) draft.resource = entry.resource
    if (entry.label !== undefined) draft.label = entry.label
    if (held) draft.key = { id: held.id, name: held.name }
    else {
      draft.keyMissing = isKeyFileId(entry.keyId) ? 'key-file' : 'deleted'
      const siteKey = siteKeyOf(entry, sites, keys)
      if (siteKey) draft.siteKey = { id: siteKey.id, name: siteKey.name }
    }
    if (after !== undefined) draft.startsAfterSeconds = after
    if (entry.ipAddress !== undefined) draft.ipAddress = entry.ipAddress
    return draft
  }

  /** Signs the renewal and records it as a new entry naming the old one. */
  async renew(request: RenewRequest): Promise<RenewedLink> {
    const history = this.#deps.history()
    const entry = history.get(request.id)
    const keys = await this.#deps.keys.list()
    const key = request.key ?? heldKeyFor(entry.keyId, keys)?.id
    if (key === undefined) throw keyMissing(entry, siteKeyOf(entry, await this.#deps.sites(), keys))
    const now = this.#nowSeconds()
    const after = startsAfter(entry)
    // A link made from a whole address is recorded for its site too, when the address is one.
    const distributionId = entry.distributionId ?? siteOfLink(entry, await this.#deps.sites())?.distributionId
    let recorded: number | undefined
    // A LinkService of its own, whose records name the entry renewed: one insert, nothing patched after.
    const links = new LinkService({
      keys: this.#deps.keys,
      clock: this.#deps.clock,
      source: this.#deps.source,
      history: {
        record: (entries) => {
          recorded = history.record(entries.map((record) => ({ ...record, renewedFrom: entry.id })))[0]
        },
        findByPolicy: (policy, keyPairId) => history.findByPolicy(policy, keyPairId),
      },
    })
    const label = request.label ?? entry.label
    const signed = await links.sign({
      key,
      url: entry.url,
      // A custom policy's resource as signed: its wildcard, or the URL itself (the same policy).
      ...(!entry.canned && { resource: entry.resource }),
      cookies: entry.kind === 'cookies',
      expiresAt: request.expiresAt ?? now + originalDuration(entry),
      ...(after !== undefined && { startsAt: now + after }),
      ...(entry.ipAddress !== undefined && { ipAddress: entry.ipAddress }),
      hash: hashOf(entry),
      ...(label !== undefined && { label }),
      ...(distributionId !== undefined && { distributionId }),
    })
    return { ...signed, renewedFrom: entry.id, ...(recorded !== undefined && { entryId: recorded }) }
  }

  #nowSeconds(): number {
    return Math.floor(this.#deps.clock.now() / 1000)
  }
}

/** The key the link's site was onboarded with, when Keyfront holds it: what to offer instead. */
function siteKeyOf(
  entry: Pick<HistoryEntry, 'url' | 'distributionId'>,
  sites: readonly SignedSite[],
  keys: readonly KeySummary[],
): KeySummary | undefined {
  const site = siteOfLink(entry, sites)
  const known = sites.find((s) => s.distributionId === (site?.distributionId ?? entry.distributionId))
  return known && keys.find((key) => key.id === known.keyId && key.keyPairId !== undefined)
}

function keyMissing(entry: HistoryEntry, siteKey: KeySummary | undefined): KeyfrontError {
  const why = isKeyFileId(entry.keyId)
    ? `Link ${entry.id} was signed with a key file, which Keyfront does not keep. Import that key (Keys → Import, or "keyfront keys import") and renew again`
    : `The key that signed link ${entry.id} has been deleted from Keyfront. If you kept a copy of it, import it (Keys → Import, or "keyfront keys import") and renew again`
  const instead = siteKey
    ? `, or renew it with the key its site was set up with: "keyfront history renew ${entry.id} --key ${quoted(siteKey.name)}".`
    : `, or renew it with another key that the site trusts: "keyfront history renew ${entry.id} --key NAME".`
  return new KeyfrontError('RENEW_KEY_MISSING', why + instead)
}

/** A key name as typed in a shell: quoted when it holds a space or a quote. */
function quoted(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : `"${name.replaceAll('"', '\\"')}"`
}
