// The part of the core that works without AWS: signing keys (OS keychain + keys.json), the link
// history and links (signing, inspecting). It imports no AWS SDK client, so whoever needs only
// these — the CLI's `sign --key-file`, `inspect`, `history`, `keys` — starts without loading one;
// app.ts builds the AWS services over the same instance. Nothing is opened here: the history
// database is opened by the first call that needs it, so commands that never touch it work on a
// read-only or full data folder.
import type { AwsClientFactory } from './aws/clients.ts'
import type { Clock } from './clock.ts'
import { narrowDataDir } from './data-dir.ts'
import { openHistoryStore, type HistoryStore } from './history/history-store.ts'
import { Renewals } from './history/renew.ts'
import type { HistoryLookup, HistoryRecorder } from './history/recorder.ts'
import type { Keychain } from './keychain/keychain.ts'
import { KeyService } from './keys/key-service.ts'
import { LinkService } from './signing/link-service.ts'

export interface LocalDeps {
  /** Folder for metadata and history (never private keys). */
  dataDir: string
  keychain: Keychain
  clock: Clock
  /** Where a signature is being made: recorded in history. */
  source: 'app' | 'cli'
  version: string
  /** AWS clients for signing with a KMS key; made on first such use when not given (the CLI). */
  aws?: AwsClientFactory
}

export interface LocalServices {
  readonly dataDir: string
  readonly version: string
  /** Signing keys: private halves in the OS keychain, metadata in keys.json. */
  readonly keys: KeyService
  /** Every link signed: searchable, signable again; never the signature. Opened on first use. */
  readonly history: HistoryStore
  /** Signed URLs and cookies (one or a batch), signing again, the link inspector. */
  readonly links: LinkService
  /** Links of the history made again for a new time, as new entries naming the old. */
  readonly renewals: Renewals
  /**
   * Calls `listener` with where an unreadable history file was moved, each time that happens and no
   * failing call reports it itself; returns the way to stop listening.
   */
  onHistoryReset(listener: (movedTo: string) => void): () => void
  /** Releases open resources (the history database, if it was opened). */
  close(): void
}

export function createLocalServices(deps: LocalDeps): LocalServices {
  narrowDataDir(deps.dataDir)
  const resetListeners = new Set<(movedTo: string) => void>()
  let opened: HistoryStore | undefined
  const history = (): HistoryStore =>
    (opened ??= openHistoryStore({
      dataDir: deps.dataDir,
      clock: deps.clock,
      onReset: (movedTo) => resetListeners.forEach((listener) => listener(movedTo)),
    }))
  const recorder: HistoryRecorder & HistoryLookup = {
    record: (entries) => history().record(entries),
    findByPolicy: (policy, keyPairId) => history().findByPolicy(policy, keyPairId),
  }
  const keys = new KeyService({
    dataDir: deps.dataDir,
    keychain: deps.keychain,
    clock: deps.clock,
    // The AWS SDK loads only when a key held by KMS signs.
    kms: async (ref, type) => (await import('./kms/kms-signing.ts')).kmsSignerFor(deps, ref, type),
  })
  return {
    dataDir: deps.dataDir,
    version: deps.version,
    keys,
    get history() {
      return history()
    },
    links: new LinkService({ keys, history: recorder, clock: deps.clock, source: deps.source }),
    renewals: new Renewals({
      history,
      keys,
      clock: deps.clock,
      source: deps.source,
      // Loaded when a renewal needs it: the sites file's schema is not for every command to load.
      sites: async () => new (await import('./cloudfront/signed-sites.ts')).SignedSites(deps.dataDir).list(),
    }),
    onHistoryReset(listener) {
      resetListeners.add(listener)
      return () => resetListeners.delete(listener)
    },
    close() {
      opened?.close()
    },
  }
}
