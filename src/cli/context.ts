// What every command gets: output in the chosen format, and the core, built on first use so that
// `--help` and `--version` never touch the keychain or the data dir.
import { createKeyfront, type Keyfront } from '../core/app.ts'
import { createAwsClientFactory } from '../core/aws/clients.ts'
import { systemClock } from '../core/clock.ts'
import { defaultDataDir } from '../core/data-dir.ts'
import { keychainService } from '../core/keychain/keychain.ts'
import { createKeytarKeychain } from '../core/keychain/keytar-keychain.ts'
import type { CliIo } from './io.ts'

/** What a command returns: the value `--json` prints, and the text people read. */
export interface CommandResult {
  json: unknown
  text: string
  /** A non-zero status with a full answer (e.g. `inspect` of a link that does not work). */
  exitCode?: number
}

export interface CliContext {
  io: CliIo
  version: string
  keyfront(): Keyfront
  close(): void
}

export function createCliContext(
  io: CliIo,
  version: string,
  build: (io: CliIo, version: string) => Keyfront = buildKeyfront,
): CliContext {
  let instance: Keyfront | undefined
  return {
    io,
    version,
    keyfront: () => (instance ??= build(io, version)),
    close: () => instance?.close(),
  }
}

function buildKeyfront(io: CliIo, version: string): Keyfront {
  return createKeyfront({
    dataDir: defaultDataDir(io.env),
    keychain: createKeytarKeychain(keychainService(io.env)),
    aws: createAwsClientFactory(),
    clock: systemClock,
    source: 'cli',
    version,
  })
}
