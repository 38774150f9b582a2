// Channels of the settings area: the choices a person makes once — how long new links work by
// default, the site New link starts with, the theme, notifications, and the quick-link shortcut.
// Kept in settings.json in the data folder; nothing in it is secret.
import { z } from 'zod'
import { EXPIRY_PRESETS, type ExpiryPresetId } from '../expiry.ts'
import { DistributionId } from './cloudfront.ts'
import { channel } from './define.ts'

const PRESET_IDS = EXPIRY_PRESETS.map((preset) => preset.id) as [ExpiryPresetId, ...ExpiryPresetId[]]

export const Theme = z.enum(['system', 'light', 'dark'])
export type Theme = z.infer<typeof Theme>

export const Settings = z.object({
  /** A preset of New link (1 hour … 30 days): New link and the quick link start with it. */
  defaultDuration: z.enum(PRESET_IDS),
  /** The site (onboarded distribution) New link and the quick link use; none chosen when absent. */
  defaultSite: DistributionId.optional(),
  /** Follow the system's appearance, or always light or dark. */
  theme: Theme,
  /** Say with a system notification when a quick link was copied, and when a deployment is done. */
  notifications: z.boolean(),
  /** The system-wide quick-link shortcut (desktop-commands.ts); off unless turned on. */
  quickLinkShortcut: z.boolean(),
})
export type Settings = z.infer<typeof Settings>

export { DEFAULT_SETTINGS } from '../settings-defaults.ts'

/** Only the settings to change; `defaultSite: null` clears the default site. Unknown names are refused. */
export const SettingsChange = z
  .object({
    defaultDuration: Settings.shape.defaultDuration,
    defaultSite: DistributionId.nullable(),
    theme: Theme,
    notifications: z.boolean(),
    quickLinkShortcut: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsChange = z.infer<typeof SettingsChange>

export const settingsContract = {
  'settings.get': channel(z.undefined(), Settings),
  /** Changes some settings; answers with all of them as saved. */
  'settings.update': channel(SettingsChange, Settings),
}
