// The Electron main process: single-instance lock → core → IPC → window. Everything it does is
// wiring; behaviour lives in src/core (tested without Electron) and src/main/ipc.
import type { BrowserWindow } from 'electron'
import { app, dialog, ipcMain, session, shell } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createKeyfront } from '../core/app.ts'
import { createAwsClientFactory } from '../core/aws/clients.ts'
import { systemClock } from '../core/clock.ts'
import { keychainService } from '../core/keychain/keychain.ts'
import { createKeytarKeychain } from '../core/keychain/keytar-keychain.ts'
import { registerIpc } from './ipc/handle.ts'
import { createHandlerTable } from './ipc/handlers.ts'
import type { DesktopPorts } from './ipc/ports.ts'
import { createRouter } from './ipc/router.ts'
import { guardApp, guardSession } from './security.ts'
import { createMainWindow, defaultWindowPaths } from './window.ts'

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..')
let mainWindow: BrowserWindow | undefined

async function openExternal(url: string): Promise<void> {
  await shell.openExternal(url)
}

async function start(): Promise<void> {
  guardSession(session.defaultSession)
  const kf = createKeyfront({
    dataDir: app.getPath('userData'),
    keychain: createKeytarKeychain(keychainService()),
    aws: createAwsClientFactory(),
    clock: systemClock,
    source: 'app',
    version: app.getVersion(),
  })
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
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
  }
  registerIpc(
    ipcMain,
    () => mainWindow,
    createRouter(createHandlerTable(kf, ports), (line) => console.error(line)),
  )
  app.on('will-quit', () => kf.close())
  mainWindow = createMainWindow(defaultWindowPaths(outDir, join(app.getAppPath(), 'resources')))
  mainWindow.on('closed', () => (mainWindow = undefined))
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  guardApp(app, openExternal)
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.whenReady().then(start, (error: unknown) => {
    console.error('Keyfront could not start:', error instanceof Error ? error.name : error)
    app.exit(1)
  })
}
