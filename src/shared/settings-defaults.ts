// The settings a new installation starts with, apart from their schema (contract/settings.ts), so
// that the window can fall back on them without loading zod.
import type { Settings } from './contract/settings.ts'

export const DEFAULT_SETTINGS: Settings = {
  defaultDuration: '1d',
  theme: 'system',
  notifications: true,
  quickLinkShortcut: false,
}
