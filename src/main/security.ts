// Electron's security checklist, applied in one place: the web preferences every window gets, and
// the guards on navigation, new windows, webviews and permission requests.
import type { App, Session, WebContents, WebPreferences } from 'electron'
import { isHttpsUrl } from './ipc/app.ts'

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  }
}

/** Permissions the renderer may get: writing to the clipboard (the "Copy" buttons). Nothing else. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  )
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
}

/**
 * The app is a single page: it never navigates, opens windows or embeds webviews. Links to help
 * pages open in the user's browser, and only when they are https.
 */
export function guardWebContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpsUrl(url)) void openExternal(url)
    return { action: 'deny' }
  })
}

export function guardApp(app: App, openExternal: (url: string) => Promise<void>): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal))
}
