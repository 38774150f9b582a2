// The composition root: builds every core service from its dependencies. The Electron main
// process and the CLI both call createKeyfront(); tests build it (or single services) with real
// or fake dependencies. No DI framework — wiring is plain code, read top to bottom.
import { AwsAccounts } from './aws/accounts.ts'
import type { AwsClientFactory } from './aws/clients.ts'
import type { Clock } from './clock.ts'
import { CloudFrontService } from './cloudfront/service.ts'
import type { Keychain } from './keychain/keychain.ts'
import { openHistoryStore, type HistoryStore } from './history/history-store.ts'
import { KeyService } from './keys/key-service.ts'
import { OriginService } from './origin/service.ts'
import { LinkService } from './signing/link-service.ts'

export interface KeyfrontDeps {
  /** Folder for metadata and history (never private keys). */
  dataDir: string
  keychain: Keychain
  aws: AwsClientFactory
  clock: Clock
  /** Where a signature is being made: recorded in history. */
  source: 'app' | 'cli'
  version: string
}

export interface Keyfront {
  readonly dataDir: string
  readonly version: string
  /** Signing keys: private halves in the OS keychain, metadata in keys.json. */
  readonly keys: KeyService
  /** Private S3 bucket → CloudFront distribution with origin access control. */
  readonly origin: OriginService
  /** Every link signed: searchable, signable again; never the signature. */
  readonly history: HistoryStore
  /** AWS profiles (shared config files, SSO, access keys in the keychain) and who they are. */
  readonly awsAccounts: AwsAccounts
  /** Public keys, key groups, distributions; onboarding a distribution to signed links. */
  readonly cloudfront: CloudFrontService
  /** Signed URLs and cookies (one or a batch), signing again, the link inspector. */
  readonly links: LinkService
  /** Releases open resources (the history database). */
  close(): void
}

export function createKeyfront(deps: KeyfrontDeps): Keyfront {
  const history = openHistoryStore({ dataDir: deps.dataDir, clock: deps.clock })
  const keys = new KeyService({ dataDir: deps.dataDir, keychain: deps.keychain, clock: deps.clock })
  const awsAccounts = new AwsAccounts({
    aws: deps.aws,
    dataDir: deps.dataDir,
    keychain: deps.keychain,
    clock: deps.clock,
  })
  return {
    dataDir: deps.dataDir,
    version: deps.version,
    keys,
    origin: new OriginService({ aws: deps.aws, accounts: awsAccounts }),
    history,
    awsAccounts,
    cloudfront: new CloudFrontService({
      aws: deps.aws,
      accounts: awsAccounts,
      keys,
      dataDir: deps.dataDir,
      clock: deps.clock,
    }),
    links: new LinkService({ keys, history, clock: deps.clock, source: deps.source }),
    close() {
      history.close()
    },
  }
}
