// The desktop app's keyboard habits: the commands the application menu sends to the window, with
// the shortcut each is given, and the optional system-wide shortcut for a quick link. Main builds
// the menu from this list; the screens can show (and, in a plain browser, handle) the same keys.
// Accelerators are written as Electron spells them.

export const APP_COMMANDS = ['new-link', 'search-history', 'copy-link'] as const
export type AppCommand = (typeof APP_COMMANDS)[number]

export const COMMAND_SHORTCUTS: Record<AppCommand, { label: string; accelerator: string }> = {
  'new-link': { label: 'New Link', accelerator: 'CommandOrControl+N' },
  'search-history': { label: 'Search History', accelerator: 'CommandOrControl+F' },
  /** The link on screen (New link's result, or the chosen History row); plain copy stays Ctrl+C. */
  'copy-link': { label: 'Copy the Link', accelerator: 'CommandOrControl+Shift+C' },
}

/**
 * Quick link from anywhere (when turned on in Settings). Three modifiers, because a system-wide
 * shortcut takes the keys away from every other app.
 */
export const QUICK_LINK_SHORTCUT = 'CommandOrControl+Alt+Shift+L'

const MAC_SYMBOLS: Record<string, string> = {
  CommandOrControl: '⌘',
  Command: '⌘',
  Control: '⌃',
  Alt: '⌥',
  Shift: '⇧',
}

/** An accelerator as people read it on their system: ⌘⇧C on a Mac, Ctrl+Shift+C elsewhere. */
export function shortcutText(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+')
  if (mac) return parts.map((part) => MAC_SYMBOLS[part] ?? part).join('')
  return parts.map((part) => (part === 'CommandOrControl' || part === 'Control' ? 'Ctrl' : part)).join('+')
}

/** The quick-link shortcut as people read it: ⌘⌥⇧L on a Mac, Ctrl+Alt+Shift+L elsewhere. */
export function quickLinkShortcutText(mac: boolean): string {
  return shortcutText(QUICK_LINK_SHORTCUT, mac)
}
