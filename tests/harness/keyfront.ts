// Builds the real core for a test: real keychain (keytar, under a service name the test owns, or a
// Keychain the test passes), real AWS SDK clients (pointed at moto_server by the environment), the
// system clock, in a data dir the test owns.
import { createKeyfront, type Keyfront, type KeyfrontDeps } from '../../src/core/app.ts'
import { createAwsClientFactory } from '../../src/core/aws/clients.ts'
import { systemClock } from '../../src/core/clock.ts'
import { createKeytarKeychain } from '../../src/core/keychain/keytar-keychain.ts'

export interface TestKeyfrontOptions extends Partial<Omit<KeyfrontDeps, 'dataDir'>> {
  dataDir: string
  /** Keychain service name for a real keytar keychain (ignored when `keychain` is given). */
  keychainService?: string
}

export function createTestKeyfront(options: TestKeyfrontOptions): Keyfront {
  const { dataDir, keychainService, ...deps } = options
  return createKeyfront({
    dataDir,
    keychain: deps.keychain ?? createKeytarKeychain(keychainService ?? `Keyfront-test-${process.pid}`),
    aws: deps.aws ?? createAwsClientFactory(),
    clock: deps.clock ?? systemClock,
    source: deps.source ?? 'app',
    version: deps.version ?? '0.0.0-test',
  })
}
