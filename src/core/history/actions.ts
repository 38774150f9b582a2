// What the app and the CLI do with the history beyond storing it: show entries with their status
// and key, sign an entry again, export CSV, and the latest expiry per key. One implementation,
// used by the IPC handlers and the CLI commands alike.
import type {
  CopiedAgain,
  ExpiringCount,
  HistoryEntry,
  HistoryFilter,
  HistoryItem,
  HistoryPage,
  HistoryPageRequest,
  KeyExpiry,
  LinkRecord,
  LinkStatus,
  SignedAgain,
} from '../../shared/contract/history.ts'
import type { KeySummary } from '../../shared/contract/keys.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { EXPIRING_SOON_SECONDS, formatUtc } from '../../shared/expiry.ts'
import { heldKeyFor, isKeyFileId } from '../signing/key-file.ts'
import { writeOutputFile } from '../output-file.ts'
import { historyCsvHeader, historyCsvLine } from './csv.ts'
import type { HistoryStore } from './history-store.ts'

export interface HistoryActionDeps {
  history: HistoryStore
  keys: { list(): Promise<KeySummary[]> }
  /** LinkService: signs a recorded policy again with the entry's key. */
  links: { signAgain(record: LinkRecord): Promise<SignedAgain> }
}

export function linkStatus(entry: LinkRecord, nowSeconds: number): LinkStatus {
  if (entry.expiresAt <= nowSeconds) return 'expired'
  if (entry.startsAt !== undefined && entry.startsAt > nowSeconds) return 'scheduled'
  return 'active'
}

export function describeEntries(
  entries: HistoryEntry[],
  keys: KeySummary[],
  nowSeconds: number,
): HistoryItem[] {
  return entries.map((entry) => {
    const facts = keyFacts(entry.keyId, keys)
    const status = linkStatus(entry, nowSeconds)
    const canSignAgain = 'keyName' in facts
    return { ...entry, status, ...facts, canSignAgain, canCopyAgain: canSignAgain && status !== 'expired' }
  })
}

/** The key's name when Keyfront holds it; else whether it was a key file rather than a deleted key. */
function keyFacts(keyId: string, keys: KeySummary[]): { keyName: string } | { keyFile?: true } {
  const held = heldKeyFor(keyId, keys)
  if (held) return { keyName: held.name }
  return isKeyFileId(keyId) ? { keyFile: true } : {}
}

export async function listHistory(
  deps: HistoryActionDeps,
  request: HistoryPageRequest,
): Promise<HistoryPage> {
  const page = deps.history.list(request)
  const entries = describeEntries(page.entries, await deps.keys.list(), deps.history.nowSeconds())
  return page.nextCursor === undefined ? { entries } : { entries, nextCursor: page.nextCursor }
}

/** A key filter given by name or id; a deleted key's id (as the listing shows it) works too. */
export async function resolveKeyId(deps: HistoryActionDeps, ref: string): Promise<string> {
  const keys = await deps.keys.list()
  return (keys.find((key) => key.name === ref) ?? keys.find((key) => key.id === ref))?.id ?? ref
}

function cannotSignAgain(entry: HistoryEntry, nowSeconds: number): KeyfrontError {
  const why = isKeyFileId(entry.keyId)
    ? `Link ${entry.id} was signed with a key file (keyfront sign --key-file), which Keyfront does not keep. Import that key once (Keys → Import, or "keyfront keys import") and the link can be made again.`
    : `The key that signed link ${entry.id} has been deleted from Keyfront, so the link cannot be made again.`
  const still =
    entry.expiresAt > nowSeconds
      ? ` The link you shared still works until ${formatUtc(entry.expiresAt)} if CloudFront still trusts its public key (Key-Pair-Id ${entry.keyPairId}).`
      : ` It expired on ${formatUtc(entry.expiresAt)} anyway.`
  return new KeyfrontError('LINK_NOT_REPRODUCIBLE', why + still)
}

function expired(entry: HistoryEntry): KeyfrontError {
  return new KeyfrontError(
    'LINK_EXPIRED',
    `Link ${entry.id} stopped working on ${formatUtc(entry.expiresAt)}: copied again, it would still be expired. Make a new link like it instead — "keyfront history renew ${entry.id}", or "Make a new link like this…" in History.`,
  )
}

/**
 * Signs the entry's stored policy anew with its key — for RSA the very link first made, for ECDSA
 * a new one that works the same. Expired links too: the inspector shows why they no longer work.
 */
export async function signAgain(deps: HistoryActionDeps, id: number): Promise<CopiedAgain> {
  const entry = deps.history.get(id)
  const keys = await deps.keys.list()
  if (!heldKeyFor(entry.keyId, keys)) throw cannotSignAgain(entry, deps.history.nowSeconds())
  const signed = await deps.links.signAgain(entry)
  return { ...signed, sameLink: entry.algorithm.startsWith('rsa-') }
}

/** "Copy again" to give to someone: as signAgain, but an expired link is refused, since it would not work. */
export async function copyAgain(deps: HistoryActionDeps, id: number): Promise<CopiedAgain> {
  const entry = deps.history.get(id)
  if (linkStatus(entry, deps.history.nowSeconds()) === 'expired') {
    const keys = await deps.keys.list()
    if (heldKeyFor(entry.keyId, keys)) throw expired(entry)
  }
  return signAgain(deps, id)
}

/** How many links expire within `within` seconds (48 hours by default) and were not renewed. */
export function expiringCount(
  deps: Pick<HistoryActionDeps, 'history'>,
  within = EXPIRING_SOON_SECONDS,
): ExpiringCount {
  return { count: deps.history.countExpiring(within), within }
}

/** The signed link as one CSV cell: the URL, or the cookies as a Cookie header. */
function signedCell(signed: SignedAgain): string {
  if (signed.kind === 'url') return signed.url
  return signed.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
}

/**
 * Writes the matching entries, newest first, to `path` as CSV; returns how many. With
 * `includeSignedUrls`, each entry that still works and whose key is held is signed again into a
 * last column (expired links and deleted keys leave it empty). An existing file is replaced only
 * with `replace`, and only once the whole export has succeeded.
 */
export async function exportHistory(
  deps: HistoryActionDeps,
  options: { filter: HistoryFilter; path: string; includeSignedUrls: boolean; replace: boolean },
): Promise<number> {
  const keys = await deps.keys.list()
  let count = 0
  await writeOutputFile(options.path, { replace: options.replace }, async (out) => {
    await out.write(historyCsvHeader(options.includeSignedUrls))
    for (const entry of deps.history.each(options.filter)) {
      const [item] = describeEntries([entry], keys, deps.history.nowSeconds())
      if (!item) continue
      let signed: string | undefined
      if (options.includeSignedUrls) {
        const usable = item.canSignAgain && item.status !== 'expired'
        signed = usable ? signedCell(await deps.links.signAgain(entry)) : ''
      }
      await out.write(historyCsvLine(item, signed))
      count++
    }
  })
  return count
}

export async function keyExpiries(deps: HistoryActionDeps): Promise<KeyExpiry[]> {
  const keys = await deps.keys.list()
  return deps.history.latestExpiryPerKey().map((fact) => ({ ...fact, ...keyFacts(fact.keyId, keys) }))
}
