// The CLI finds the same data folder the app uses (Electron's userData for "Keyfront").
import { homedir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../src/core/data-dir.ts'

describe('defaultDataDir', () => {
  it('honours KEYFRONT_DATA_DIR first', () => {
    expect(defaultDataDir({ KEYFRONT_DATA_DIR: '/tmp/kf' }, 'linux')).toBe('/tmp/kf')
  })
  it('matches Electron userData on each platform', () => {
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Keyfront'))
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Keyfront')
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Keyfront'))
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'Keyfront'),
    )
  })
})
