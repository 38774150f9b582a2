// What every command gets: output in the chosen format, and the core, loaded and built on first use
// so that `--help` and `--version` never touch the keychain or the data dir. A command that needs
// no AWS asks for the local services only, and the AWS SDK is never loaded for it: that is most
// of what `keyfront sign --key-file` would otherwise spend starting up.
import type { Keyfront } from '../core/app.ts'
import { systemClock } from '../core/clock.ts'
import { defaultDataDir } from '../core/data-dir.ts'
import { keychainService } from '../core/keychain/keychain.ts'
import { createKeytarKeychain } from '../core/keychain/keytar-keychain.ts'
import type { LocalDeps, LocalServices } from '../core/local-services.ts'
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
  /** Keys, history and links (src/core/local-services.ts), without loading any AWS module. */
  local(): Promise<LocalServices>
  /** The whole core, AWS services included, over the same local services. */
  keyfront(): Promise<Keyfront>
  close(): void
}

export function createCliContext(io: CliIo, version: string): CliContext {
  const deps: LocalDeps = {
    dataDir: defaultDataDir(io.env),
    keychain: createKeytarKeychain(keychainService(io.env)),
    clock: systemClock,
    source: 'cli',
    version,
  }
  let local: Promise<LocalServices> | undefined
  let keyfront: Promise<Keyfront> | undefined
  let built: LocalServices | undefined
  const loadLocal = () =>
    (local ??= import('../core/local-services.ts').then((module) => {
      built = module.createLocalServices(deps)
      // Whichever command finds the history unreadable says so, once — not only `history list`.
      built.onHistoryReset((movedTo) => io.stderr(historyResetNotice(movedTo)))
      return built
    }))
  return {
    io,
    version,
    local: loadLocal,
    keyfront: () =>
      (keyfront ??= Promise.all([
        loadLocal(),
        import('../core/app.ts'),
        import('../core/aws/clients.ts'),
      ]).then(([services, app, aws]) =>
        app.createKeyfront({ ...deps, aws: aws.createAwsClientFactory() }, services),
      )),
    close: () => built?.close(),
  }
}

function historyResetNotice(movedTo: string): string {
  return `keyfront: the history file could not be read, so it was moved to ${movedTo} and a new history started. The links made before are kept in that file.\n`
}
