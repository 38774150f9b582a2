// The desktop habits around the window, set up once at start: the application menu and its
// shortcuts, the tray's quick link, the optional system-wide shortcut, the reminder that an old key
// can be retired, and the theme — the shortcut and theme kept in step with Settings whenever they
// change. Each piece is its own module; this one wires them to Electron and to the core.
import {
  Menu,
  Notification,
  Tray,
  clipboard,
  globalShortcut,
  nativeImage,
  nativeTheme,
  type BrowserWindow,
} from 'electron'
import type { Keyfront } from '../core/app.ts'
import type { Clock } from '../core/clock.ts'
import { DEFAULT_SETTINGS, type Settings } from '../shared/contract/settings.ts'
import { quickLinkShortcutText } from '../shared/desktop-commands.ts'
import { checkedEmit } from './ipc/events.ts'
import type { Emit } from './ipc/router.ts'
import { menuTemplate } from './menu.ts'
import { quickLinkAction } from './quick-link.ts'
import { startRetireReminder } from './retire-reminder.ts'
import { applyQuickLinkShortcut } from './shortcut.ts'
import { createTray } from './tray.ts'

export interface DesktopOptions {
  kf: Keyfront
  clock: Clock
  /** Brings the window forward; undefined when there is none. */
  showWindow(): BrowserWindow | undefined
  /** Sends an event to the window as is; it passes the contract here first. */
  send: Emit
  quit: () => void
  /** The app's icon file; the tray shows it small. */
  iconPath: string
  log: (line: string) => void
}

function notify(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body }).show()
}

/** Sets everything up; returns what undoes it at quit (the shortcut is the system's until then). */
export async function setupDesktop(options: DesktopOptions): Promise<() => void> {
  const { kf, log } = options
  const emit = checkedEmit(options.send, log)
  const quickLink = quickLinkAction(
    {
      links: kf.links,
      keys: kf.keys,
      sites: () => kf.cloudfront.sites(),
      settings: kf.settings,
      clock: options.clock,
    },
    {
      readClipboard: () => clipboard.readText(),
      writeClipboard: (text) => clipboard.writeText(text),
      notify,
      recorded: () => emit('history.changed', {}),
    },
  )
  const runQuickLink = () => void quickLink()

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, {
        command: (command) => {
          if (options.showWindow()) emit('app.command', { command })
        },
        quickLink: runQuickLink,
      }),
    ),
  )
  const tray = createTray(
    {
      Tray,
      buildMenu: (template) => Menu.buildFromTemplate(template),
      icon: nativeImage.createFromPath(options.iconPath).resize({ width: 16, height: 16 }),
    },
    { quickLink: runQuickLink, open: () => void options.showWindow(), quit: options.quit },
  )

  const follow = (settings: Settings) => {
    nativeTheme.themeSource = settings.theme
    if (applyQuickLinkShortcut(globalShortcut, settings.quickLinkShortcut, runQuickLink) === 'taken') {
      notify(
        'The quick-link shortcut is taken',
        `Another app already uses ${quickLinkShortcutText(process.platform === 'darwin')}. Quick link still works from the menu and the tray icon.`,
      )
    }
  }
  follow(await readSettings(kf, log))
  const stopFollowing = kf.settings.onChange(follow)
  const stopReminding = startRetireReminder(kf, notify, log)

  return () => {
    stopFollowing()
    stopReminding()
    globalShortcut.unregisterAll()
    tray.destroy()
  }
}

/** The saved settings; the defaults when they cannot be read, rather than no window at all. */
async function readSettings(kf: Keyfront, log: (line: string) => void): Promise<Settings> {
  try {
    return await kf.settings.get()
  } catch (error) {
    log(`settings not read, defaults used: ${error instanceof Error ? error.name : typeof error}`)
    return DEFAULT_SETTINGS
  }
}
