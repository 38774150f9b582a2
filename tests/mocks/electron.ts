// A fake `electron` module for unit tests of main and preload. Electron's binary cannot be
// downloaded on these machines, so `require('electron')` would throw; everything below Electron's
// glue is tested for real elsewhere. The fakes record what the code under test asked for.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export class FakeWebContents extends EventEmitter {
  /** The page the window shows; a test sets `url` to play a navigation. */
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
  /** An installed app (true) or `electron-vite dev` (false). */
  isPackaged = false
  /** What getPath('userData') answers. */
  userData = '/tmp/keyfront-test-userdata'
  readonly requestSingleInstanceLock = vi.fn(() => this.singleInstanceLock)
  readonly releaseSingleInstanceLock = vi.fn()
  readonly quit = vi.fn()
  readonly exit = vi.fn()
  /** Never ready unless a test makes it so (mockResolvedValue), so importing main starts nothing. */
  readonly whenReady = vi.fn(() => new Promise<void>(() => {}))
  getPath() {
    return this.userData
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
export const dialog = {
  showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
  /** Answers with the index of the button clicked: 0 is the first (yes), cancelId the other. */
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn((_title: string, _content: string) => {}),
}
export const nativeTheme = {
  shouldUseDarkColors: false,
  /** What main set: 'system' (Electron's default), 'light' or 'dark'. */
  themeSource: 'system' as 'system' | 'light' | 'dark',
}

/** A menu built from a template: the template is kept, so a test can find an item and click it. */
export class FakeMenu {
  readonly template: MenuItem[]
  constructor(template: MenuItem[]) {
    this.template = template
  }
}
export interface MenuItem {
  label?: string
  role?: string
  type?: string
  accelerator?: string
  click?: () => void
  submenu?: MenuItem[]
}
export const Menu = {
  applicationMenu: null as FakeMenu | null,
  buildFromTemplate: vi.fn((template: MenuItem[]) => new FakeMenu(template)),
  setApplicationMenu: vi.fn((menu: FakeMenu | null) => {
    Menu.applicationMenu = menu
  }),
}

/** Every item of a menu template, submenus included, in order. */
export function menuItems(template: MenuItem[]): MenuItem[] {
  return template.flatMap((item) => [item, ...menuItems(item.submenu ?? [])])
}

export class FakeImage {
  readonly path: string
  size: { width: number; height: number } | undefined
  constructor(path: string) {
    this.path = path
  }
  resize(size: { width: number; height: number }) {
    const resized = new FakeImage(this.path)
    resized.size = size
    return resized
  }
}
export const nativeImage = { createFromPath: vi.fn((path: string) => new FakeImage(path)) }

export class Tray {
  static created: Tray[] = []
  readonly image: FakeImage
  toolTip: string | undefined
  contextMenu: FakeMenu | null = null
  destroyed = false
  constructor(image: FakeImage) {
    this.image = image
    Tray.created.push(this)
  }
  setToolTip(text: string) {
    this.toolTip = text
  }
  setContextMenu(menu: FakeMenu | null) {
    this.contextMenu = menu
  }
  destroy() {
    this.destroyed = true
  }
}

export class Notification {
  static shown: { title: string; body: string }[] = []
  static supported = true
  static isSupported() {
    return Notification.supported
  }
  readonly options: { title: string; body: string }
  constructor(options: { title: string; body: string }) {
    this.options = options
  }
  show() {
    Notification.shown.push(this.options)
  }
}

/** The system-wide shortcuts held; `taken` lists accelerators another app holds already. */
export const globalShortcut = {
  registered: new Map<string, () => void>(),
  taken: new Set<string>(),
  register: vi.fn((accelerator: string, callback: () => void) => {
    if (globalShortcut.taken.has(accelerator)) return false
    globalShortcut.registered.set(accelerator, callback)
    return true
  }),
  unregister: vi.fn((accelerator: string) => {
    globalShortcut.registered.delete(accelerator)
  }),
  unregisterAll: vi.fn(() => globalShortcut.registered.clear()),
  isRegistered: (accelerator: string) => globalShortcut.registered.has(accelerator),
}

/** The clipboard's text; asynchronous, as Electron's is. */
export const clipboard = {
  text: '',
  readText: vi.fn(async () => clipboard.text),
  writeText: vi.fn(async (text: string) => {
    clipboard.text = text
  }),
}

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

/** The preload's path of a dropped file: here a File named "real…" was dropped, any other was made by the page. */
export const webUtils = {
  getPathForFile: (file: { name: string }) => (file.name.startsWith('real') ? `/dropped/${file.name}` : ''),
}

/**
 * Back to a fresh start: no windows, handlers, listeners or recorded calls. vi.resetModules() runs
 * main again but keeps this module, so tests that start main more than once call this first.
 */
export function resetElectron(): void {
  BrowserWindow.created = []
  Tray.created = []
  Notification.shown = []
  Notification.supported = true
  Menu.applicationMenu = null
  nativeTheme.themeSource = 'system'
  globalShortcut.registered.clear()
  globalShortcut.taken.clear()
  clipboard.text = ''
  ipcMain.handlers.clear()
  app.removeAllListeners()
  app.singleInstanceLock = true
  app.isPackaged = false
  app.userData = '/tmp/keyfront-test-userdata'
  for (const fake of [
    app.requestSingleInstanceLock,
    app.releaseSingleInstanceLock,
    app.quit,
    app.exit,
    app.whenReady,
    dialog.showSaveDialog,
    dialog.showMessageBox,
    dialog.showErrorBox,
    Menu.buildFromTemplate,
    Menu.setApplicationMenu,
    globalShortcut.register,
    globalShortcut.unregister,
    globalShortcut.unregisterAll,
    clipboard.readText,
    clipboard.writeText,
  ])
    fake.mockReset()
}

export default {
  app,
  BrowserWindow,
  session,
  shell,
  dialog,
  nativeTheme,
  Menu,
  nativeImage,
  Tray,
  Notification,
  globalShortcut,
  clipboard,
  ipcMain,
  contextBridge,
  ipcRenderer,
  webUtils,
}
