// Where Keyfront keeps its files (key metadata, history, settings — never private keys). The CLI
// resolves the same folder Electron uses as userData for an app named "Keyfront", so both see the
// same keys and history. KEYFRONT_DATA_DIR overrides it (tests, portable setups).
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Keyfront'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KEYFRONT_DATA_DIR) return env.KEYFRONT_DATA_DIR
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME)
}
