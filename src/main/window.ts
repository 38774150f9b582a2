// The one application window: secure preferences, shown when ready, themed like the OS.
import { BrowserWindow, nativeTheme } from 'electron'
import { join } from 'node:path'
import { secureWebPreferences } from './security.ts'

export interface WindowPaths {
  preload: string
  /** The dev server URL (electron-vite dev) or undefined to load the built files. */
  devServerUrl: string | undefined
  rendererHtml: string
  icon: string
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Keyfront',
    icon: paths.icon,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f8fa',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(paths.preload),
  })
  window.once('ready-to-show', () => window.show())
  if (paths.devServerUrl) void window.loadURL(paths.devServerUrl)
  else void window.loadFile(paths.rendererHtml)
  return window
}

export function defaultWindowPaths(outDir: string, resourcesDir: string): WindowPaths {
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    rendererHtml: join(outDir, 'renderer', 'index.html'),
    icon: join(resourcesDir, 'icon.png'),
  }
}
