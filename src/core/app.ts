// The composition root: builds every core service from its dependencies. The Electron main
// process and the CLI both call createKeyfront(); tests build it (or single services) with real
// or fake dependencies. No DI framework — wiring is plain code, read top to bottom.
import type { AwsClientFactory } from './aws/clients.ts'
import type { Clock } from './clock.ts'
import type { Keychain } from './keychain/keychain.ts'

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
  /** Releases open resources (the history database). */
  close(): void
}

export function createKeyfront(deps: KeyfrontDeps): Keyfront {
  return {
    dataDir: deps.dataDir,
    version: deps.version,
    close() {},
  }
}
