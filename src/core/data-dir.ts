// Where Keyfront keeps its files (key metadata, history, settings — never private keys). The CLI
// resolves the same folder Electron uses as userData for an app named "Keyfront", so both see the
// same keys and history. KEYFRONT_DATA_DIR overrides it (tests, portable setups). The folder is
// its owner's alone: the history holds URLs, labels and policies other local users have no need for.
import { chmodSync, mkdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { dataFileError, dataFolderInvalid, errnoOf } from './file-errors.ts'

export const APP_NAME = 'Keyfront'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KEYFRONT_DATA_DIR) return env.KEYFRONT_DATA_DIR
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME)
}

/** Creates the data folder owner-only (before anything is written into it), or narrows it. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
  } catch (error) {
    const code = errnoOf(error)
    if (code === 'EEXIST' || code === 'ENOTDIR') throw dataFolderInvalid(dir, error)
    throw dataFileError(error, dir, 'save')
  }
  narrowDataDir(dir)
}

/**
 * Earlier versions created the folder 0755. Narrowed wherever Keyfront opens it; best effort, since
 * a folder on a read-only disk or owned by someone else can still be read, and reading must work.
 */
export function narrowDataDir(dir: string): void {
  if (process.platform === 'win32') return
  try {
    const stats = statSync(dir)
    if (stats.isDirectory() && (stats.mode & 0o077) !== 0) chmodSync(dir, 0o700)
  } catch {
    // Missing (made on first write), read-only or not ours: left as it is, see above.
  }
}
