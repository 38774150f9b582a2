// The optional system-wide shortcut for a quick link. Off unless turned on in Settings; another
// app may already hold the keys, in which case registering fails and the caller says so.
import type { GlobalShortcut } from 'electron'
import { QUICK_LINK_SHORTCUT } from '../shared/desktop-commands.ts'

export type ShortcutState = 'on' | 'off' | 'taken'

/** Registers or unregisters the shortcut to match `wanted`; idempotent. */
export function applyQuickLinkShortcut(
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered'>,
  wanted: boolean,
  action: () => void,
): ShortcutState {
  const registered = globalShortcut.isRegistered(QUICK_LINK_SHORTCUT)
  if (!wanted) {
    if (registered) globalShortcut.unregister(QUICK_LINK_SHORTCUT)
    return 'off'
  }
  if (registered) return 'on'
  return globalShortcut.register(QUICK_LINK_SHORTCUT, action) ? 'on' : 'taken'
}
