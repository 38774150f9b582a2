// The application menu: the usual Edit and Window menus, plus Keyfront's own commands with their
// shortcuts (shared/desktop-commands.ts). A command is carried out by the window: the menu only
// brings the window forward and sends it the command, through the contract's checked events.
import type { MenuItemConstructorOptions } from 'electron'
import { COMMAND_SHORTCUTS, type AppCommand } from '../shared/desktop-commands.ts'

export interface MenuActions {
  /** Shows the window and sends it the command. */
  command(command: AppCommand): void
  quickLink(): void
}

function commandItem(command: AppCommand, actions: MenuActions): MenuItemConstructorOptions {
  const { label, accelerator } = COMMAND_SHORTCUTS[command]
  return { label, accelerator, click: () => actions.command(command) }
}

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        commandItem('new-link', actions),
        { label: 'Quick Link from Clipboard', click: () => actions.quickLink() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        commandItem('copy-link', actions),
      ],
    },
    {
      label: 'View',
      submenu: [commandItem('search-history', actions), { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ]
}
