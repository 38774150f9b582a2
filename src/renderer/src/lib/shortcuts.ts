// Keyboard shortcuts in the window: whether this is a Mac (its keys are written ⌘⇧C, elsewhere
// Ctrl+Shift+C), and buttons' tooltips naming the menu shortcut that does the same.
import { COMMAND_SHORTCUTS, shortcutText, type AppCommand } from '../../../shared/desktop-commands.ts'
import { useRead } from './server-state.ts'

/** True on macOS (known once app.info has answered; other systems' keys until then). */
export function useIsMac(): boolean {
  return useRead('app.info', undefined).data?.platform === 'darwin'
}

/** "Copy link (Ctrl+Shift+C)": a button's tooltip naming the menu shortcut that does the same. */
export function useShortcutTitle(command: AppCommand): (what: string) => string {
  const mac = useIsMac()
  return (what) => `${what} (${shortcutText(COMMAND_SHORTCUTS[command].accelerator, mac)})`
}
