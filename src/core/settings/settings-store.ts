// The settings a person chooses once, kept in settings.json in the data folder (nothing secret).
// Read leniently: a setting missing or unreadable — a file from an older or newer Keyfront, or a
// damaged one — reads as its default rather than stopping the app, and the next change writes a
// whole, valid file again. Changes go through JsonFile.update, locked against other processes.
import { join } from 'node:path'
import { z } from 'zod'
import type { SignedSite } from '../../shared/contract/cloudfront.ts'
import {
  DEFAULT_SETTINGS,
  Settings,
  SettingsChange,
  type Settings as SettingsValue,
  type SettingsChange as SettingsChangeValue,
} from '../../shared/contract/settings.ts'
import { KeyfrontError } from '../../shared/errors.ts'
import { JsonFile } from '../json-file.ts'

export const SETTINGS_FILE = 'settings.json'

/** Each setting on its own: one that does not fit falls back to its default, the others are kept. */
const LenientSettings = z.preprocess(
  (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}),
  z.object({
    defaultDuration: Settings.shape.defaultDuration.catch(DEFAULT_SETTINGS.defaultDuration),
    defaultSite: Settings.shape.defaultSite.catch(undefined),
    theme: Settings.shape.theme.catch(DEFAULT_SETTINGS.theme),
    notifications: Settings.shape.notifications.catch(DEFAULT_SETTINGS.notifications),
    quickLinkShortcut: Settings.shape.quickLinkShortcut.catch(DEFAULT_SETTINGS.quickLinkShortcut),
  }),
) as unknown as z.ZodType<SettingsValue>

export interface SettingsDeps {
  dataDir: string
  /** The sites onboarded here: a default site must be one of them. */
  sites(): Promise<SignedSite[]>
}

export class SettingsStore {
  readonly #file: JsonFile<SettingsValue>
  readonly #deps: SettingsDeps
  readonly #listeners = new Set<(settings: SettingsValue) => void>()

  constructor(deps: SettingsDeps) {
    this.#deps = deps
    this.#file = new JsonFile(join(deps.dataDir, SETTINGS_FILE), LenientSettings, DEFAULT_SETTINGS)
  }

  get(): Promise<SettingsValue> {
    return this.#file.read()
  }

  /** Changes the settings named, checks them, saves, tells the listeners; answers with all of them. */
  async update(change: SettingsChangeValue): Promise<SettingsValue> {
    const checked = SettingsChange.safeParse(change)
    if (!checked.success) {
      const issue = checked.error.issues[0]
      const name = issue?.path.join('.') || 'settings'
      throw new KeyfrontError(
        'INVALID_INPUT',
        `The setting ${name} cannot be saved: ${issue?.message ?? 'it is not valid'}.`,
      )
    }
    const { defaultSite, ...rest } = checked.data
    if (defaultSite) await this.#checkSite(defaultSite)
    const saved = await this.#file.update((current) => {
      const next: SettingsValue = { ...current, ...rest }
      if (defaultSite === null) delete next.defaultSite
      else if (defaultSite !== undefined) next.defaultSite = defaultSite
      return { write: next, result: next }
    })
    for (const listener of this.#listeners) listener(saved)
    return saved
  }

  /** Calls `listener` with the settings after each change made here; returns the way to stop. */
  onChange(listener: (settings: SettingsValue) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async #checkSite(distributionId: string): Promise<void> {
    const sites = await this.#deps.sites()
    if (!sites.some((site) => site.distributionId === distributionId)) {
      throw new KeyfrontError(
        'SITE_NOT_FOUND',
        `No site ${distributionId} was set up from this computer, so it cannot be the default. Choose one of the sites listed under Distributions → Sites on this computer.`,
      )
    }
  }
}
