// Settings → Keyboard shortcuts: the application menu's keys, as this system writes them, and the
// quick link's system-wide one.
import {
  APP_COMMANDS,
  COMMAND_SHORTCUTS,
  QUICK_LINK_SHORTCUT,
  shortcutText,
} from '../../../../shared/desktop-commands.ts'
import { useIsMac } from '../../lib/shortcuts.ts'

const WHAT: Record<(typeof APP_COMMANDS)[number], string> = {
  'new-link': 'Start a new link',
  'search-history': 'Search History',
  'copy-link': 'Copy the link on screen (a new link, or the History row you are on)',
}

export function ShortcutsSection() {
  const mac = useIsMac()
  return (
    <section className="panel" aria-labelledby="settings-shortcuts">
      <h2 id="settings-shortcuts">Keyboard shortcuts</h2>
      <dl className="facts settings-shortcuts">
        {APP_COMMANDS.map((command) => (
          <div key={command} className="settings-shortcut">
            <dt>
              <kbd>{shortcutText(COMMAND_SHORTCUTS[command].accelerator, mac)}</kbd>
            </dt>
            <dd>{WHAT[command]}</dd>
          </div>
        ))}
        <div className="settings-shortcut">
          <dt>
            <kbd>{shortcutText(QUICK_LINK_SHORTCUT, mac)}</kbd>
          </dt>
          <dd>Quick link from any app, when turned on above</dd>
        </div>
      </dl>
    </section>
  )
}
