// The tray (menu-bar) icon: Quick link from the clipboard without opening the window, opening
// Keyfront, and quitting. Its menu is the only way in: one click on a tray icon means different
// things on each system, a menu means the same everywhere.
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron'

export interface TrayActions {
  quickLink(): void
  open(): void
  quit(): void
}

export function trayMenuTemplate(actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Quick Link from Clipboard', click: () => actions.quickLink() },
    { label: 'Open Keyfront', click: () => actions.open() },
    { type: 'separator' },
    { label: 'Quit Keyfront', click: () => actions.quit() },
  ]
}

export interface TrayParts {
  Tray: new (image: NativeImage) => Tray
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu
  /** The icon, small enough for a menu bar. */
  icon: NativeImage
}

export function createTray(parts: TrayParts, actions: TrayActions): Tray {
  const tray = new parts.Tray(parts.icon)
  tray.setToolTip('Keyfront')
  tray.setContextMenu(parts.buildMenu(trayMenuTemplate(actions)))
  return tray
}
