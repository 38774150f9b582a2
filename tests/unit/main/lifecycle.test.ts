// The main entry, run for real over the fake `electron` module (Electron's binary cannot be
// downloaded or run on these machines): the single-instance lock, the page the window loads in a
// packaged app and in development, which frames IPC answers, the live test's reach, the dialog
// main shows before signing a far-reaching link, the menu, tray, shortcut and theme set up at
// start, and what happens when starting fails.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('../../mocks/electron.ts'))

type Fake = typeof import('../../mocks/electron.ts')
type Window = InstanceType<Fake['BrowserWindow']>

const ENV_KEYS = ['ELECTRON_RENDERER_URL', 'KEYFRONT_LIVE_TEST_PRIVATE'] as const
let scratch: string

beforeEach(async () => {
  vi.resetModules()
  ;((await import('electron')) as unknown as Fake).resetElectron()
  scratch = mkdtempSync(join(tmpdir(), 'keyfront-main-'))
})
afterEach(() => {
  for (const key of ENV_KEYS) delete process.env[key]
  rmSync(scratch, { recursive: true, force: true })
})

/** Imports the main entry with a fresh fake Electron, makes the app ready and waits for start. */
async function startMain(setup: (electron: Fake) => void = () => {}): Promise<Fake> {
  const electron = (await import('electron')) as unknown as Fake
  electron.app.singleInstanceLock = true
  electron.app.userData = join(scratch, 'Keyfront')
  setup(electron)
  electron.app.whenReady.mockResolvedValue(undefined)
  await import('../../../src/main/index.ts')
  await vi.waitFor(() => {
    const started = electron.BrowserWindow.created.length > 0
    if (!started && electron.dialog.showErrorBox.mock.calls.length === 0) throw new Error('not started yet')
  })
  return electron
}

function theWindow(electron: Fake): Window {
  const window = electron.BrowserWindow.created[0]
  if (!window) throw new Error('no window was created')
  return window
}

/** Calls a channel the way the window's main frame would (Electron passes sender and frame). */
function invoke(electron: Fake, channel: string, request?: unknown) {
  const window = theWindow(electron)
  const handler = electron.ipcMain.handlers.get(channel)
  if (!handler) throw new Error(`${channel} is not registered`)
  return handler(
    { sender: window.webContents, senderFrame: window.webContents.mainFrame },
    request,
  ) as Promise<{
    ok: boolean
    value?: unknown
    error?: { code: string; message: string }
  }>
}

/** Points the fake main frame at the page the window was told to load (as Chromium would). */
function showLoadedPage(window: Window): void {
  const file = window.loadFile.mock.calls[0] as unknown as [string] | undefined
  const url = window.loadURL.mock.calls[0] as unknown as [string] | undefined
  window.webContents.mainFrame.url = file ? pathToFileURL(file[0]).href : (url?.[0] ?? '')
}

describe('main entry', () => {
  it('quits when another instance holds the single-instance lock', async () => {
    const { app } = (await import('electron')) as unknown as Fake
    app.singleInstanceLock = false
    await import('../../../src/main/index.ts')
    expect(app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(app.quit).toHaveBeenCalled()
    expect(app.listenerCount('web-contents-created')).toBe(0)
  })

  it('with the lock, guards every web contents and waits for ready', async () => {
    const { app } = (await import('electron')) as unknown as Fake
    app.singleInstanceLock = true
    await import('../../../src/main/index.ts')
    expect(app.quit).not.toHaveBeenCalled()
    expect(app.listenerCount('web-contents-created')).toBe(1)
    expect(app.listenerCount('second-instance')).toBe(1)
    expect(app.whenReady).toHaveBeenCalled()
  })
})

describe('the page the window shows', () => {
  it('in a packaged app is the built one: ELECTRON_RENDERER_URL loads nothing', async () => {
    process.env.ELECTRON_RENDERER_URL = 'https://evil.example/'
    const electron = await startMain(({ app }) => (app.isPackaged = true))
    const window = theWindow(electron)
    expect(window.loadURL).not.toHaveBeenCalled()
    expect(window.loadFile).toHaveBeenCalledWith(expect.stringMatching(/[/\\]renderer[/\\]index\.html$/))
  })

  it('in development is the dev server electron-vite names', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    const electron = await startMain(({ app }) => (app.isPackaged = false))
    const window = theWindow(electron)
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173')
    expect(window.loadFile).not.toHaveBeenCalled()
  })
})

describe('IPC answers the window only while it shows the app', () => {
  it('packaged: the built index.html, not a page at another URL', async () => {
    process.env.ELECTRON_RENDERER_URL = 'https://evil.example/'
    const electron = await startMain(({ app }) => (app.isPackaged = true))
    const window = theWindow(electron)
    showLoadedPage(window)
    await expect(invoke(electron, 'app.info')).resolves.toMatchObject({ ok: true })
    for (const url of ['https://evil.example/', 'file:///tmp/elsewhere/index.html']) {
      window.webContents.mainFrame.url = url
      await expect(invoke(electron, 'app.info')).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNTRUSTED_SENDER' },
      })
    }
  })

  it("development: pages of the dev server's origin, nothing else", async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    const electron = await startMain(({ app }) => (app.isPackaged = false))
    const window = theWindow(electron)
    window.webContents.mainFrame.url = 'http://localhost:5173/#/keys'
    await expect(invoke(electron, 'app.info')).resolves.toMatchObject({ ok: true })
    window.webContents.mainFrame.url = 'http://localhost:5174/'
    await expect(invoke(electron, 'app.info')).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    })
  })
})

describe('live tests from the app', () => {
  let server: Server
  let origin = ''
  const requests: string[] = []
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '')
      response.writeHead(403, { 'x-amz-cf-id': 'local' }).end('<Error><Code>AccessDenied</Code></Error>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const signedLocalLink = () =>
    `${origin}/file.pdf?Expires=2000000000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=abc`

  it('never reach this computer in a packaged app, whatever the launch environment says', async () => {
    process.env.KEYFRONT_LIVE_TEST_PRIVATE = '1'
    const electron = await startMain(({ app }) => (app.isPackaged = true))
    showLoadedPage(theWindow(electron))
    requests.length = 0
    await expect(invoke(electron, 'links.testLive', { input: signedLocalLink() })).resolves.toMatchObject({
      ok: false,
      error: { code: 'LIVE_TEST_REFUSED' },
    })
    expect(requests).toEqual([])
  })

  it('may reach a local server in development when KEYFRONT_LIVE_TEST_PRIVATE=1 says so', async () => {
    process.env.KEYFRONT_LIVE_TEST_PRIVATE = '1'
    const electron = await startMain(({ app }) => (app.isPackaged = false))
    showLoadedPage(theWindow(electron))
    requests.length = 0
    await expect(invoke(electron, 'links.testLive', { input: signedLocalLink() })).resolves.toMatchObject({
      ok: true,
      value: { status: 403, errorCode: 'AccessDenied' },
    })
    expect(requests).toEqual(['/file.pdf?Expires=2000000000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=abc'])
  })
})

describe('a far-reaching link', () => {
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600
  const everySite = {
    key: 'Main',
    url: 'https://d111111abcdef8.cloudfront.net/a.pdf',
    resource: 'https://*/*',
    expiresAt: inAnHour(),
  }

  it("is confirmed in main's own dialog on the window; cancelled, nothing is signed", async () => {
    const electron = await startMain(({ app }) => (app.isPackaged = true))
    const window = theWindow(electron)
    showLoadedPage(window)
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    const answer = await invoke(electron, 'links.sign', everySite)
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    const [shownOn, options] = electron.dialog.showMessageBox.mock.calls[0] ?? []
    expect(shownOn).toBe(window)
    expect(options).toMatchObject({
      type: 'warning',
      buttons: ['Sign the link', 'Cancel'],
      cancelId: 1,
      detail: expect.stringContaining('every site whose address matches https://*/*') as unknown,
    })
  })

  it('goes on to signing once the user says yes (here: no such key)', async () => {
    const electron = await startMain(({ app }) => (app.isPackaged = true))
    showLoadedPage(theWindow(electron))
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    const answer = await invoke(electron, 'links.sign', everySite)
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1)
    expect(answer).toMatchObject({ ok: false, error: { code: 'KEY_NOT_FOUND' } })
  })

  it('of one site, for a year at most, is signed without asking', async () => {
    const electron = await startMain(({ app }) => (app.isPackaged = true))
    showLoadedPage(theWindow(electron))
    const answer = await invoke(electron, 'links.sign', {
      ...everySite,
      resource: 'https://d111111abcdef8.cloudfront.net/*',
    })
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled()
    expect(answer).toMatchObject({ ok: false, error: { code: 'KEY_NOT_FOUND' } })
  })
})

describe('desktop habits at start', () => {
  it('sets the application menu and the tray, with the saved theme, and no system-wide shortcut unless turned on', async () => {
    const dataDir = join(scratch, 'Keyfront')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ theme: 'dark' }))
    const electron = await startMain()
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce()
    expect(electron.Tray.created).toHaveLength(1)
    expect(electron.nativeTheme.themeSource).toBe('dark')
    expect(electron.globalShortcut.register).not.toHaveBeenCalled()
    const quitting = electron.app.listeners('will-quit') as (() => void)[]
    for (const listener of quitting) listener()
    expect(electron.globalShortcut.unregisterAll).toHaveBeenCalled()
    expect(electron.Tray.created[0]?.destroyed).toBe(true)
  })
})

describe('when starting fails', () => {
  it('says what happened and where, then quits and gives up the single-instance lock', async () => {
    const notAFolder = join(scratch, 'Keyfront')
    writeFileSync(notAFolder, 'a file where the data folder should be')
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const electron = await startMain()
    expect(logged).toHaveBeenCalledWith('Keyfront could not start: KeyfrontError')
    logged.mockRestore()
    expect(electron.BrowserWindow.created).toEqual([])
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [title, text] = electron.dialog.showErrorBox.mock.calls[0] ?? []
    expect(title).toBe('Keyfront could not start')
    expect(text).toContain(`${notAFolder} is not a folder`)
    expect(text).toContain(`Data folder: ${notAFolder}`)
    expect(electron.app.releaseSingleInstanceLock).toHaveBeenCalled()
    expect(electron.app.exit).toHaveBeenCalledWith(1)
  })
})
