// Settings: the choices Keyfront remembers on this computer — how long new links work and the site
// New link starts with, the theme, the quick link's system-wide shortcut, notifications, the names
// sites are shown by — the keyboard shortcuts, and where Keyfront keeps its data. Each choice is
// saved as it is made.
import { useState } from 'react'
import type { Settings, SettingsChange } from '../../../../shared/contract/settings.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Screen } from '../../components/Screen.tsx'
import { call, useAction, useRead } from '../../lib/server-state.ts'
import { LinkDefaultsSection } from './LinkDefaultsSection.tsx'
import { AppearanceSection, NotificationsSection, QuickLinkSection } from './DesktopSections.tsx'
import { ShortcutsSection } from './ShortcutsSection.tsx'
import { SiteNamesSection } from './SiteNamesSection.tsx'
import './settings.css'

export function SettingsScreen() {
  const info = useRead('app.info', undefined)
  const settings = useRead('settings.get', undefined)
  const sites = useRead('cloudfront.sites', undefined)
  const [saved, setSaved] = useState('')
  // Choices made and not saved yet: shown at once, so a radio button or box follows the click (and
  // the arrow keys) while main saves it; a choice that could not be saved goes back.
  const [pending, setPending] = useState<SettingsChange>({})
  const save = useAction(async (change: SettingsChange) => {
    await call('settings.update', change)
    setSaved('Saved.')
  })
  const choose = (change: SettingsChange) => {
    setSaved('')
    setPending((shown) => ({ ...shown, ...change }))
    void save.run(change).finally(() => setPending((shown) => settled(shown, change)))
  }
  const current = settings.data && withChange(settings.data, pending)
  return (
    <Screen
      title="Settings"
      description="Choices Keyfront remembers on this computer, saved as you make them."
    >
      <ErrorNotice error={settings.error ?? sites.error} />
      <p role="status" className="settings-saved">
        {saved}
      </p>
      <ErrorNotice error={save.error} />
      {current && (
        <>
          <LinkDefaultsSection settings={current} sites={sites.data ?? []} choose={choose} />
          <AppearanceSection settings={current} choose={choose} />
          <QuickLinkSection settings={current} choose={choose} />
          <NotificationsSection settings={current} choose={choose} />
        </>
      )}
      {(sites.data ?? []).length > 0 && <SiteNamesSection sites={sites.data ?? []} />}
      <ShortcutsSection />
      <section className="panel" aria-labelledby="settings-about">
        <h2 id="settings-about">About</h2>
        <ErrorNotice error={info.error} />
        {info.data && (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.data.version}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{info.data.dataDir}</code>
            </dd>
            <dt>Private keys</dt>
            <dd>Kept in your system keychain, never in the data folder.</dd>
          </dl>
        )}
      </section>
    </Screen>
  )
}

/** The settings as they will be once `change` is saved (`defaultSite: null` clears the site). */
function withChange(settings: Settings, change: SettingsChange): Settings {
  const { defaultSite, ...rest } = { ...settings, ...change }
  return defaultSite === null || defaultSite === undefined ? rest : { ...rest, defaultSite }
}

/** The pending choices left once `change` is done: those made since stay shown. */
function settled(pending: SettingsChange, change: SettingsChange): SettingsChange {
  return Object.fromEntries(
    Object.entries(pending).filter(([name, value]) => change[name as keyof SettingsChange] !== value),
  )
}
