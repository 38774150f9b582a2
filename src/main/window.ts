// The one application window: secure preferences, shown when ready, themed like the OS. It shows
// the app's own page only: the built index.html, or in development the electron-vite dev server.
import { BrowserWindow, nativeTheme } from 'electron'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
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

/**
 * Where the window's page comes from. ELECTRON_RENDERER_URL (set by `electron-vite dev`) counts in
 * development only: in an installed app, whoever controls the launch environment could otherwise
 * pick the page that gets the whole `window.keyfront` bridge.
 */
export function defaultWindowPaths(
  outDir: string,
  resourcesDir: string,
  packaged: boolean,
  env: NodeJS.ProcessEnv = process.env,
): WindowPaths {
  const devServerUrl = env.ELECTRON_RENDERER_URL
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    devServerUrl: !packaged && devServerUrl && /^https?:\/\//i.test(devServerUrl) ? devServerUrl : undefined,
    rendererHtml: join(outDir, 'renderer', 'index.html'),
    icon: join(resourcesDir, 'icon.png'),
  }
}

/** Whether a frame shows the app's own page: the built index.html file, or a page of the dev server. */
export function isAppPage(paths: WindowPaths, frameUrl: string): boolean {
  try {
    const url = new URL(frameUrl)
    if (paths.devServerUrl) return url.origin === new URL(paths.devServerUrl).origin
    return url.protocol === 'file:' && resolve(fileURLToPath(url)) === resolve(paths.rendererHtml)
  } catch {
    return false
  }
}
