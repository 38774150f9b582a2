// Settings → Appearance (system, light or dark; the page and the window follow at once), Quick link
// (the optional system-wide shortcut) and Notifications (one switch for all of Keyfront's: a quick
// link ready, a change deployed, a key that can be retired).
import { useId } from 'react'
import type { Settings, SettingsChange, Theme } from '../../../../shared/contract/settings.ts'
import { quickLinkShortcutText } from '../../../../shared/desktop-commands.ts'
import { FieldGroup } from '../../components/Field.tsx'
import { useIsMac } from '../../lib/shortcuts.ts'

const THEMES: { id: Theme; label: string }[] = [
  { id: 'system', label: 'Same as the system' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
]

type SectionProps = { settings: Settings; choose: (change: SettingsChange) => void }

export function AppearanceSection({ settings, choose }: SectionProps) {
  const group = useId()
  return (
    <section className="panel" aria-labelledby="settings-appearance">
      <h2 id="settings-appearance">Appearance</h2>
      <FieldGroup legend="Theme">
        <div className="choice-row settings-choices">
          {THEMES.map((theme) => (
            <label key={theme.id} className="choice">
              <input
                type="radio"
                name={group}
                checked={settings.theme === theme.id}
                onChange={() => choose({ theme: theme.id })}
              />
              {theme.label}
            </label>
          ))}
        </div>
      </FieldGroup>
    </section>
  )
}

export function QuickLinkSection({ settings, choose }: SectionProps) {
  const shortcut = quickLinkShortcutText(useIsMac())
  return (
    <section className="panel" aria-labelledby="settings-quick-link">
      <h2 id="settings-quick-link">Quick link</h2>
      <p className="hint settings-intro">
        Copy a file’s address or its path on a site, then choose Quick Link from Clipboard in the File menu or
        the Keyfront icon beside the clock: Keyfront puts a link that works for the default time on the
        clipboard in its place.
      </p>
      <label className="choice">
        <input
          type="checkbox"
          checked={settings.quickLinkShortcut}
          onChange={(event) => choose({ quickLinkShortcut: event.target.checked })}
        />
        Make a quick link from any app with {shortcut}
      </label>
    </section>
  )
}

export function NotificationsSection({ settings, choose }: SectionProps) {
  return (
    <section className="panel" aria-labelledby="settings-notifications">
      <h2 id="settings-notifications">Notifications</h2>
      <p className="hint settings-intro" id="settings-notifications-what">
        Keyfront tells you when a quick link is on the clipboard, when a change to a site has finished
        deploying, and when an old key can be retired. When a quick link cannot be made, it always says why.
      </p>
      <label className="choice">
        <input
          type="checkbox"
          aria-describedby="settings-notifications-what"
          checked={settings.notifications}
          onChange={(event) => choose({ notifications: event.target.checked })}
        />
        Show notifications
      </label>
    </section>
  )
}
