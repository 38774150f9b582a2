// A fake `electron` module for unit tests of main and preload. Electron's binary cannot be
// downloaded on these machines, so `require('electron')` would throw; everything below Electron's
// glue is tested for real elsewhere. The fakes record what the code under test asked for.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = { url: 'file:///app/index.html' }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  readonly send = vi.fn()
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  readonly options: Record<string, unknown>
  readonly loadURL = vi.fn(async () => {})
  readonly loadFile = vi.fn(async () => {})
  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    BrowserWindow.created.push(this)
  }
  isDestroyed() {
    return false
  }
  isMinimized() {
    return false
  }
  show() {}
  focus() {}
  restore() {}
}

class FakeApp extends EventEmitter {
  singleInstanceLock = true
  readonly requestSingleInstanceLock = vi.fn(() => this.singleInstanceLock)
  readonly quit = vi.fn()
  readonly exit = vi.fn()
  readonly whenReady = vi.fn(() => new Promise<void>(() => {}))
  getPath() {
    return '/tmp/keyfront-test-userdata'
  }
  getVersion() {
    return '0.0.0-test'
  }
  getAppPath() {
    return '/tmp/keyfront-test-app'
  }
}

export const app = new FakeApp()

export class FakeSession {
  permissionRequestHandler:
    ((c: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
  permissionCheckHandler: ((c: unknown, permission: string) => boolean) | undefined
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler
  }
}

export const session = { defaultSession: new FakeSession() }
export const shell = { openExternal: vi.fn(async () => {}) }
export const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) }
export const nativeTheme = { shouldUseDarkColors: false }

class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, payload: unknown) => unknown>()
  handle(channel: string, handler: (event: unknown, payload: unknown) => unknown) {
    this.handlers.set(channel, handler)
  }
}
export const ipcMain = new FakeIpcMain()

/** What the preload exposed, in call order (a plain record: vitest may reset vi.fn call counts). */
export const exposed: Record<string, unknown> = {}
export const exposeCalls: string[] = []
export const contextBridge = {
  exposeInMainWorld: (key: string, value: unknown) => {
    exposeCalls.push(key)
    exposed[key] = value
  },
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (channel: string, request: unknown) => ({
    ok: true,
    value: { channel, request },
  }))
}
export const ipcRenderer = new FakeIpcRenderer()

export default {
  app,
  BrowserWindow,
  session,
  shell,
  dialog,
  nativeTheme,
  ipcMain,
  contextBridge,
  ipcRenderer,
}
