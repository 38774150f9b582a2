// The Electron main process: single-instance lock → core → IPC → menu, tray, shortcut and theme
// (desktop.ts) → window. Everything it does is wiring; behaviour lives in src/core (tested without
// Electron), src/main/ipc and the desktop modules. If starting fails, the user is told what and
// where, and the app quits, giving up the single-instance lock.
import type { BrowserWindow, MessageBoxOptions } from 'electron'
import { Notification, app, dialog, ipcMain, session, shell } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createKeyfront, type Keyfront } from '../core/app.ts'
import { createAwsClientFactory } from '../core/aws/clients.ts'
import { systemClock } from '../core/clock.ts'
import { ensureDataDir } from '../core/data-dir.ts'
import { keychainService } from '../core/keychain/keychain.ts'
import { createKeytarKeychain } from '../core/keychain/keytar-keychain.ts'
import { registerIpc } from './ipc/handle.ts'
import { checkedEmit } from './ipc/events.ts'
import { createHandlerTable } from './ipc/handlers.ts'
import { forwardHistoryReset } from './ipc/history-reset.ts'
import type { DesktopPorts } from './ipc/ports.ts'
import { createRouter } from './ipc/router.ts'
import { guardApp, guardSession } from './security.ts'
import { setupDesktop } from './desktop.ts'
import { watchDeployments } from './deployments.ts'
import { startupErrorText } from './startup-error.ts'
import { createMainWindow, defaultWindowPaths, isAppPage } from './window.ts'

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..')
let mainWindow: BrowserWindow | undefined
let kf: Keyfront | undefined
const log = (line: string) => console.error(line)

async function openExternal(url: string): Promise<void> {
  await shell.openExternal(url)
}

/** Brings the window forward (from the tray, the menu, a second launch); undefined when there is none. */
function showWindow(): BrowserWindow | undefined {
  if (!mainWindow) return undefined
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
  return mainWindow
}

async function start(): Promise<void> {
  guardSession(session.defaultSession)
  const dataDir = app.getPath('userData')
  // A data folder Keyfront cannot use is said now, before a window that could do nothing.
  ensureDataDir(dataDir)
  const core = createKeyfront({
    dataDir,
    keychain: createKeytarKeychain(keychainService()),
    aws: createAwsClientFactory(),
    clock: systemClock,
    source: 'app',
    version: app.getVersion(),
  })
  kf = core
  const ports: DesktopPorts = {
    openExternal,
    chooseSavePath: async (request) => {
      const options = {
        title: request.title,
        defaultPath: request.defaultName,
        filters: request.filters ?? [],
      }
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options)
      return result.canceled ? undefined : result.filePath
    },
    chooseFiles: async (request) => {
      const options = {
        title: request.title,
        properties: request.single
          ? ['openFile' as const]
          : ['openFile' as const, 'multiSelections' as const],
        filters: request.filters ?? [],
      }
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    confirm: async (question) => {
      const options: MessageBoxOptions = {
        type: 'warning',
        title: question.title,
        message: question.message,
        detail: question.detail,
        buttons: [question.confirmLabel, 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      }
      const result = mainWindow
        ? await dialog.showMessageBox(mainWindow, options)
        : await dialog.showMessageBox(options)
      return result.response === 0
    },
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
    // Development only: a packaged app never reaches this computer's or its network's addresses.
    liveTestsReachPrivateAddresses: !app.isPackaged && process.env.KEYFRONT_LIVE_TEST_PRIVATE === '1',
  }
  const paths = defaultWindowPaths(outDir, join(app.getAppPath(), 'resources'), app.isPackaged)
  registerIpc(
    ipcMain,
    () => mainWindow,
    createRouter(createHandlerTable(core, ports, log), log),
    (url) => isAppPage(paths, url),
  )
  app.on('will-quit', () => core.close())
  app.on('will-quit', forwardHistoryReset(core, checkedEmit(ports.emit, log)))
  // Deployments are followed by the app, not by a screen: polled until Deployed, then notified.
  const deployments = watchDeployments({
    cloudfront: core.cloudfront,
    settings: core.settings,
    emit: checkedEmit(ports.emit, log),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show()
    },
    log,
  })
  app.on('will-quit', () => deployments.stop())
  // Before the window: its first paint takes the theme's colours. Without a menu, tray or shortcut
  // Keyfront still works, so a failure here is logged, not fatal.
  const undoDesktop = await setupDesktop({
    kf: core,
    clock: systemClock,
    showWindow,
    send: (event, payload) => mainWindow?.webContents.send(event, payload),
    quit: () => app.quit(),
    iconPath: paths.icon,
    log,
  }).catch((error: unknown) => {
    log(`desktop menu, tray or shortcut not set up: ${error instanceof Error ? error.name : typeof error}`)
    return () => {}
  })
  app.on('will-quit', undoDesktop)
  mainWindow = createMainWindow(paths)
  mainWindow.on('closed', () => (mainWindow = undefined))
}

/** Says why Keyfront cannot start (the window may not exist yet), then quits and frees the lock. */
function failedToStart(error: unknown): void {
  let dataDir: string | undefined
  try {
    dataDir = app.getPath('userData')
  } catch {
    // The folder itself could not be found: the message says what happened without it.
  }
  log(`Keyfront could not start: ${error instanceof Error ? error.name : typeof error}`)
  dialog.showErrorBox('Keyfront could not start', startupErrorText(error, dataDir))
  try {
    kf?.close()
  } catch {
    // Quitting matters more than a tidy close.
  }
  app.releaseSingleInstanceLock()
  app.exit(1)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  guardApp(app, openExternal)
  app.on('second-instance', () => void showWindow())
  app.on('window-all-closed', () => app.quit())
  app.whenReady().then(start).catch(failedToStart)
}
